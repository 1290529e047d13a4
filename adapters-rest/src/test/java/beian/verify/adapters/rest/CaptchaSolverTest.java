package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.service.IssueCaptchaService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * What a cheap machine reader does with the pictures: a segment-and-match solver, trained on a renderer's
 * own labelled output (the renderer is public, so anyone can make unlimited training data). Since issue 19
 * it no longer gates the renderer: the picture is drawn for people to read, and the limits of DOMAIN.md
 * step 5 hold with every captcha assumed solved (docs/SECURITY.md). The test asserts the solver works (it
 * reads the pictures of the fixed-cell renderer before issue #11, LegacyCaptchaRenderer, at least a fifth
 * of the time) and prints its rate on this renderer.
 *
 * <p>The solver: ink is what is dark; the ink's columns are cut into as many equal slices as the
 * answer has characters (gaps between blobs are used when there are exactly that many), after an
 * opening that removes lines thinner than 2 pixels; each slice is
 * cropped to its ink and scaled to 12×12; the nearest of the training slices (1-NN) names it.
 */
class CaptchaSolverTest {
    static final String LEGACY_ALPHABET = "ACDEFHJKMNPRTUVWXY34679";
    static final int SIDE = 12;
    static final int TRAIN = 400;
    static final int TRIALS = 300;

    record Sample(char label, double[] features) {
    }

    private static BufferedImage read(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean[][] ink(BufferedImage image) {
        boolean[][] ink = new boolean[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                ink[y][x] = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 300;
            }
        }
        return ink;
    }

    /** Column ranges [from, to) of the characters. */
    private static List<int[]> segment(boolean[][] ink, int count) {
        int w = ink[0].length;
        int[] columns = new int[w];
        for (boolean[] row : ink) {
            for (int x = 0; x < w; x++) {
                columns[x] += row[x] ? 1 : 0;
            }
        }
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int x = 0; x <= w; x++) {
            boolean on = x < w && columns[x] > 0;
            if (on && start < 0) {
                start = x;
            } else if (!on && start >= 0) {
                if (x - start >= 3) {
                    runs.add(new int[] {start, x});
                }
                start = -1;
            }
        }
        if (runs.size() == count) {
            return runs;
        }
        int first = runs.isEmpty() ? 0 : runs.get(0)[0];
        int last = runs.isEmpty() ? w : runs.get(runs.size() - 1)[1];
        List<int[]> slices = new ArrayList<>();
        double step = (last - first) / (double) count;
        for (int i = 0; i < count; i++) {
            slices.add(new int[] {first + (int) Math.round(i * step), first + (int) Math.round((i + 1) * step)});
        }
        return slices;
    }

    private static double[] features(boolean[][] ink, int[] cols) {
        int top = ink.length;
        int bottom = -1;
        for (int y = 0; y < ink.length; y++) {
            for (int x = cols[0]; x < cols[1]; x++) {
                if (ink[y][x]) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        double[] f = new double[SIDE * SIDE];
        if (bottom < 0) {
            return f;
        }
        int h = bottom - top + 1;
        int w = Math.max(1, cols[1] - cols[0]);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[top + y][cols[0] + x]) {
                    f[(y * SIDE / h) * SIDE + (x * SIDE / w)] += 1.0 / (h * w) * SIDE * SIDE;
                }
            }
        }
        return f;
    }

    /** Thin lines go (an opening with a 2×2 square): the earlier renderer's crossing curves were thinner than its glyphs. */
    private static boolean[][] open(boolean[][] ink) {
        int h = ink.length;
        int w = ink[0].length;
        boolean[][] eroded = new boolean[h][w];
        for (int y = 0; y + 1 < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                eroded[y][x] = ink[y][x] && ink[y + 1][x] && ink[y][x + 1] && ink[y + 1][x + 1];
            }
        }
        boolean[][] opened = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                opened[y][x] = eroded[y][x] || (x > 0 && eroded[y][x - 1]) || (y > 0 && eroded[y - 1][x])
                        || (x > 0 && y > 0 && eroded[y - 1][x - 1]);
            }
        }
        return opened;
    }

    private static List<double[]> slices(BufferedImage image, int count) {
        boolean[][] ink = open(ink(image));
        return segment(ink, count).stream().map(c -> features(ink, c)).toList();
    }

    private static char nearest(List<Sample> training, double[] f) {
        char best = '?';
        double bestDistance = Double.MAX_VALUE;
        for (Sample s : training) {
            double d = 0;
            for (int i = 0; i < f.length && d < bestDistance; i++) {
                double diff = s.features()[i] - f[i];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = s.label();
            }
        }
        return best;
    }

    private static String answer(Random random, String alphabet, int length) {
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < length; i++) {
            a.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return a.toString();
    }

    /** The share of fresh pictures the solver reads whole, after training on {@code TRAIN} labelled ones. */
    static double solveRate(Function<String, byte[]> renderer, String alphabet, int length, long seed) {
        Random random = new Random(seed);
        List<Sample> training = new ArrayList<>();
        for (int i = 0; i < TRAIN; i++) {
            String a = answer(random, alphabet, length);
            List<double[]> parts = slices(read(renderer.apply(a)), length);
            for (int c = 0; c < length; c++) {
                training.add(new Sample(a.charAt(c), parts.get(c)));
            }
        }
        int solved = 0;
        for (int i = 0; i < TRIALS; i++) {
            String a = answer(random, alphabet, length);
            List<double[]> parts = slices(read(renderer.apply(a)), length);
            StringBuilder guess = new StringBuilder();
            parts.forEach(p -> guess.append(nearest(training, p)));
            if (guess.toString().equals(a)) {
                solved++;
            }
        }
        return solved / (double) TRIALS;
    }

    @Test
    void theSolverReadsTheFixedCellPicturesAndItsRateOnThisRendererIsPrinted() {
        LegacyCaptchaRenderer legacy = new LegacyCaptchaRenderer(new Random(11));
        CaptchaRenderer current = new CaptchaRenderer(new Random(12));

        double before = solveRate(legacy::png, LEGACY_ALPHABET, 5, 1);
        double after = solveRate(current::png, IssueCaptchaService.ALPHABET, IssueCaptchaService.LENGTH, 2);
        System.out.printf("CAPTCHA solver success: fixed-cell renderer (before issue #11) %.1f %%, this renderer %.1f %%"
                + " (%d trials each, %d training pictures)%n", before * 100, after * 100, TRIALS, TRAIN);

        assertThat(before).as("solved share of the fixed-cell pictures: the solver works").isGreaterThan(0.2);
    }
}
