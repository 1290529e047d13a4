package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.service.IssueCaptchaService;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The captcha picture (DOMAIN.md "The picture captcha"; issue 19): every character of the core's alphabet
 * drawable without any font, characters that never touch, ink that contrasts with the ground, small and
 * cheap. That people read it is measured by a person with {@link CaptchaSheet} (docs/SECURITY.md).
 */
class CaptchaRendererTest {
    static final int PICTURES = 400;

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** The grey level of a pixel of a decoded greyscale PNG (ImageIO gives it back as r = g = b). */
    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    private static int inkPixels(BufferedImage image) {
        int ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                ink += grey(image, x, y) < CaptchaRenderer.TEXTURE_DARKEST ? 1 : 0;
            }
        }
        return ink;
    }

    private static String answer(Random random) {
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < IssueCaptchaService.LENGTH; i++) {
            a.append(IssueCaptchaService.ALPHABET.charAt(random.nextInt(IssueCaptchaService.ALPHABET.length())));
        }
        return a.toString();
    }

    /** WCAG 2.1 relative luminance of an sRGB grey level. */
    static double luminance(int grey) {
        double c = grey / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static double contrast(int lighter, int darker) {
        return (luminance(lighter) + 0.05) / (luminance(darker) + 0.05);
    }

    @Test
    void everyCharacterOfTheCoresAlphabetHasAGlyph() {
        for (char c : IssueCaptchaService.ALPHABET.toCharArray()) {
            assertThat(CaptchaRenderer.canDraw(c)).as("glyph for %s", c).isTrue();
        }
    }

    @Test
    void theAnswerIsDrawnAsAPngWithInkForEveryCharacter() throws IOException {
        BufferedImage none = read(new CaptchaRenderer(new Random(7)).png(""));
        BufferedImage one = read(new CaptchaRenderer(new Random(7)).png("3"));
        BufferedImage four = read(new CaptchaRenderer(new Random(7)).png("3333"));

        assertThat(four.getWidth()).isEqualTo(CaptchaRenderer.WIDTH);
        assertThat(four.getHeight()).isEqualTo(CaptchaRenderer.HEIGHT);
        assertThat(inkPixels(none)).isZero();
        assertThat(inkPixels(one)).isGreaterThan(60);
        assertThat(inkPixels(four)).isGreaterThan(3 * inkPixels(one));
    }

    @Test
    void theSameAnswerIsDrawnDifferentlyEachTime() throws IOException {
        CaptchaRenderer renderer = new CaptchaRenderer();
        byte[] first = renderer.png("379C");
        byte[] second = renderer.png("379C");

        assertThat(first).isNotEqualTo(second);
        Files.createDirectories(Path.of("target", "captcha"));
        String alphabet = IssueCaptchaService.ALPHABET;
        for (int i = 0; i < alphabet.length(); i += IssueCaptchaService.LENGTH) {
            String answer = alphabet.substring(i, Math.min(i + IssueCaptchaService.LENGTH, alphabet.length()));
            Files.write(Path.of("target", "captcha", "alphabet-" + i + ".png"), renderer.png(answer));
        }
    }

    @Test
    void aCharacterOutsideTheAlphabetIsRefusedRatherThanDrawnBlank() {
        assertThatThrownBy(() -> new CaptchaRenderer().png("O")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Each character in its own space: over many pictures, the drawn bounds of neighbours are at least
     * {@link CaptchaRenderer#MIN_GAP} pixels apart and inside the picture's margin, and in the decoded
     * picture a whole column between them holds no ink, so no stroke touches or crosses another character.
     */
    @Test
    void charactersNeverTouchOneAnotherNorTheEdge() throws IOException {
        Random random = new Random(19);
        CaptchaRenderer renderer = new CaptchaRenderer(random);
        double narrowest = Double.MAX_VALUE;
        for (int p = 0; p < PICTURES; p++) {
            String answer = p % 50 == 0 ? "WMWM" : answer(random); // the widest characters too
            CaptchaRenderer.Picture picture = renderer.draw(answer);
            List<Rectangle2D> bounds = picture.bounds();
            BufferedImage image = read(picture.png());
            assertThat(bounds).hasSize(answer.length());
            for (int i = 0; i < bounds.size(); i++) {
                Rectangle2D b = bounds.get(i);
                assertThat(b.getMinX()).as("%s, character %d, left", answer, i).isGreaterThanOrEqualTo(CaptchaRenderer.MARGIN);
                assertThat(b.getMinY()).as("%s, character %d, top", answer, i).isGreaterThanOrEqualTo(CaptchaRenderer.MARGIN);
                assertThat(b.getMaxX()).as("%s, character %d, right", answer, i)
                        .isLessThanOrEqualTo(CaptchaRenderer.WIDTH - CaptchaRenderer.MARGIN);
                assertThat(b.getMaxY()).as("%s, character %d, bottom", answer, i)
                        .isLessThanOrEqualTo(CaptchaRenderer.HEIGHT - CaptchaRenderer.MARGIN);
                for (int j = i + 1; j < bounds.size(); j++) {
                    assertThat(b.intersects(bounds.get(j))).as("%s: characters %d and %d overlap", answer, i, j).isFalse();
                }
                if (i + 1 < bounds.size()) {
                    double gap = bounds.get(i + 1).getMinX() - b.getMaxX();
                    narrowest = Math.min(narrowest, gap);
                    assertThat(gap).as("%s: gap after character %d", answer, i).isGreaterThanOrEqualTo(CaptchaRenderer.MIN_GAP);
                    int column = (int) Math.round((b.getMaxX() + bounds.get(i + 1).getMinX()) / 2);
                    for (int y = 0; y < CaptchaRenderer.HEIGHT; y++) {
                        assertThat(grey(image, column, y)).as("%s: ink at (%d, %d) between characters %d and %d",
                                answer, column, y, i, i + 1).isGreaterThanOrEqualTo(CaptchaRenderer.TEXTURE_DARKEST);
                    }
                }
            }
        }
        System.out.printf("CAPTCHA layout: %d pictures, no two characters' bounds closer than %.1f px%n", PICTURES, narrowest);
    }

    /**
     * WCAG contrast from the pixels: the lightest pixel wholly inside a character's ink against the darkest
     * pixel that no character's ink touches (ground and texture), over many pictures: at least 7:1 (WCAG's
     * AAA level for text; AA asks 4.5:1). Every character also has solid ink at display size (a stroke at
     * least a pixel wider than its antialiased edges) and is at least half the picture's height.
     */
    @Test
    void theInkContrastsWithTheGroundByAtLeastSevenToOneAndEveryStrokeIsSolid() throws IOException {
        Random random = new Random(20);
        CaptchaRenderer renderer = new CaptchaRenderer(random);
        int inkLightest = 0;
        int groundDarkest = 255;
        int fewestSolid = Integer.MAX_VALUE;
        double lowest = Double.MAX_VALUE;
        for (int p = 0; p < PICTURES / 4; p++) {
            CaptchaRenderer.Picture picture = renderer.draw(answer(random));
            BufferedImage image = read(picture.png());
            int[] solid = new int[picture.ink().size()];
            for (int y = 0; y < CaptchaRenderer.HEIGHT; y++) {
                for (int x = 0; x < CaptchaRenderer.WIDTH; x++) {
                    Rectangle2D pixel = new Rectangle2D.Double(x, y, 1, 1);
                    boolean touched = false;
                    for (int i = 0; i < solid.length; i++) {
                        Shape ink = picture.ink().get(i);
                        if (ink.contains(pixel)) {
                            solid[i]++;
                            inkLightest = Math.max(inkLightest, grey(image, x, y));
                        }
                        touched |= ink.intersects(pixel);
                    }
                    if (!touched) {
                        groundDarkest = Math.min(groundDarkest, grey(image, x, y));
                    }
                }
            }
            for (int i = 0; i < solid.length; i++) {
                fewestSolid = Math.min(fewestSolid, solid[i]);
                lowest = Math.min(lowest, picture.bounds().get(i).getHeight());
            }
        }
        double ratio = contrast(groundDarkest, inkLightest);
        System.out.printf("CAPTCHA contrast: ink at its lightest %d, ground at its darkest %d: %.1f:1 (WCAG);"
                + " fewest solid ink pixels of a character %d; lowest character %.1f px of %d%n",
                inkLightest, groundDarkest, ratio, fewestSolid, lowest, CaptchaRenderer.HEIGHT);

        assertThat(ratio).as("WCAG contrast of the ink against the ground").isGreaterThanOrEqualTo(7);
        assertThat(inkLightest).isLessThanOrEqualTo(CaptchaRenderer.INK_LIGHTEST);
        assertThat(groundDarkest).isGreaterThanOrEqualTo(CaptchaRenderer.TEXTURE_DARKEST);
        assertThat(fewestSolid).as("solid ink pixels of the thinnest character").isGreaterThanOrEqualTo(30);
        assertThat(lowest).as("height of the smallest character").isGreaterThanOrEqualTo(CaptchaRenderer.HEIGHT / 2.0);
    }

    /** Small (it travels base64 in JSON) and cheap; both printed. */
    @Test
    void aPictureIsSmallAndCheapToDraw() {
        Random random = new Random(21);
        CaptchaRenderer renderer = new CaptchaRenderer(random);
        String[] answers = new String[2_000];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = answer(random);
        }
        for (int i = 0; i < 500; i++) {
            renderer.png(answers[i]); // warm up
        }
        long bytes = 0;
        int largest = 0;
        long start = System.nanoTime();
        for (String a : answers) {
            int size = renderer.png(a).length;
            bytes += size;
            largest = Math.max(largest, size);
        }
        double micros = (System.nanoTime() - start) / 1e3 / answers.length;
        System.out.printf("CAPTCHA picture: %d x %d, %d bytes a PNG on average (largest %d, base64 %d);"
                + " %.0f µs a picture, PNG included%n", CaptchaRenderer.WIDTH, CaptchaRenderer.HEIGHT,
                bytes / answers.length, largest, (largest + 2) / 3 * 4, micros);

        assertThat(largest).as("bytes of the largest PNG").isLessThan(4_000);
    }
}
