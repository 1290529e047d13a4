package beian.verify.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc.ApplicationServiceBlockingStub;
import beian.verify.adapters.grpc.v1.Event;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc.ReviewServiceBlockingStub;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.app.jobs.Eventually;
import beian.verify.core.testing.People;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The issue's journeys as people and systems live them, over the real protocols: the service in the dev
 * environment (its demo keys, the stub carrier and its inbox {@code /dev/sms}, the movable clock
 * {@code /dev/clock}, the captcha answers {@code /dev/captchas}) with its jobs running, on a MariaDB database
 * of this class's own. Providers and the 管局 talk gRPC; people read their texts from the dev inbox and
 * verify on the page in Chromium, reached at Tianjin's platform host. The providers' event streams must
 * tell each story in order, and the Prometheus metrics must count it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyEndToEndTest {
    static final String TIANJIN = "tjcainfo.miitbeian.gov.cn";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Pattern CODE = Pattern.compile("验证码为(\\d{6})");

    TestDatabase database;
    Path data;
    ApplicationContext context;
    ManagedChannel channel;
    Chromium chromium;
    final HttpClient http = HttpClient.newHttpClient();
    String base;
    /** Each provider's events as its WatchEvents stream delivered them, from the first. */
    final Map<String, List<Event>> streams = new HashMap<>();

    @BeforeAll
    void start() throws IOException {
        database = TestDatabase.mariaDb("journey");
        data = Files.createTempDirectory("beian-journey-");
        Map<String, Object> p = new HashMap<>(database.properties());
        p.put("beian.data-dir", data.toString()); // the stub carrier's inbox file
        p.put("beian.jobs.enabled", "true");
        p.put("beian.jobs.dispatch-interval", "100ms");
        p.put("beian.jobs.auto-resend-interval", "200ms");
        p.put("beian.jobs.return-interval", "200ms");
        p.put("beian.sms.carrier", "stub");
        // the page's browser and the test both come from 127.0.0.1: the per-address limits stay as shipped
        context = ApplicationContext.builder().environments("dev").properties(p).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        base = "http://127.0.0.1:" + server.getPort();
        channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1",
                context.getBean(GrpcEmbeddedServer.class).getPort()).usePlaintext().build();
        for (String[] provider : new String[][] {{"demo-provider", DevKeys.PROVIDER}, {"other-provider", DevKeys.OTHER}}) {
            List<Event> events = new CopyOnWriteArrayList<>();
            streams.put(provider[0], events);
            GrpcEndToEndTest.withKey(ApplicationServiceGrpc.newStub(channel), provider[1]).watchEvents(
                    WatchEventsRequest.getDefaultInstance(), new StreamObserver<>() {
                        @Override
                        public void onNext(Event event) {
                            events.add(event);
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
        }
        chromium = new Chromium(List.of(TIANJIN));
    }

    @AfterAll
    void stop() throws IOException, InterruptedException {
        if (chromium != null) {
            chromium.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The dev environment's gRPC keys (application-dev.yml, API.md). */
    static final class DevKeys {
        static final String PROVIDER = "demo-provider-key";
        static final String OTHER = "other-provider-key";
        static final String REVIEWER = "demo-reviewer-key";
    }

    // --- people, systems and what they see ----------------------------------------------------------

    ApplicationServiceBlockingStub provider(String key) {
        return GrpcEndToEndTest.applications(channel, key);
    }

    ReviewServiceBlockingStub reviewer() {
        return GrpcEndToEndTest.reviews(channel, DevKeys.REVIEWER);
    }

    static Person person(String name, String phone, int n) {
        return Person.newBuilder().setName(name).setPhone(phone).setIdNumber(People.residentId(n)).build();
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The codes in the phone's dev inbox, newest first, once it holds {@code count} texts. */
    List<String> inbox(String phone, int count) {
        List<String> codes = new ArrayList<>();
        Eventually.within(Duration.ofSeconds(20), count + " texts to " + phone, () -> {
            codes.clear();
            Matcher m = CODE.matcher(get("/dev/sms?phone=" + phone).body());
            while (m.find()) {
                codes.add(m.group(1));
            }
            return codes.size() >= count;
        });
        assertThat(codes).as("texts to " + phone).hasSize(count);
        return codes;
    }

    /** Moves the dev clock; the new now. */
    Instant advance(Duration by) throws Exception {
        HttpResponse<String> moved = http.send(HttpRequest.newBuilder(URI.create(base + "/dev/clock"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\":" + by.toSeconds() + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        return clock();
    }

    Instant clock() {
        Matcher m = Pattern.compile("\"now\":\"([^\"]+)\"").matcher(get("/dev/clock").body());
        assertThat(m.find()).isTrue();
        return Instant.parse(m.group(1));
    }

    /** Moves the dev clock to the next {@code time} of day in Shanghai (today's, when still ahead). */
    Instant advanceTo(LocalTime time) throws Exception {
        ZonedDateTime now = clock().atZone(SHANGHAI);
        ZonedDateTime target = now.with(time);
        if (!target.isAfter(now)) {
            target = target.plusDays(1);
        }
        return advance(Duration.between(now, target).plusSeconds(1));
    }

    /** Opens the page at Tianjin's platform host, on a tab. */
    void openPage(String tab) {
        chromium.browser.get("http://" + TIANJIN + ":" + base.substring(base.lastIndexOf(':') + 1) + "/");
        assertThat(chromium.browser.findElement(By.id("authority")).getText()).isEqualTo("天津市通信管理局");
        if (tab.equals("resend")) {
            chromium.browser.findElement(By.id("tab-resend")).click();
        }
    }

    void type(String id, String text) {
        WebElement input = chromium.browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Types the form's captcha as the person reads it off the picture (the dev endpoint says what it shows). */
    void typeCaptcha(String form) {
        WebElement id = chromium.browser.findElement(By.id(form + "-captchaId"));
        chromium.wait.until(d -> !id.getDomProperty("value").isEmpty());
        Matcher m = Pattern.compile("\"answer\":\"([^\"]+)\"").matcher(get("/dev/captchas/" + id.getDomProperty("value")).body());
        assertThat(m.find()).as("the captcha's answer").isTrue();
        type(form + "-captchaAnswer", m.group(1));
    }

    /** A person verifies on the page; what the page answers. */
    String verifyOnThePage(Person person, String code) {
        openPage("verify");
        type("verify-code", code);
        type("verify-phone", person.getPhone());
        type("verify-idTail", People.tail(person.getIdNumber()));
        typeCaptcha("verify");
        return submit("verify");
    }

    /** A person asks for the text again on the page's resend tab; what the page answers. */
    String resendOnThePage(Person person) {
        openPage("resend");
        type("resend-phone", person.getPhone());
        type("resend-idTail", People.tail(person.getIdNumber()));
        typeCaptcha("resend");
        return submit("resend");
    }

    String submit(String form) {
        WebElement result = chromium.browser.findElement(By.id(form + "-result"));
        chromium.browser.findElement(By.cssSelector("#form-" + form + " button[type=submit]")).click();
        chromium.wait.until(d -> !result.getText().isBlank());
        return result.getText();
    }

    /** One line per event: type, masked phone, trigger, reason, as a provider's system would log them. */
    static String line(Event e) {
        return e.getType() + (e.getMaskedPhone().isEmpty() ? "" : " " + e.getMaskedPhone())
                + (e.getTriggerValue() == 0 ? "" : " " + e.getTrigger())
                + (e.getReason().isEmpty() ? "" : " " + e.getReason());
    }

    /** The story of one application on a provider's stream, once it holds {@code count} events. */
    List<String> story(String provider, String applicationId, int count) {
        List<Event> events = streams.get(provider);
        Eventually.within(Duration.ofSeconds(20), count + " events of " + applicationId + " on " + provider + "'s stream",
                () -> events.stream().filter(e -> e.getApplicationId().equals(applicationId)).count() >= count);
        assertThat(events).extracting(Event::getSequence).as("the stream in order, once each").isSorted()
                .doesNotHaveDuplicates();
        return events.stream().filter(e -> e.getApplicationId().equals(applicationId)).map(JourneyEndToEndTest::line)
                .toList();
    }

    static String masked(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    /** GET /prometheus: each sample line's value by its name and labels. */
    Map<String, Double> metrics() {
        HttpResponse<String> scrape = get("/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        scrape.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return samples;
    }

    /** How much a sample grew; a failure shows the samples of the same name. */
    static org.assertj.core.api.AbstractDoubleAssert<?> delta(Map<String, Double> before, Map<String, Double> after,
                                                               String sample) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        return assertThat(after.getOrDefault(sample, 0.0) - before.getOrDefault(sample, 0.0)).as(sample + " among "
                + after.entrySet().stream().filter(e -> e.getKey().startsWith(name)).toList());
    }

    // --- the journeys --------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aFilingIsVerifiedOnThePageApprovedAndItsWebsiteTransferredToAnotherProvider() throws Exception {
        advanceTo(LocalTime.of(13, 0)); // a day's afternoon: no noon resend falls inside this journey
        Map<String, Double> before = metrics();
        Person zhang = person("张三", "13622220001", 9001);
        Person li = person("李四", "13622220002", 9002);
        String domain = "journey-" + System.nanoTime() + ".cn";

        // a provider submits a NEW_FILING over gRPC
        Application submitted = provider(DevKeys.PROVIDER).submitApplication(SubmitApplicationRequest.newBuilder()
                .setRequestId("journey-1").setType(FilingType.NEW_FILING).setProvince("TJ")
                .setSubjectName("旅程科技有限公司").setSubjectPrincipal(zhang)
                .addWebsites(Website.newBuilder().setDomain(domain).setPrincipal(li)).build());
        String id = submitted.getApplicationId();
        assertThat(submitted.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);

        // both principals get a text (the stub carrier's dev inbox)
        String zhangCode = inbox(zhang.getPhone(), 1).get(0);
        String liFirstCode = inbox(li.getPhone(), 1).get(0);
        assertThat(get("/dev/sms?phone=" + li.getPhone()).body()).contains(TIANJIN);

        // one verifies on the page
        assertThat(verifyOnThePage(zhang, zhangCode)).isEqualTo("您的短信核验完成，请等待其他核验人进行短信核验");
        chromium.screenshot("journey-first-verified");

        // the other lost the text: a minute later (the carriers' one-a-minute ceiling), asks again on the page
        advance(Duration.ofSeconds(61));
        assertThat(resendOnThePage(li)).isEqualTo("您的短信已发送成功");
        String liCode = inbox(li.getPhone(), 2).get(0);
        assertThat(liCode).as("the resend repeats her code: one code per target").isEqualTo(liFirstCode);
        assertThat(verifyOnThePage(li, liCode)).isEqualTo("您的短信核验已全部完成，该请求将提交管局审核");
        chromium.screenshot("journey-all-verified");
        assertThat(provider(DevKeys.PROVIDER).getApplication(GrpcEndToEndTest.get(id)).getStatus())
                .isEqualTo(Application.Status.READY_FOR_REVIEW);

        // the 管局 approves with a filing number
        Application approved = reviewer().approveApplication(GrpcEndToEndTest.approve(id, "津ICP备26000001号"));
        assertThat(approved.getStatus()).isEqualTo(Application.Status.APPROVED);

        // a second provider transfers the website in (the principal's phone matches the filed record)
        advance(Duration.ofSeconds(61));
        Application transfer = provider(DevKeys.OTHER).submitApplication(SubmitApplicationRequest.newBuilder()
                .setRequestId("journey-transfer-1").setType(FilingType.TRANSFER_IN).setProvince("TJ")
                .addWebsites(Website.newBuilder().setDomain(domain).setPrincipal(li)).build());
        String transferId = transfer.getApplicationId();
        assertThat(transfer.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);
        String transferCode = inbox(li.getPhone(), 3).get(0);
        assertThat(verifyOnThePage(li, transferCode)).isEqualTo("您的短信核验已全部完成，该请求将提交管局审核");

        // approving the transfer moves the filed record, number and all, to the second provider
        Application moved = reviewer().approveApplication(GrpcEndToEndTest.approve(transferId, ""));
        assertThat(moved.getStatus()).isEqualTo(Application.Status.APPROVED);
        assertThat(moved.getFilingNumber()).isEqualTo("津ICP备26000001号");
        assertThat(moved.getProviderId()).isEqualTo("other-provider");

        // the events tell each provider the whole story, in order
        String z = masked(zhang.getPhone());
        String l = masked(li.getPhone());
        List<String> first = story("demo-provider", id, 8);
        assertThat(first.subList(0, 3)).containsExactlyInAnyOrder("APPLICATION_SUBMITTED",
                "SMS_SENT " + z + " INITIAL", "SMS_SENT " + l + " INITIAL");
        assertThat(first.get(0)).isEqualTo("APPLICATION_SUBMITTED");
        assertThat(first.subList(3, first.size())).containsExactly("TARGET_VERIFIED " + z,
                "SMS_SENT " + l + " MANUAL_RESEND", "TARGET_VERIFIED " + l, "READY_FOR_REVIEW", "APPROVED");
        assertThat(story("other-provider", transferId, 5)).containsExactly("APPLICATION_SUBMITTED",
                "SMS_SENT " + l + " INITIAL", "TARGET_VERIFIED " + l, "READY_FOR_REVIEW", "APPROVED");
        assertThat(streams.get("demo-provider").toString() + streams.get("other-provider"))
                .doesNotContain(zhang.getPhone(), li.getPhone(), transferCode, liCode);

        // and the metrics count it
        Map<String, Double> after = metrics();
        delta(before, after, "beian_submissions_total{province=\"TJ\",type=\"new_filing\"}").isEqualTo(1.0);
        delta(before, after, "beian_submissions_total{province=\"TJ\",type=\"transfer_in\"}").isEqualTo(1.0);
        delta(before, after, "beian_sms_total{outcome=\"sent\",trigger=\"INITIAL\"}").isEqualTo(3.0);
        delta(before, after, "beian_sms_total{outcome=\"sent\",trigger=\"MANUAL_RESEND\"}").isEqualTo(1.0);
        delta(before, after, "beian_verifications_total{outcome=\"verified\"}").isEqualTo(3.0);
        delta(before, after, "beian_verification_duration_seconds_count").isEqualTo(2.0);
        assertThat(after.get("beian_outbox_backlog")).isEqualTo(0.0);
    }

    @Test
    @Order(2)
    void anApplicationNobodyVerifiesIsResentAtNoonAndReturnedAtFortyEightHours() throws Exception {
        Map<String, Double> before = metrics();
        Person wang = person("王五", "13622220003", 9003);
        Application submitted = provider(DevKeys.PROVIDER).submitApplication(SubmitApplicationRequest.newBuilder()
                .setRequestId("journey-2").setType(FilingType.NEW_WEBSITE).setProvince("TJ")
                .setSubjectName("旅程科技有限公司")
                .addWebsites(Website.newBuilder().setDomain("journey-late-" + System.nanoTime() + ".cn").setPrincipal(wang))
                .build());
        String id = submitted.getApplicationId();
        Instant submittedAt = clock();
        String firstCode = inbox(wang.getPhone(), 1).get(0);

        // noon the next day: the one automatic resend
        ZonedDateTime noon = submittedAt.atZone(SHANGHAI).toLocalDate().plusDays(1).atTime(12, 0).atZone(SHANGHAI);
        advance(Duration.between(submittedAt, noon.toInstant()).plusMinutes(1));
        assertThat(inbox(wang.getPhone(), 2).get(0)).as("the noon text").isNotNull();

        // 48 hours after the first text, still unverified: returned to the provider
        advance(Duration.between(clock(), submittedAt.plus(Duration.ofHours(48))).plusMinutes(1));
        Eventually.within(Duration.ofSeconds(20), "returned", () -> provider(DevKeys.PROVIDER)
                .getApplication(GrpcEndToEndTest.get(id)).getStatus() == Application.Status.RETURNED);
        assertThat(verifyOnThePage(wang, firstCode)).as("too late on the page")
                .isEqualTo("该条验证库里找不到记录，请核实信息后重新输入");

        String w = masked(wang.getPhone());
        assertThat(story("demo-provider", id, 4)).containsExactly("APPLICATION_SUBMITTED", "SMS_SENT " + w + " INITIAL",
                "SMS_SENT " + w + " AUTO_RESEND", "RETURNED VERIFICATION_TIMEOUT");

        Map<String, Double> after = metrics();
        delta(before, after, "beian_submissions_total{province=\"TJ\",type=\"new_website\"}").isEqualTo(1.0);
        delta(before, after, "beian_sms_total{outcome=\"sent\",trigger=\"AUTO_RESEND\"}").isEqualTo(1.0);
        delta(before, after, "beian_returns_total{reason=\"verification_timeout\"}").isEqualTo(1.0);
        delta(before, after, "beian_verifications_total{outcome=\"record_not_found\"}").isEqualTo(1.0);
    }
}
