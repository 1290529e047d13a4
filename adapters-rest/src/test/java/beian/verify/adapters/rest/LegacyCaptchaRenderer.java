package beian.verify.adapters.rest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;

/**
 * The renderer as it was before issue #11 (each character in a fixed cell, dark and thick over light
 * noise), kept in the tests only to measure the solver against it: CaptchaSolverTest.
 */
final class LegacyCaptchaRenderer {
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
            Map.entry('9', new double[][] {{.1, .95, .4, 1, .75, .9, 1, .55, 1, .2, .8, 0, .2, 0, 0, .2, 0, .38,
                    .2, .55, .8, .55, 1, .38}}));

    private final RandomGenerator random;

    LegacyCaptchaRenderer() {
        this(new Random());
    }

    LegacyCaptchaRenderer(RandomGenerator random) {
        this.random = random;
    }

    static boolean canDraw(char c) {
        return GLYPHS.containsKey(c);
    }

    byte[] png(String answer) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setPaint(new GradientPaint(0, 0, light(), WIDTH, HEIGHT, light()));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            noiseBehind(g);
            double cell = (WIDTH - 16.0) / answer.length();
            for (int i = 0; i < answer.length(); i++) {
                drawGlyph(g, answer.charAt(i), 8 + i * cell, cell);
            }
            noiseAcross(g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the captcha", e);
        }
        return out.toByteArray();
    }

    private void drawGlyph(Graphics2D g, char c, double left, double cell) {
        double[][] strokes = GLYPHS.get(Character.toUpperCase(c));
        if (strokes == null) {
            throw new IllegalArgumentException("no glyph for a captcha character");
        }
        double w = cell * between(.52, .68);
        double h = HEIGHT * between(.5, .64);
        AffineTransform t = new AffineTransform();
        t.translate(left + (cell - w) / 2 + between(-3, 3), (HEIGHT - h) / 2 + between(-5, 5));
        t.rotate(Math.toRadians(between(-22, 22)), w / 2, h / 2);
        t.shear(between(-.25, .25), 0);
        t.scale(w, h);
        Path2D.Double path = new Path2D.Double();
        for (double[] line : strokes) {
            path.moveTo(jitter(line[0]), jitter(line[1]));
            for (int p = 2; p + 1 < line.length; p += 2) {
                path.lineTo(jitter(line[p]), jitter(line[p + 1]));
            }
        }
        g.setColor(dark());
        g.setStroke(new BasicStroke((float) between(2.6, 3.6), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(t.createTransformedShape(path));
    }

    /** Speckles and faint curves under the characters. */
    private void noiseBehind(Graphics2D g) {
        for (int i = 0; i < 120; i++) {
            g.setColor(new Color(random.nextInt(120, 230), random.nextInt(120, 230), random.nextInt(120, 230)));
            g.fillOval(random.nextInt(WIDTH), random.nextInt(HEIGHT), 2, 2);
        }
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < 4; i++) {
            g.setColor(new Color(random.nextInt(100, 200), random.nextInt(100, 200), random.nextInt(100, 200)));
            g.draw(curve());
        }
    }

    /** Two thin curves through the characters: a segmenter cannot just cut between blobs. */
    private void noiseAcross(Graphics2D g) {
        for (int i = 0; i < 2; i++) {
            g.setColor(dark());
            g.setStroke(new BasicStroke((float) between(1.2, 1.8)));
            g.draw(curve());
        }
    }

    private CubicCurve2D curve() {
        Point2D a = new Point2D.Double(0, between(8, HEIGHT - 8));
        Point2D b = new Point2D.Double(WIDTH, between(8, HEIGHT - 8));
        return new CubicCurve2D.Double(a.getX(), a.getY(), WIDTH / 3.0, between(-10, HEIGHT + 10),
                2 * WIDTH / 3.0, between(-10, HEIGHT + 10), b.getX(), b.getY());
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
