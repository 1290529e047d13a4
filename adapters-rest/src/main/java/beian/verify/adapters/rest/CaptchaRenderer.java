package beian.verify.adapters.rest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Draws a captcha answer as a distorted greyscale PNG. The glyphs are our own stroke paths, so it needs no
 * font: servers and CI machines often have none, and a missing font would draw empty boxes.
 *
 * <p>Made for people, against machines (issue #11): no fixed cells (each character has its own
 * size, rotation and slant, and overlaps its neighbours by a random amount, so no column cut
 * separates them), strokes of the same colour and width as the glyphs cross them (so ink cannot be
 * told apart by colour or thickness), short stray strokes that look like parts of glyphs, and a
 * wave warp of the whole picture. CaptchaSolverTest measures a segment-and-match solver trained on
 * this renderer's own output against it and against the earlier one.
 *
 * <p>It is cheap (issue 10): about 0.2 ms a picture on this project's 2-core machine, was 0.8. The
 * background, its speckles and the warp are written straight into the pixel array, the faint curves
 * behind are hairlines without antialiasing, only the ink is antialiased, and the picture is a
 * greyscale PNG stored without compression ({@link GrayPng}), since zlib took longer than the drawing.
 */
final class CaptchaRenderer {
    static {
        // Before any AWT class loads: servers have no display.
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 160;
    static final int HEIGHT = 56;

    /** Strokes on a unit box (x right, y down), one array of polylines per character of IssueCaptchaService.ALPHABET. */
    private static final Map<Character, double[][]> GLYPHS = Map.ofEntries(
            Map.entry('A', new double[][] {{0, 1, .5, 0, 1, 1}, {.22, .62, .78, .62}}),
            Map.entry('C', new double[][] {{1, .18, .75, 0, .25, 0, 0, .25, 0, .75, .25, 1, .75, 1, 1, .82}}),
            Map.entry('D', new double[][] {{0, 0, 0, 1, .55, 1, 1, .7, 1, .3, .55, 0, 0, 0}}),
            Map.entry('E', new double[][] {{1, 0, 0, 0, 0, 1, 1, 1}, {0, .5, .75, .5}}),
            Map.entry('F', new double[][] {{1, 0, 0, 0, 0, 1}, {0, .5, .75, .5}}),
            Map.entry('H', new double[][] {{0, 0, 0, 1}, {1, 0, 1, 1}, {0, .5, 1, .5}}),
            Map.entry('J', new double[][] {{.3, 0, 1, 0}, {.75, 0, .75, .8, .55, 1, .2, 1, 0, .8}}),
            Map.entry('K', new double[][] {{0, 0, 0, 1}, {1, 0, 0, .62}, {.32, .42, 1, 1}}),
            Map.entry('M', new double[][] {{0, 1, 0, 0, .5, .6, 1, 0, 1, 1}}),
            Map.entry('N', new double[][] {{0, 1, 0, 0, 1, 1, 1, 0}}),
            Map.entry('P', new double[][] {{0, 1, 0, 0, .75, 0, 1, .15, 1, .4, .75, .55, 0, .55}}),
            Map.entry('R', new double[][] {{0, 1, 0, 0, .75, 0, 1, .15, 1, .4, .75, .55, 0, .55}, {.45, .55, 1, 1}}),
            Map.entry('T', new double[][] {{0, 0, 1, 0}, {.5, 0, .5, 1}}),
            Map.entry('U', new double[][] {{0, 0, 0, .75, .25, 1, .75, 1, 1, .75, 1, 0}}),
            Map.entry('V', new double[][] {{0, 0, .5, 1, 1, 0}}),
            Map.entry('W', new double[][] {{0, 0, .25, 1, .5, .35, .75, 1, 1, 0}}),
            Map.entry('X', new double[][] {{0, 0, 1, 1}, {1, 0, 0, 1}}),
            Map.entry('Y', new double[][] {{0, 0, .5, .5, 1, 0}, {.5, .5, .5, 1}}),
            Map.entry('3', new double[][] {{0, .1, .2, 0, .8, 0, 1, .15, 1, .35, .8, .5, .35, .5},
                    {.8, .5, 1, .65, 1, .85, .8, 1, .2, 1, 0, .9}}),
            Map.entry('4', new double[][] {{.72, 1, .72, 0, 0, .7, 1, .7}}),
            Map.entry('6', new double[][] {{.9, .05, .6, 0, .25, .1, 0, .45, 0, .8, .2, 1, .8, 1, 1, .8, 1, .62,
                    .8, .45, .2, .45, 0, .62}}),
            Map.entry('7', new double[][] {{0, 0, 1, 0, .35, 1}}),
            Map.entry('G', new double[][] {{1, .18, .75, 0, .25, 0, 0, .25, 0, .75, .25, 1, .75, 1, 1, .8, 1, .55, .6, .55}}),
            Map.entry('L', new double[][] {{0, 0, 0, 1, 1, 1}}),
            Map.entry('Q', new double[][] {{.5, 0, .15, .1, 0, .4, 0, .6, .15, .9, .5, 1, .85, .9, 1, .6, 1, .4, .85, .1,
                    .5, 0}, {.6, .7, 1.05, 1.08}}),
            Map.entry('S', new double[][] {{1, .15, .8, 0, .2, 0, 0, .2, 0, .35, .2, .5, .8, .5, 1, .65, 1, .85, .8, 1,
                    .2, 1, 0, .85}}),
            Map.entry('Z', new double[][] {{0, 0, 1, 0, 0, 1, 1, 1}}),
            Map.entry('8', new double[][] {{.5, .48, .15, .38, .05, .2, .25, 0, .75, 0, .95, .2, .85, .38, .5, .48, .12, .6,
                    0, .8, .2, 1, .8, 1, 1, .8, .88, .6, .5, .48}}),
            Map.entry('9', new double[][] {{.1, .95, .4, 1, .75, .9, 1, .55, 1, .2, .8, 0, .2, 0, 0, .2, 0, .38,
                    .2, .55, .8, .55, 1, .38}}));

    private final RandomGenerator random;

    CaptchaRenderer() {
        this(new Random());
    }

    CaptchaRenderer(RandomGenerator random) {
        this.random = random;
    }

    static boolean canDraw(char c) {
        return GLYPHS.containsKey(c);
    }

    byte[] png(String answer) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        background(pixels);
        speckles(pixels);
        Graphics2D g = image.createGraphics();
        Color ink = dark();
        try {
            curvesBehind(g); // faint hairlines: not worth antialiasing (a third of the drawing time)
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            drawAnswer(g, answer, ink);
            noiseAcross(g, ink);
        } finally {
            g.dispose();
        }
        return GrayPng.encode(warp(pixels), WIDTH, HEIGHT);
    }

