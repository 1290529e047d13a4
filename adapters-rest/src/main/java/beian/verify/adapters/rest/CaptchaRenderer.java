package beian.verify.adapters.rest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Draws a captcha answer as a greyscale PNG that people read (issue 19: legibility first; DOMAIN.md "The
 * picture captcha"). The glyphs are our own stroke paths, so it needs no font: servers and CI machines
 * often have none, and a missing font would draw empty boxes.
 *
 * <p>Each character stands in its own space: the drawn bounds of two characters are at least
 * {@link #MIN_GAP} pixels apart, so no stroke touches or crosses another character. A character is
 * turned by at most {@link #MAX_TURN_DEGREES}°, slanted a little, and its size and height in the row
 * vary slightly. The ink is dark grey ({@link #INK_LIGHTEST} at its lightest) on a light ground whose
 * faint hairlines are never darker than {@link #TEXTURE_DARKEST}: a WCAG contrast above 7:1, and noise
 * that cannot join or cut letters. Machines read it easily; the limits of DOMAIN.md step 5 hold with
 * every captcha assumed solved (docs/SECURITY.md).
 *
 * <p>It is cheap: one flat fill, three hairlines without antialiasing, four antialiased strokes, and a
 * clean picture that zlib compresses fast and small ({@link GrayPng}); CaptchaRendererTest prints the
 * time and the bytes.
 */
final class CaptchaRenderer {
    static {
        // Before any AWT class loads: servers have no display.
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 160;
    static final int HEIGHT = 56;
    /** Pixels between the drawn bounds of two characters, at least. */
    static final int MIN_GAP = 5;
    /** Pixels between a character's drawn bounds and the picture's edge, at least. */
    static final int MARGIN = 4;
    static final double MAX_TURN_DEGREES = 8;
    /** The ink's grey level is at most this (0 black, 255 white). */
    static final int INK_LIGHTEST = 50;
    /** The background's texture is at least this light; the ground itself lighter still. */
    static final int TEXTURE_DARKEST = 205;

    /** A character's strokes in a unit box (x right, y down), and its width for a height of 1. */
    private record Glyph(Path2D.Double strokes, double aspect) {
    }

    /**
     * A drawn captcha: its pixels (0xRRGGBB, neutral greys) and each character's ink, as the outline that
     * was filled, in pixels.
     */
    record Picture(int[] pixels, List<Shape> ink) {
        List<Rectangle2D> bounds() {
            return ink.stream().map(Shape::getBounds2D).toList();
        }

        byte[] png() {
            return GrayPng.encode(pixels, WIDTH, HEIGHT);
        }
    }

    /** One glyph per character of IssueCaptchaService.ALPHABET, shaped like the plain capitals and digits of print. */
    private static final Map<Character, Glyph> GLYPHS = Map.ofEntries(
            Map.entry('3', glyph(.6, p -> {
                p.append(arc(.48, .25, .42, .25, 150, -240), false);
                p.append(arc(.5, .74, .48, .26, 90, -250), true);
            })),
            Map.entry('7', glyph(.6, p -> lines(p, 0, 0, 1, 0, .38, 1))),
            Map.entry('9', glyph(.6, p -> {
                p.append(arc(.5, .31, .48, .31, 0, 360), false);
                p.moveTo(.98, .31);
                p.lineTo(.98, .55);
                p.append(new QuadCurve2D.Double(.98, .55, .96, 1, .42, 1), true);
                p.lineTo(.12, .93);
            })),
            Map.entry('C', glyph(.64, p -> p.append(arc(.52, .5, .5, .5, 48, 264), false))),
            Map.entry('E', glyph(.56, p -> {
                lines(p, 1, 0, 0, 0, 0, 1, 1, 1);
                lines(p, 0, .5, .82, .5);
            })),
            Map.entry('M', glyph(.78, p -> lines(p, 0, 1, 0, 0, .5, .64, 1, 0, 1, 1))),
            Map.entry('R', glyph(.62, p -> {
                lines(p, 0, 1, 0, 0, .6, 0);
                p.append(arc(.6, .27, .4, .27, 90, -180), true);
                p.lineTo(0, .54);
                lines(p, .42, .54, 1, 1);
            })),
            Map.entry('W', glyph(.9, p -> lines(p, 0, 0, .22, 1, .5, .3, .78, 1, 1, 0))));

    private interface Strokes {
        void draw(Path2D.Double path);
    }

    private static Glyph glyph(double aspect, Strokes strokes) {
        Path2D.Double path = new Path2D.Double();
        strokes.draw(path);
        return new Glyph(path, aspect);
    }

    /** A polyline through the points (x, y, x, y, …). */
    private static void lines(Path2D.Double path, double... xy) {
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i + 1 < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
    }

    /** An elliptic arc about (cx, cy); angles in degrees, 0 at three o'clock, positive anticlockwise. */
    private static Arc2D arc(double cx, double cy, double rx, double ry, double start, double extent) {
        return new Arc2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry, start, extent, Arc2D.OPEN);
    }

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
        return draw(answer).png();
    }

    Picture draw(String answer) {
        List<Shape> ink = layOut(answer);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Arrays.fill(pixels, grey(random.nextInt(236, 251)));
        Graphics2D g = image.createGraphics();
        try {
            hairlines(g); // faint texture: not worth antialiasing
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(new Color(grey(random.nextInt(12, INK_LIGHTEST + 1))));
            for (Shape s : ink) {
                g.fill(s);
            }
        } finally {
            g.dispose();
        }
        return new Picture(pixels, ink);
    }

    /**
     * Each character's outline, placed left to right: drawn at its own size, turn and slant, then moved so
     * that its bounds keep {@link #MIN_GAP} from the previous one's and {@link #MARGIN} from the edges; the
     * room left over is shared out at random between the gaps.
     */
    private List<Shape> layOut(String answer) {
        int n = answer.length();
        List<Shape> shapes = new ArrayList<>(n);
        double width = 0;
        for (int i = 0; i < n; i++) {
            Shape s = outline(answer.charAt(i), HEIGHT * between(.5, .58));
            shapes.add(s);
            width += s.getBounds2D().getWidth();
        }
        double room = WIDTH - 2 * MARGIN - (n - 1) * MIN_GAP;
        if (width > room) { // wide characters only (W, M): all of them a little smaller
            double fit = room / width * .98;
            for (int i = 0; i < n; i++) {
                Rectangle2D b = shapes.get(i).getBounds2D();
                AffineTransform t = AffineTransform.getTranslateInstance(b.getX(), b.getY());
                t.scale(fit, fit);
                t.translate(-b.getX(), -b.getY());
                shapes.set(i, t.createTransformedShape(shapes.get(i)));
            }
            width *= fit;
        }
        double[] shares = new double[n + 1];
        double total = 0;
        for (int i = 0; i <= n; i++) {
            shares[i] = between(.6, 1.4);
            total += shares[i];
        }
        double spare = Math.max(0, room - width);
        double x = MARGIN + spare * shares[0] / total;
        List<Shape> placed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Rectangle2D b = shapes.get(i).getBounds2D();
            double low = MARGIN;
            double high = HEIGHT - MARGIN - b.getHeight();
            double y = Math.max(low, Math.min(high, (HEIGHT - b.getHeight()) / 2 + between(-4, 4)));
            placed.add(AffineTransform.getTranslateInstance(x - b.getX(), y - b.getY())
                    .createTransformedShape(shapes.get(i)));
            x += b.getWidth() + MIN_GAP + spare * shares[i + 1] / total;
        }
        return placed;
    }

    /** The filled outline of one character's strokes, of height {@code h} before its turn. */
    private Shape outline(char c, double h) {
        Glyph glyph = GLYPHS.get(Character.toUpperCase(c));
        if (glyph == null) {
            throw new IllegalArgumentException("no glyph for a captcha character");
        }
        double w = h * glyph.aspect() * between(.92, 1.08);
        AffineTransform t = new AffineTransform();
        t.rotate(Math.toRadians(between(-MAX_TURN_DEGREES, MAX_TURN_DEGREES)), w / 2, h / 2);
        t.shear(between(-.12, .12), 0);
        t.scale(w, h);
        Shape strokes = t.createTransformedShape(glyph.strokes());
        return new BasicStroke((float) between(3.2, 3.8), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                .createStrokedShape(strokes);
    }

    /** Three faint hairlines across the ground, far lighter than the ink. */
    private void hairlines(Graphics2D g) {
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < 3; i++) {
            g.setColor(new Color(grey(random.nextInt(TEXTURE_DARKEST, 226))));
            g.draw(new QuadCurve2D.Double(0, between(4, HEIGHT - 4), between(0, WIDTH), between(-20, HEIGHT + 20),
                    WIDTH, between(4, HEIGHT - 4)));
        }
    }

    private static int grey(int level) {
        return level << 16 | level << 8 | level;
    }

    private double between(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }
}
