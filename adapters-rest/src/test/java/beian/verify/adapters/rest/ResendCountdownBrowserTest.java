package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.SmsTrigger;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's answer to a 429 whose wait is known (DOMAIN.md "Manual resend", 2026-12-07), in headless Chromium at
 * a phone's 360 px, with the carriers' SMS ceilings per phone: right after the first SMS a resend is refused, the
 * submit button is disabled and counts the seconds down on itself, the result area says once when to try, and the
 * button comes back when the wait is over; then the resend is sent and reaches the carrier at once. The same for
 * the verify form's TOO_MANY_ATTEMPTS. The test's fake clock stands in for the wait on the server's side.
 * Screenshots go to {@code target/browser/}.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
@Property(name = "test.core.sms-ceilings", value = "carriers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResendCountdownBrowserTest {
    /** "重发短信（59秒）", "提交核验（59分59秒）" (minutes from two on): the label, and the wait left. */
    static final Pattern COUNTDOWN = Pattern.compile("(.+)（(?:(\\d+)分)?(\\d+)秒）");

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
        assertThat(VerificationPageBrowserTest.CHROMIUM).as("Debian's chromium (scripts/test.sh installs it)").isExecutable();
        assertThat(VerificationPageBrowserTest.CHROMEDRIVER).as("Debian's chromium-driver").isExecutable();
        System.setProperty("webdriver.chrome.driver", VerificationPageBrowserTest.CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("beian-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(VerificationPageBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(VerificationPageBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(360, 1000));
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        Files.createDirectories(VerificationPageBrowserTest.SCREENSHOTS);
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

    /** The page, on the tab of {@code form}, its captcha there. */
    private void open(String form) {
        browser.get(server.getURI().resolve("/").toString());
        if (form.equals("resend")) {
            browser.findElement(By.id("tab-resend")).click();
        }
        captchaId(form);
    }

    private String captchaId(String form) {
        WebElement id = browser.findElement(By.id(form + "-captchaId"));
        wait.until(d -> !id.getDomProperty("value").isEmpty());
        return id.getDomProperty("value");
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private WebElement button(String form) {
        return browser.findElement(By.cssSelector("#form-" + form + " button[type=submit]"));
    }

    /** Counts what is written into the form's result area (its aria-live region) from now on. */
    private void watchAnnouncements(String form) {
        ((JavascriptExecutor) browser).executeScript("""
                var area = document.getElementById(arguments[0] + '-result');
                window.announced = [];
                new MutationObserver(function () { window.announced.push(area.textContent); })
                    .observe(area, { childList: true, characterData: true, subtree: true });
                """, form);
    }

    @SuppressWarnings("unchecked")
    private List<String> announcements() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return window.announced;");
    }

    /** Submits the form with its captcha answered, and returns what the result area then says. */
    private String submit(String form) {
        String captcha = captchaId(form);
        type(form + "-captchaAnswer", captchas.answerOf(captcha));
        button(form).click();
        // the page asks for a fresh captcha once it has shown the answer
        WebElement id = browser.findElement(By.id(form + "-captchaId"));
        wait.until(d -> !id.getDomProperty("value").isEmpty() && !id.getDomProperty("value").equals(captcha));
        return browser.findElement(By.id(form + "-result")).getText();
    }

    /** The seconds a countdown label shows, or -1 when the label counts nothing. */
    static long secondsShown(String label) {
        Matcher m = COUNTDOWN.matcher(label);
        if (!m.matches()) {
            return -1;
        }
        return (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60) + Long.parseLong(m.group(3));
    }

    private void screenshot(String name) throws IOException {
        Files.write(VerificationPageBrowserTest.SCREENSHOTS.resolve(name + ".png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void rightAfterTheFirstSmsTheResendButtonCountsDownThenComesBackAndTheResendGoesOutAtOnce() throws Exception {
        String phone = "13712349001";
        String id = People.residentId(901);
        core.submitNewWebsite("countdown-1", "countdown.cn", People.person("王五", phone, id)); // the first SMS goes now

        open("resend");
        type("resend-phone", phone);
        type("resend-idTail", People.tail(id));
        watchAnnouncements("resend");
        String said = submit("resend");

        assertThat(said).isEqualTo("短信发送过于频繁，请于 60 秒后再试");
        WebElement button = button("resend");
        assertThat(button.isEnabled()).as("the button while the phone may not receive an SMS").isFalse();
        String label = button.getText();
        long shownAt = System.nanoTime();
        long shown = secondsShown(label);
        System.out.printf("COUNTDOWN right after the first SMS: \"%s\" (%d s)%n", label, shown);
        assertThat(label).startsWith("重发短信（");
        assertThat(shown).as("seconds on the button right after the first SMS").isBetween(55L, 60L);
        screenshot("resend-countdown-360px");
        Thread.sleep(2_100);
        long later = secondsShown(button.getText());
        double elapsed = (System.nanoTime() - shownAt) / 1e9;
        assertThat((double) (shown - later)).as("it counts down with the clock (%.1f s later: %d s)", elapsed, later)
                .isBetween(Math.floor(elapsed) - 1, Math.ceil(elapsed) + 1);
        assertThat(button.isEnabled()).isFalse();
        assertThat(axeViolations()).as("the resend tab counting down").isEmpty();
        assertThat(announcements()).as("the live region is written once, not every second").hasSize(1)
                .containsExactly("短信发送过于频繁，请于 60 秒后再试");
        assertThat(core.carrier.callsTo(phone)).hasSize(1);

        // 55 s on at the server; the page again: the server's wait is now 5 s, the button counts them and comes back
        core.clock.advance(Duration.ofSeconds(55));
        open("resend");
        type("resend-phone", phone);
        type("resend-idTail", People.tail(id));
        assertThat(submit("resend")).isEqualTo("短信发送过于频繁，请于 5 秒后再试");
        assertThat(secondsShown(button("resend").getText())).isBetween(1L, 5L);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> button("resend").isEnabled());
        assertThat(button("resend").getText()).isEqualTo("重发短信");

        core.clock.advance(Duration.ofSeconds(5)); // the server's clock reaches the end of the wait too
        assertThat(submit("resend")).isEqualTo("您的短信已发送成功");
        core.dispatch();
        assertThat(core.carrier.callsTo(phone)).as("the resend at the carrier at the first dispatch").hasSize(2);
        assertThat(core.outbox.all()).filteredOn(m -> m.phone().value().equals(phone)
                && m.trigger() == SmsTrigger.MANUAL_RESEND).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(OutboundSms.OutboxStatus.SENT));
        assertThat(button("resend").isEnabled()).isTrue();
        screenshot("resend-sent-after-countdown-360px");
        assertNoConsoleErrors();
    }

    @Test
    void aLockedPhoneHoldsTheVerifyButtonBackWithItsWaitInMinutesAndSeconds() throws IOException {
        String phone = "13712349002";
        String id = People.residentId(902);
        core.submitNewWebsite("countdown-2", "locked.cn", People.person("赵六", phone, id));
        for (int i = 0; i < 100; i++) { // strangers from ten networks lock the phone for an hour
            core.verifyFrom("10.9." + (i / 10) + ".1", phone, People.tail(id), String.format("%06d", 999_000 + i));
        }

        open("verify");
        type("verify-code", core.carrier.lastCodeTo(phone));
        type("verify-phone", phone);
        type("verify-idTail", People.tail(id));
        String said = submit("verify");

        assertThat(said).isEqualTo("验证码错误次数过多，请于 60 分钟后再试");
        WebElement button = button("verify");
        assertThat(button.isEnabled()).isFalse();
        assertThat(button.getText()).matches("提交核验（(60分00|59分5\\d)秒）");
        assertThat(secondsShown(button.getText())).isBetween(3590L, 3600L);
        Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "var b = arguments[0]; return b.scrollWidth - b.clientWidth;", button);
        assertThat(overflow).as("the countdown fits the button at 360 px").isLessThanOrEqualTo(0L);
        screenshot("verify-locked-countdown-360px");
        assertNoConsoleErrors();
    }

    /** axe-core's WCAG 2.1 A and AA rules on the page as it is (as VerificationPageBrowserTest runs them). */
    @SuppressWarnings("unchecked")
    private List<String> axeViolations() throws IOException {
        assertThat(VerificationPageBrowserTest.AXE).as("axe-core (scripts/test.sh installs it with npm)").isRegularFile();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(Files.readString(VerificationPageBrowserTest.AXE));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return (List<String>) js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(function (r) {
                    done(r.violations.map(function (v) {
                      return v.id + ': ' + v.help + ' at ' + v.nodes.map(function (n) { return n.target.join(' '); }).join('; ');
                    }));
                  })
                  .catch(function (e) { done(['axe failed: ' + e]); });
                """);
    }

    private void assertNoConsoleErrors() {
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("/api/v1/")) // 4xx answers of the API are expected
                .toList();
        assertThat(problems).as("browser console errors").isEmpty();
    }
}
