package beian.verify.adapters.rest;

import beian.verify.core.testing.CoreFixture;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The legibility check a person makes for every renderer change (docs/SECURITY.md "Captcha legibility"):
 * 20 fresh captchas from the real text source and the real renderer, on one sheet at display size (1x,
 * numbered 1 to 20, left to right and top to bottom), and their answers in a separate file. Read the
 * sheet, write down each reading, and only then open the answers.
 *
 * <p>{@code ./mvnw -q -pl adapters-rest -am test-compile exec:java@captcha-sheet}; it prints where the two
 * files went ({@code adapters-rest/target/captcha-sheet/}, named by the time they were made).
 */
public final class CaptchaSheet {
    static final int COUNT = 20;
    static final int COLUMNS = 4;
    static final int GAP = 16;
    static final int LABEL = 18;

    private CaptchaSheet() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/captcha-sheet");
        Files.createDirectories(dir);
        CoreFixture core = CoreFixture.atShanghai(2026, 12, 8, 10, 0); // the core's own text source
        CaptchaRenderer renderer = new CaptchaRenderer();
        int rows = (COUNT + COLUMNS - 1) / COLUMNS;
        int cellW = CaptchaRenderer.WIDTH + GAP;
        int cellH = CaptchaRenderer.HEIGHT + LABEL + GAP;
        BufferedImage sheet = new BufferedImage(GAP + COLUMNS * cellW, GAP + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        List<String> answers = new ArrayList<>();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int i = 0; i < COUNT; i++) {
                String text = core.captcha.newText();
                answers.add((i + 1) + " " + text);
                BufferedImage picture = ImageIO.read(new ByteArrayInputStream(renderer.png(text)));
                int x = GAP + (i % COLUMNS) * cellW;
                int y = GAP + (i / COLUMNS) * cellH;
                g.setColor(new Color(0x33, 0x33, 0x33));
                g.drawString(String.valueOf(i + 1), x, y + 13);
                g.drawImage(picture, x, y + LABEL, null); // 1:1, as the page shows it
                g.setColor(new Color(0xaa, 0xb6, 0xc5)); // the page's border round the picture
                g.drawRect(x - 1, y + LABEL - 1, CaptchaRenderer.WIDTH + 1, CaptchaRenderer.HEIGHT + 1);
            }
        } finally {
            g.dispose();
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path png = dir.resolve("sheet-" + stamp + ".png");
        Path txt = dir.resolve("answers-" + stamp + ".txt");
        ImageIO.write(sheet, "png", png.toFile());
        Files.write(txt, answers);
        System.out.println("captcha sheet: " + png.toAbsolutePath());
        System.out.println("its answers (open them only after reading the sheet): " + txt.toAbsolutePath());
    }
}