    /** A diagonal gradient between two light colours, written straight into the pixels. */
    private void background(int[] pixels) {
        Color from = light();
        Color to = light();
        int span = WIDTH * WIDTH + HEIGHT * HEIGHT;
        int[] steps = new int[256]; // the two light colours differ by at most 31 a channel: 256 steps show no bands
        for (int i = 0; i < steps.length; i++) {
            steps[i] = mix(from.getRed(), to.getRed(), i) << 16 | mix(from.getGreen(), to.getGreen(), i) << 8
                    | mix(from.getBlue(), to.getBlue(), i);
        }
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                pixels[y * WIDTH + x] = steps[(x * WIDTH + y * HEIGHT) * 255 / span];
            }
        }
    }

    private static int mix(int a, int b, int step) {
        return a + (b - a) * step / 255;
    }

    /** Speckles of 2 × 2 pixels in random mid colours under the characters, written straight into the pixels. */
    private void speckles(int[] pixels) {
        for (int i = 0; i < 120; i++) {
            int rgb = random.nextInt(120, 230) << 16 | random.nextInt(120, 230) << 8 | random.nextInt(120, 230);
            int x = random.nextInt(WIDTH - 1);
            int y = random.nextInt(HEIGHT - 1);
            pixels[y * WIDTH + x] = rgb;
            pixels[y * WIDTH + x + 1] = rgb;
            pixels[(y + 1) * WIDTH + x] = rgb;
            pixels[(y + 1) * WIDTH + x + 1] = rgb;
        }
    }

    /** Characters of random width, placed left to right with random overlap, the whole row fitted to the picture. */
    private void drawAnswer(Graphics2D g, String answer, Color ink) {
        int n = answer.length();
        double[] widths = new double[n];
        double[] advances = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            widths[i] = between(20, 27);
            advances[i] = i == n - 1 ? widths[i] : widths[i] * between(.8, 1.05);
            total += advances[i];
        }
        double fit = Math.min(1, (WIDTH - 12) / total);
        double x = (WIDTH - total * fit) / 2 + between(-4, 4);
        for (int i = 0; i < n; i++) {
            drawGlyph(g, answer.charAt(i), x, widths[i] * fit, ink);
            x += advances[i] * fit;
        }
    }

    private void drawGlyph(Graphics2D g, char c, double left, double w, Color ink) {
        double[][] strokes = GLYPHS.get(Character.toUpperCase(c));
        if (strokes == null) {
            throw new IllegalArgumentException("no glyph for a captcha character");
        }
        double h = HEIGHT * between(.52, .68);
        AffineTransform t = new AffineTransform();
        t.translate(left, (HEIGHT - h) / 2 + between(-6, 6));
        t.rotate(Math.toRadians(between(-25, 25)), w / 2, h / 2);
        t.shear(between(-.3, .3), 0);
        t.scale(w, h);
        Path2D.Double path = new Path2D.Double();
        for (double[] line : strokes) {
            path.moveTo(jitter(line[0]), jitter(line[1]));
            for (int p = 2; p + 1 < line.length; p += 2) {
                path.lineTo(jitter(line[p]), jitter(line[p + 1]));
            }
        }
        g.setColor(ink);
        g.setStroke(new BasicStroke((float) between(2.4, 3.4), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(t.createTransformedShape(path));
    }

    /** Faint curves under the characters. */
    private void curvesBehind(Graphics2D g) {
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < 4; i++) {
            g.setColor(new Color(random.nextInt(100, 200), random.nextInt(100, 200), random.nextInt(100, 200)));
            g.draw(curve());
        }
    }

    /**
     * In the glyphs' own ink and about their width: a long curve through the row, and short stray arcs that
     * look like pieces of characters, so neither colour, thickness nor gaps separate the characters.
     */
    private void noiseAcross(Graphics2D g, Color ink) {
        g.setColor(ink);
        g.setStroke(new BasicStroke((float) between(2.0, 2.6), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(curve());
        for (int i = 0; i < 2; i++) {
            double x = between(10, WIDTH - 10);
            double y = between(10, HEIGHT - 10);
            g.setStroke(new BasicStroke((float) between(2.2, 3.2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new QuadCurve2D.Double(x, y, x + between(-12, 12), y + between(-12, 12), x + between(-14, 14),
                    y + between(-14, 14)));
        }
    }

    private CubicCurve2D curve() {
        return new CubicCurve2D.Double(0, between(8, HEIGHT - 8), WIDTH / 3.0, between(-10, HEIGHT + 10),
                2 * WIDTH / 3.0, between(-10, HEIGHT + 10), WIDTH, between(8, HEIGHT - 8));
    }

    /** A wave warp of the whole picture, in both directions: one pass over its 9,000 pixels' array. */
    private int[] warp(int[] from) {
        int[] to = new int[from.length];
        double ax = between(1.5, 3);
        double ay = between(1.5, 3);
        double px = between(0, 2 * Math.PI);
        double py = between(0, 2 * Math.PI);
        double fx = 2 * Math.PI / between(40, 70);
        double fy = 2 * Math.PI / between(25, 40);
        int[] shiftX = new int[HEIGHT];
        int[] shiftY = new int[WIDTH];
        for (int y = 0; y < HEIGHT; y++) {
            shiftX[y] = (int) Math.round(ax * Math.sin(y * fy + px));
        }
        for (int x = 0; x < WIDTH; x++) {
            shiftY[x] = (int) Math.round(ay * Math.sin(x * fx + py));
        }
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int sx = Math.max(0, Math.min(WIDTH - 1, x + shiftX[y]));
                int sy = Math.max(0, Math.min(HEIGHT - 1, y + shiftY[x]));
                to[y * WIDTH + x] = from[sy * WIDTH + sx];
            }
        }
        return to;
    }

    private double jitter(double v) {
        return v + between(-.05, .05);
    }

    private double between(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    private Color light() {
        return new Color(random.nextInt(225, 256), random.nextInt(225, 256), random.nextInt(225, 256));
    }

    private Color dark() {
        return new Color(random.nextInt(0, 90), random.nextInt(0, 90), random.nextInt(40, 140));
    }
}
