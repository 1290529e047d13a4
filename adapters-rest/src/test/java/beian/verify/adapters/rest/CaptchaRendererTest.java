package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.service.IssueCaptchaService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The captcha picture: every character of the core's alphabet drawable, without any font. */
class CaptchaRendererTest {

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int darkPixels(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 300) {
                    dark++;
                }
            }
        }
        return dark;
    }

    @Test
    void everyCharacterOfTheCoresAlphabetHasAGlyph() {
        for (char c : IssueCaptchaService.ALPHABET.toCharArray()) {
            assertThat(CaptchaRenderer.canDraw(c)).as("glyph for %s", c).isTrue();
        }
    }

    @Test
    void theAnswerIsDrawnAsAPngWithInkForEveryCharacter() throws IOException {
        CaptchaRenderer renderer = new CaptchaRenderer(new Random(7));
        BufferedImage noise = read(renderer.png(""));
        BufferedImage one = read(new CaptchaRenderer(new Random(7)).png("A"));
        BufferedImage five = read(new CaptchaRenderer(new Random(7)).png("AAAAA"));

        assertThat(five.getWidth()).isEqualTo(CaptchaRenderer.WIDTH);
        assertThat(five.getHeight()).isEqualTo(CaptchaRenderer.HEIGHT);
        assertThat(darkPixels(one)).isGreaterThan(darkPixels(noise));
        assertThat(darkPixels(five)).isGreaterThan(darkPixels(one) + 3 * 40);
    }

    @Test
    void theSameAnswerIsDrawnDifferentlyEachTime() throws IOException {
        CaptchaRenderer renderer = new CaptchaRenderer();
        byte[] first = renderer.png("ACDEF");
        byte[] second = renderer.png("ACDEF");

        assertThat(first).isNotEqualTo(second);
        Files.createDirectories(Path.of("target", "captcha"));
        for (int i = 0; i < IssueCaptchaService.ALPHABET.length(); i += IssueCaptchaService.LENGTH) {
            String answer = IssueCaptchaService.ALPHABET.substring(i, Math.min(i + IssueCaptchaService.LENGTH, IssueCaptchaService.ALPHABET.length()));
            Files.write(Path.of("target", "captcha", "alphabet-" + i + ".png"), renderer.png(answer));
        }
    }

    @Test
    void aCharacterOutsideTheAlphabetIsRefusedRatherThanDrawnBlank() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CaptchaRenderer().png("O"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
