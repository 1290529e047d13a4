package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.service.IssueCaptchaService;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person on the real page: headless Chromium (Debian's chromium and chromedriver) fills the forms
 * of the page served by a real server, at a phone's 360 px width. Screenshots go to
 * {@code target/browser/}. Chromium missing fails the test: the test command installs it.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser");
    static final String TIANJIN = "tjcainfo.miitbeian.gov.cn";
    static final String GANSU = "gscainfo.miitbeian.gov.cn";

    @Inject
    EmbeddedServer server;
    @Inject
    CoreFixture core;
    @Inject
    CoreOnFakes.IssuedCaptchas captchas;

    Path profile;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void startBrowser() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (scripts/test.sh installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (scripts/test.sh installs it)").isExecutable();
        // Selenium Manager must not try to download a driver or a browser: name both.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("beian-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=zh-CN",
                // two provinces' platform hosts reach the local server, as DNS would send them to theirs
                "--host-resolver-rules=MAP " + TIANJIN + " 127.0.0.1, MAP " + GANSU + " 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(360, 1000));
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void open() {
        browser.get(server.getURI().resolve("/").toString());
        waitForCaptcha("verify");
    }

    /** Waits for the form's captcha and returns its answer, as the person reads it off the picture. */
    private String waitForCaptcha(String form) {
        WebElement id = browser.findElement(By.id(form + "-captchaId"));
        wait.until(d -> !id.getDomProperty("value").isEmpty());
        return captchas.answerOf(id.getDomProperty("value"));
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private String submitAndReadResult(String form, String previousCaptchaId) {
        browser.findElement(By.cssSelector("#form-" + form + " button[type=submit]")).click();
        WebElement result = browser.findElement(By.id(form + "-result"));
        wait.until(d -> !result.getText().isBlank());
        // a fresh captcha after every submit
        WebElement id = browser.findElement(By.id(form + "-captchaId"));
        wait.until(d -> !id.getDomProperty("value").isEmpty() && !id.getDomProperty("value").equals(previousCaptchaId));
        return result.getText();
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** axe-core from npm, installed by scripts/test.sh into the repository's .cache/npm (ignored by git). */
    static final Path AXE = Path.of(System.getProperty("beian.test.axe",
            "../.cache/npm/node_modules/axe-core/axe.min.js"));

    /** axe-core's WCAG 2.1 A and AA rules on one tab at one width: the violations, one line each. */
    @SuppressWarnings("unchecked")
    private List<String> axeViolations() throws IOException {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript(Files.readString(AXE));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object found = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(function (r) {
                    done(r.violations.map(function (v) {
                      return v.id + ': ' + v.help + ' at ' + v.nodes.map(function (n) {
                        return n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ')';
                      }).join('; ');
                    }));
                  })
                  .catch(function (e) { done(['axe failed: ' + e]); });
                """);
        return (List<String>) found;
    }

    @Test
    void bothTabsAtDesktopAndPhoneWidthsHaveNoWcag21AOrAaViolation() throws IOException {
        assertThat(AXE).as("axe-core (scripts/test.sh installs it with npm)").isRegularFile();
        try {
            for (int width : new int[] {1280, 360}) {
                browser.manage().window().setSize(new Dimension(width, 1000));
                open();
                assertThat(axeViolations()).as("the verify tab at " + width + " px").isEmpty();
                browser.findElement(By.id("tab-resend")).click();
                waitForCaptcha("resend");
                assertThat(axeViolations()).as("the resend tab at " + width + " px").isEmpty();
            }
        } finally {
            browser.manage().window().setSize(new Dimension(360, 1000));
        }
    }

    /**
     * Without a CJK font every Chinese character is the same box: the heading's Chinese text, drawn in the
     * heading's own font, must differ pixel for pixel from as many boxes (private-use characters no font has).
     */
    @Test
    void theChineseTextRendersInAChineseFontNotAsBoxes() throws IOException {
        open();
        Object differs = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                var heading = document.querySelector('h1');
                var text = heading.textContent.replace(/[\\x00-\\x7f]/g, '');
                var boxes = Array(text.length + 1).join('\\ue000');
                function draw(s) {
                  var canvas = document.createElement('canvas');
                  canvas.width = 40 * s.length; canvas.height = 60;
                  var c = canvas.getContext('2d');
                  c.font = getComputedStyle(heading).font;
                  c.fillText(s, 0, 40);
                  return canvas.toDataURL();
                }
                return text.length > 3 && draw(text) !== draw(boxes);
                """);
        screenshot("page-first-paint-360px");
        assertThat(differs).as("the heading's Chinese text is drawn with real glyphs (scripts/test.sh installs "
                + "fonts-wqy-zenhei)").isEqualTo(Boolean.TRUE);
    }

    @Test
    void aPersonVerifiesOnThePageAndAsksForAResendOnItsTab() throws IOException {
        String phoneA = "13712340001";
        String idA = People.residentId(501);
        String phoneB = "13712340002";
        String idB = People.residentId(502);
        ApplicationView application = core.submitNewFiling("browser-1", People.person("张三", phoneA, idA),
                People.person("李四", phoneB, idB));
        String phoneC = "13712340003";
        String idC = People.residentId(503);
        core.submitNewWebsite("browser-2", "browser-resend.cn", People.person("王五", phoneC, idC));

        open();
        assertThat(browser.getTitle()).contains("备案短信核验");
        assertThat(browser.findElement(By.id("tab-verify")).getAttribute("aria-selected")).isEqualTo("true");

        // a miss
        String codeA = core.carrier.lastCodeTo(phoneA);
        String wrong = codeA.equals("000000") ? "000001" : "000000";
        String captchaId = browser.findElement(By.id("verify-captchaId")).getDomProperty("value");
        type("verify-code", wrong);
        type("verify-phone", phoneA);
        type("verify-idTail", People.tail(idA));
        type("verify-captchaAnswer", captchas.answerOf(captchaId));
        assertThat(submitAndReadResult("verify", captchaId)).isEqualTo("该条验证库里找不到记录，请核实信息后重新输入");
        assertThat(browser.findElement(By.id("verify-captchaAnswer")).getDomProperty("value")).isEmpty();

        // the right entry: others still pending
        captchaId = browser.findElement(By.id("verify-captchaId")).getDomProperty("value");
        type("verify-code", codeA);
        type("verify-captchaAnswer", captchas.answerOf(captchaId).toLowerCase());
        assertThat(submitAndReadResult("verify", captchaId)).isEqualTo("您的短信核验完成，请等待其他核验人进行短信核验");
        screenshot("verify-success-360px");

        // the last person, entering everything with the keyboard alone (Enter submits)
        captchaId = browser.findElement(By.id("verify-captchaId")).getDomProperty("value");
        type("verify-code", core.carrier.lastCodeTo(phoneB));
        type("verify-phone", phoneB);
        type("verify-idTail", People.tail(idB));
        browser.findElement(By.id("verify-captchaAnswer")).sendKeys(captchas.answerOf(captchaId), Keys.ENTER);
        WebElement result = browser.findElement(By.id("verify-result"));
        wait.until(ExpectedConditions.textToBePresentInElement(result, "您的短信核验已全部完成，该请求将提交管局审核"));
        assertThat(core.view(application.applicationId()).status().name()).isEqualTo("READY_FOR_REVIEW");

        // the resend tab, reached with the arrow key
        WebElement verifyTab = browser.findElement(By.id("tab-verify"));
        verifyTab.sendKeys(Keys.ARROW_RIGHT);
        WebElement resendTab = browser.findElement(By.id("tab-resend"));
        wait.until(d -> "true".equals(resendTab.getAttribute("aria-selected")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-resend");
        assertThat(browser.findElement(By.id("panel-verify")).isDisplayed()).isFalse();
        String resendAnswer = waitForCaptcha("resend");
        String resendCaptchaId = browser.findElement(By.id("resend-captchaId")).getDomProperty("value");
        int sentBefore = core.carrier.callsTo(phoneC).size();
        type("resend-phone", phoneC);
        type("resend-idTail", People.tail(idC));
        type("resend-captchaAnswer", resendAnswer);
        assertThat(submitAndReadResult("resend", resendCaptchaId)).isEqualTo("您的短信已发送成功");
        core.dispatch();
        assertThat(core.carrier.callsTo(phoneC)).hasSize(sentBefore + 1);
        screenshot("resend-sent-360px");

        // nothing on the page breaks the CSP or fails to load
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("/api/v1/")) // 4xx answers of the API are expected
                .toList();
        assertThat(problems).as("browser console errors").isEmpty();
    }

    /**
     * The page comes with its verify captcha in it: when the page has loaded, the picture is decoded and no
     * script has asked for one (before, the page painted a broken image until its script's request came back).
     * 换一张 still brings a new one.
     */
    @Test
    void theCaptchaPictureIsThereAtFirstPaintAndAnotherComesOnRequest() throws IOException {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        browser.get(server.getURI().resolve("/").toString()); // returns at the load event
        Object firstPaint = js.executeScript("""
                var image = document.getElementById('verify-captcha-image');
                return {
                  loaded: image.complete && image.naturalWidth > 0,
                  inline: (image.getAttribute('src') || '').indexOf('data:image/png;base64,') === 0,
                  requested: performance.getEntriesByType('resource')
                      .filter(function (e) { return e.name.indexOf('/api/v1/captchas') >= 0; }).length
                };
                """);
        screenshot("page-first-paint-captcha-360px");
        assertThat(firstPaint).as("the captcha picture at load, drawn by the server, no script request")
                .isEqualTo(java.util.Map.of("loaded", true, "inline", true, "requested", 0L));
        String first = browser.findElement(By.id("verify-captchaId")).getDomProperty("value");
        assertThat(captchas.answerOf(first)).as("the page's captcha was issued").hasSize(IssueCaptchaService.LENGTH);

        browser.findElement(By.cssSelector("[data-refresh=verify]")).click();
        WebElement id = browser.findElement(By.id("verify-captchaId"));
        wait.until(d -> !id.getDomProperty("value").isEmpty() && !id.getDomProperty("value").equals(first));
        wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                "var i = document.getElementById('verify-captcha-image'); return i.complete && i.naturalWidth > 0;")));
        assertThat(captchas.answerOf(id.getDomProperty("value"))).hasSize(IssueCaptchaService.LENGTH);
    }

    /**
     * At a province's platform host the page names that province's authority in its header, title and footer,
     * and the footer shows the configured host; at any other host (localhost here) a neutral header, no host.
     */
    @Test
    void atAProvincesPlatformHostThePageNamesItsAuthorityAndElsewhereANeutralOne() throws IOException {
        int port = server.getPort();
        record Seen(String authority, String footer, String host, String title) {
        }
        java.util.function.Function<String, Seen> visit = host -> {
            browser.get("http://" + host + ":" + port + "/");
            waitForCaptcha("verify");
            return new Seen(browser.findElement(By.id("authority")).getText(),
                    browser.findElement(By.id("footer-authority")).getText(),
                    browser.findElement(By.id("host")).getText(), browser.getTitle());
        };

        Seen tianjin = visit.apply(TIANJIN);
        screenshot("page-tianjin-360px");
        assertThat(tianjin).isEqualTo(new Seen("天津市通信管理局", "天津市通信管理局", TIANJIN, "备案短信核验 - 天津市通信管理局"));
        Seen gansu = visit.apply(GANSU);
        assertThat(gansu).isEqualTo(new Seen("甘肃省通信管理局", "甘肃省通信管理局", GANSU, "备案短信核验 - 甘肃省通信管理局"));
        Seen local = visit.apply("localhost");
        screenshot("page-localhost-360px");
        assertThat(local).isEqualTo(new Seen(PageController.NEUTRAL_AUTHORITY, PageController.NEUTRAL_AUTHORITY, "",
                "备案短信核验 - ICP备案短信核验平台"));
        assertThat(browser.getPageSource()).doesNotContain("localhost:" + port);
    }

    @Test
    void thePageFitsA360PixelScreenWithoutSidewaysScrolling() throws IOException {
        open();
        Long scrollWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth;");
        Long clientWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.clientWidth;");
        assertThat(scrollWidth).isLessThanOrEqualTo(clientWidth);
        for (String id : List.of("verify-code", "verify-phone", "verify-idTail", "verify-captchaAnswer")) {
            WebElement input = browser.findElement(By.id(id));
            assertThat(browser.findElement(By.cssSelector("label[for=" + id + "]")).getText()).isNotBlank();
            assertThat(input.getRect().getX() + input.getRect().getWidth()).isLessThanOrEqualTo(360);
        }
        screenshot("page-360px");
        browser.manage().window().setSize(new Dimension(1280, 900));
        screenshot("page-1280px");
        browser.manage().window().setSize(new Dimension(360, 1000));
    }

    /**
     * The captcha picture is shown at its own pixel size (1x: what the legibility check of docs/SECURITY.md
     * reads), it stays on a 320 px phone screen without sideways scrolling, and both answer fields take
     * exactly the captcha's length.
     */
    @Test
    void theCaptchaIsShownAtItsPixelSizeOnA320PixelScreenAndItsFieldsTakeItsLength() throws IOException {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        browser.manage().window().setSize(new Dimension(320, 1000));
        try {
            open();
            Long clientWidth = (Long) js.executeScript("return document.documentElement.clientWidth;");
            assertThat(clientWidth).as("the page's width").isLessThanOrEqualTo(320);
            assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(clientWidth);
            wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                    "var i = document.getElementById('verify-captcha-image'); return i.complete && i.naturalWidth > 0;")));
            Object shown = js.executeScript("""
                    var i = document.getElementById('verify-captcha-image'), r = i.getBoundingClientRect();
                    var s = getComputedStyle(i);
                    var across = parseFloat(s.borderLeftWidth) + parseFloat(s.borderRightWidth)
                        + parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);
                    var down = parseFloat(s.borderTopWidth) + parseFloat(s.borderBottomWidth)
                        + parseFloat(s.paddingTop) + parseFloat(s.paddingBottom);
                    return [i.naturalWidth, i.naturalHeight, Math.round(r.width - across), Math.round(r.height - down),
                        Math.ceil(r.right)];
                    """);
            screenshot("page-captcha-320px");
            List<?> size = (List<?>) shown;
            assertThat(size.subList(0, 4)).as("picture size, and the size its pixels take on the page (inside the border)")
                    .isEqualTo(List.of((long) CaptchaRenderer.WIDTH, (long) CaptchaRenderer.HEIGHT,
                            (long) CaptchaRenderer.WIDTH, (long) CaptchaRenderer.HEIGHT));
            assertThat((Long) size.get(4)).as("the picture's right edge").isLessThanOrEqualTo(clientWidth);
            for (String form : List.of("verify", "resend")) {
                WebElement image = browser.findElement(By.id(form + "-captcha-image"));
                assertThat(List.of(image.getDomAttribute("width"), image.getDomAttribute("height"))).as(form)
                        .isEqualTo(List.of(String.valueOf(CaptchaRenderer.WIDTH), String.valueOf(CaptchaRenderer.HEIGHT)));
                assertThat(browser.findElement(By.id(form + "-captchaAnswer")).getDomProperty("maxLength")).as(form)
                        .isEqualTo(String.valueOf(IssueCaptchaService.LENGTH));
            }
        } finally {
            browser.manage().window().setSize(new Dimension(360, 1000));
        }
    }

    @Test
    void theOpenApiViewerRendersTheDescriptionUnderTheStrictPolicy() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 900));
        try {
            browser.get(server.getURI().resolve("/openapi/viewer/").toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-summary-path")));
            assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")).stream().map(WebElement::getText))
                    .contains("/api/v1/verifications", "/api/v1/resends", "/api/v1/captchas", "/api/v1/provinces");
            screenshot("openapi-viewer");
            List<LogEntry> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getMessage().contains("Content Security Policy")).toList();
            assertThat(violations).as("CSP violations").isEmpty();
        } finally {
            browser.manage().window().setSize(new Dimension(360, 1000));
        }
    }
}
