package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.FilingType;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Script payloads in every field of the page never execute: headless Chromium (as in
 * {@link VerificationPageBrowserTest}) with a tripwire installed before any of the page's own scripts
 * (a {@code __mark} function the payloads call, {@code alert}/{@code confirm}/{@code prompt} replaced by
 * recorders, and a listener of Content-Security-Policy violations, which injected markup that tried to
 * run would raise). Every input of both forms, the hidden captcha ids included, gets each payload; the
 * answers the page shows are text, never elements. Applications whose names carry the payloads are
 * verified on the page; the page is opened with payloads in its query and fragment, and at a path that
 * is one. Prints what it counted.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptPayloadsBrowserTest {
    static final List<String> PAYLOADS = List.of(
            "<script>__mark('script')</script>",
            "\"><img src=x onerror=__mark('img')>",
            "'><svg onload=__mark('svg')>",
            "javascript:__mark('url')",
            "</textarea><iframe srcdoc=\"<script>parent.__mark('iframe')</script>\">",
            "{{constructor.constructor('__mark(1)')()}}${__mark('template')}",
            "\u202e<details open ontoggle=__mark('details')>",
            "<a href=javascript:__mark('a') id=x>x</a><style>*{background:url(javascript:__mark('css'))}</style>");
    static final String TRIPWIRE = """
            window.__executed = [];
            window.__mark = function (what) { window.__executed.push('mark:' + what); };
            ['alert', 'confirm', 'prompt', 'print'].forEach(function (f) {
              window[f] = function (m) { window.__executed.push(f + ':' + m); };
            });
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__executed.push('csp:' + e.violatedDirective + ' ' + e.blockedURI);
            });
            """;
    static final List<String> VERIFY_FIELDS = List.of("verify-code", "verify-phone", "verify-idTail", "verify-captchaAnswer");
    static final List<String> RESEND_FIELDS = List.of("resend-phone", "resend-idTail", "resend-captchaAnswer",
            "resend-captchaId");

    @Inject
    EmbeddedServer server;
    @Inject
    CoreFixture core;
    @Inject
    CoreOnFakes.IssuedCaptchas captchas;

    Path profile;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void startBrowser() throws IOException {
        assertThat(VerificationPageBrowserTest.CHROMIUM).as("Debian's chromium (scripts/test.sh installs it)").isExecutable();
        assertThat(VerificationPageBrowserTest.CHROMEDRIVER).as("Debian's chromium-driver").isExecutable();
        System.setProperty("webdriver.chrome.driver", VerificationPageBrowserTest.CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("beian-chromium-xss-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(VerificationPageBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(VerificationPageBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        // before any script of every document the browser opens from now on
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TRIPWIRE));
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

    @Test
    void scriptPayloadsInEveryFieldAreShownAsTextAndNeverExecute() {
        String subjectPayload = PAYLOADS.get(0);
        String phoneA = "13712349001";
        String idA = People.residentId(901);
        String phoneB = "13712349002";
        String idB = People.residentId(902);
        ApplicationView application = core.submitOk(new SubmitApplicationCommand(CoreFixture.PROVIDER, "xss-1",
                FilingType.NEW_FILING, "TJ", subjectPayload, People.person(PAYLOADS.get(1), phoneA, idA),
                List.of(new WebsiteInput("xss-payloads.cn", People.person(PAYLOADS.get(2), phoneB, idB))), false));

        open("/?q=" + encode(PAYLOADS.get(0)) + "#" + encode(PAYLOADS.get(1)));
        int elementsBefore = elementCount();
        List<String> shown = new ArrayList<>();
        int submits = 0;
        for (String payload : PAYLOADS) {
            // the verify form: a right captcha, so the payloads reach the checks of the fields themselves
            String captchaId = value("verify-captchaId");
            VERIFY_FIELDS.forEach(id -> set(id, payload));
            set("verify-captchaAnswer", captchas.answerOf(captchaId));
            shown.add(submitAndRead("verify", captchaId));
            // the resend form: everything hostile, the hidden captcha id too
            browser.findElement(By.id("tab-resend")).click();
            String resendCaptchaId = awaitCaptcha("resend", "");
            RESEND_FIELDS.forEach(id -> set(id, payload));
            shown.add(submitAndRead("resend", resendCaptchaId, payload));
            browser.findElement(By.id("tab-verify")).click();
            submits += 2;
        }
        // the people of the hostile application verify on the page with their real codes
        for (String[] person : new String[][] {{phoneA, idA}, {phoneB, idB}}) {
            String captchaId = value("verify-captchaId");
            set("verify-code", core.carrier.lastCodeTo(person[0]));
            set("verify-phone", person[0]);
            set("verify-idTail", People.tail(person[1]));
            set("verify-captchaAnswer", captchas.answerOf(captchaId));
            shown.add(submitAndRead("verify", captchaId));
            submits++;
        }
        List<String> executed = executed();
        int elementsAfter = elementCount();
        List<String> cspInConsole = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getMessage()).filter(m -> m.contains("Content Security Policy")).toList();
        // a path that is a payload: whatever answers it must not run it either
        browser.get(server.getURI().resolve("/" + encode(PAYLOADS.get(0)) + "?x=" + encode(PAYLOADS.get(1))).toString());
        // Micronaut's not-found page for a browser (HTML) carries an inline style, which the service's CSP
        // refuses: that refusal is about the framework's page, not a payload; scripts and dialogs must not happen
        String pathContentType = (String) browser.executeScript("return document.contentType;");
        List<String> executedOnPath = executed().stream().filter(e -> !e.equals("csp:style-src-elem inline")).toList();

        System.out.println("BENCHMARK script payloads in the page: " + PAYLOADS.size() + " payloads x "
                + (VERIFY_FIELDS.size() + RESEND_FIELDS.size()) + " fields in " + submits + " submits (and 2 people of an"
                + " application named with them verifying), page URL and a payload path: " + executed.size() + "+"
                + executedOnPath.size() + " executions (the path answered " + pathContentType + "), " + cspInConsole.size() + " CSP violations, elements on the page "
                + elementsBefore + " before and " + elementsAfter + " after; answers shown: " + shown.stream().distinct().toList());
        assertThat(core.view(application.applicationId()).status().name()).isEqualTo("READY_FOR_REVIEW");
        assertThat(shown).hasSize(submits).allSatisfy(text -> assertThat(text).isNotBlank());
        assertThat(shown.get(shown.size() - 1)).isEqualTo("您的短信核验已全部完成，该请求将提交管局审核");
        assertThat(executed).as("anything a payload ran, or CSP refused to run").isEmpty();
        assertThat(executedOnPath).as("on a payload path").isEmpty();
        assertThat(cspInConsole).as("CSP violations in the console").isEmpty();
        assertThat(elementsAfter).as("elements on the page: no payload became one").isEqualTo(elementsBefore);

        // the control: the same payload put into the page as markup is caught by the tripwire (CSP refuses its handler)
        open("/");
        browser.executeScript("var d = document.createElement('div'); d.innerHTML = arguments[0];"
                + " document.body.appendChild(d);", PAYLOADS.get(1));
        wait.until(d -> !executed().isEmpty());
        assertThat(executed()).as("the tripwire sees markup that tries to run").isNotEmpty();
    }

    private void open(String path) {
        browser.get(server.getURI().resolve(path).toString());
        awaitCaptcha("verify", "");
    }

    /** Waits for a captcha id other than the ones named (the previous one, or a payload put in its place). */
    private String awaitCaptcha(String form, String... stale) {
        WebElement id = browser.findElement(By.id(form + "-captchaId"));
        wait.until(d -> !id.getDomProperty("value").isEmpty() && !List.of(stale).contains(id.getDomProperty("value")));
        return id.getDomProperty("value");
    }

    private String value(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }

    /** Sets the value as a script would: past maxlength and the keyboard, as a hostile page or extension can. */
    private void set(String id, String text) {
        browser.executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, text);
    }

    /** Submits the form; the answer as shown, once the result holds only text and a fresh captcha arrived. */
    private String submitAndRead(String form, String... staleCaptchaIds) {
        browser.executeScript("document.getElementById(arguments[0]).textContent = '';", form + "-result");
        browser.findElement(By.cssSelector("#form-" + form + " button[type=submit]")).click();
        WebElement result = browser.findElement(By.id(form + "-result"));
        wait.until(d -> !result.getText().isBlank());
        awaitCaptcha(form, staleCaptchaIds);
        Object children = browser.executeScript("return document.getElementById(arguments[0]).children.length;",
                form + "-result");
        assertThat(((Number) children).intValue()).as("elements inside the " + form + " result").isZero();
        return result.getText();
    }

    private int elementCount() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return document.getElementsByTagName('*').length;"))
                .intValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> executed() {
        return (List<String>) browser.executeScript("return window.__executed || ['the tripwire is missing'];");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
