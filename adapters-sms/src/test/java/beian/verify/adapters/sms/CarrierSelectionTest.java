package beian.verify.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.RecordingSmsSender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code beian.sms.carrier} picks the carrier; the stub's inbox is served in the dev environment only. */
class CarrierSelectionTest {

    @Test
    void withoutTheSettingTheCarrierIsTheStub() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            assertThat(ctx.getBean(SmsSender.class)).isInstanceOf(StubSmsSender.class);
        }
    }

    @Test
    void tencentIsChosenByConfiguration() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("beian.sms.carrier", "tencent",
                "beian.sms.tencent.secret-id", "AKIDx", "beian.sms.tencent.secret-key", "k",
                "beian.sms.tencent.sdk-app-id", "1400006666", "beian.sms.tencent.sign-name", "ICP备案",
                "beian.sms.tencent.template-id", "1110"))) {
            assertThat(ctx.getBean(SmsSender.class)).isInstanceOf(TencentSmsSender.class);
        }
    }

    @Test
    void aliyunIsChosenByConfiguration() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("beian.sms.carrier", "aliyun",
                "beian.sms.aliyun.access-key-id", "LTAIx", "beian.sms.aliyun.access-key-secret", "s",
                "beian.sms.aliyun.sign-name", "ICP备案", "beian.sms.aliyun.template-code", "SMS_1"))) {
            assertThat(ctx.getBean(SmsSender.class)).isInstanceOf(AliyunSmsSender.class);
        }
    }

    @Test
    void aCarrierProvidedBesideTheStubWins() {
        RecordingSmsSender recording = new RecordingSmsSender();
        try (ApplicationContext ctx = ApplicationContext.builder().singletons(recording).start()) {
            assertThat(ctx.getBean(SmsSender.class)).isSameAs(recording);
        }
    }

    @Test
    void theStubsTextNamesTheCodeThePlatformHostAndTheDeadlineInBeijingTime() {
        StubSmsSender stub = new StubSmsSender();
        stub.send(Messages.message("13900000002", "042137"), "k1");

        assertThat(stub.sentTo(PhoneNumber.of("13900000002")).get(0).text())
                .isEqualTo("【ICP备案】您的备案短信核验验证码为042137，请于2026年11月30日10:00（北京时间）前登录 "
                        + "tjcainfo.miitbeian.gov.cn 完成核验。请勿向他人泄露。");
    }

    @Test
    void theStubsDevInboxKeptInAFileIsThereAgainAfterARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        java.nio.file.Path file = data.resolve("dev-sms-inbox.tsv");
        PhoneNumber phone = PhoneNumber.of("13900000002");
        StubSmsSender before = new StubSmsSender(java.time.Clock.systemUTC(), file);
        before.send(Messages.message(phone.value(), "000001"), "k1");
        before.send(Messages.message(phone.value(), "000002"), "k2");

        StubSmsSender after = new StubSmsSender(java.time.Clock.systemUTC(), file);

        assertThat(after.sentTo(phone)).extracting(StubSmsSender.StubMessage::text)
                .containsExactlyElementsOf(before.sentTo(phone).stream().map(StubSmsSender.StubMessage::text).toList());
        assertThat(after.sentTo(phone).get(0).text()).contains("000002");
    }

    /**
     * A message costs one appended line, whatever the inbox holds: the file is the same file after
     * every send (it was rewritten whole at each message, so 100,000 queued texts went quadratic),
     * and a restart compacts it to what is kept.
     */
    @Test
    void theStubsDevInboxFileGrowsByOneLineAMessageAndIsCompactedAtStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data)
            throws java.io.IOException {
        java.nio.file.Path file = data.resolve("dev-sms-inbox.tsv");
        StubSmsSender stub = new StubSmsSender(java.time.Clock.systemUTC(), file);
        stub.send(Messages.message("13900000002", "000001"), "k0");
        Object sameFile = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        int sends = StubSmsSender.KEPT_PER_PHONE + 30;
        for (int i = 1; i < sends; i++) {
            stub.send(Messages.message("13900000002", String.format("%06d", i)), "k" + i);
        }
        assertThat(java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("the inbox file after %d sends", sends).isEqualTo(sameFile);
        assertThat(java.nio.file.Files.readAllLines(file)).hasSize(sends);

        StubSmsSender restarted = new StubSmsSender(java.time.Clock.systemUTC(), file);
        assertThat(java.nio.file.Files.readAllLines(file)).hasSize(StubSmsSender.KEPT_PER_PHONE);
        assertThat(restarted.sentTo(PhoneNumber.of("13900000002")).get(0).text()).contains(String.format("%06d", sends - 1));
    }

    /** The code is kept apart across a restart; lines of inbox files from before it was have none, and still read. */
    @Test
    void theStubsInboxKeepsEachCodeAcrossARestartAndReadsLinesOfEarlierFilesWithoutOne(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws java.io.IOException {
        java.nio.file.Path file = data.resolve("dev-sms-inbox.tsv");
        java.nio.file.Files.writeString(file, "13900000002\t2026-11-28T02:00:00Z\t【ICP备案】您的备案短信核验验证码为042137，请于…\n");
        StubSmsSender stub = new StubSmsSender(java.time.Clock.systemUTC(), file);
        stub.send(Messages.message("13900000002", "555555"), "k1");

        StubSmsSender restarted = new StubSmsSender(java.time.Clock.systemUTC(), file);

        assertThat(restarted.sentTo(PhoneNumber.of("13900000002"))).extracting(StubSmsSender.StubMessage::code)
                .containsExactly("555555", null);
        assertThat(restarted.sentTo(PhoneNumber.of("13900000002")).get(1).text()).contains("042137");
    }

    @Test
    void theStubKeepsWhatItSentNewestFirstAndBounded() {
        StubSmsSender stub = new StubSmsSender();
        PhoneNumber phone = PhoneNumber.of("13900000002");
        for (int i = 0; i < StubSmsSender.KEPT_PER_PHONE + 5; i++) {
            assertThat(stub.send(Messages.message(phone.value(), String.format("%06d", i)), "k" + i)).isInstanceOf(SmsSender.SendResult.Accepted.class);
        }

        assertThat(stub.sentTo(phone)).hasSize(StubSmsSender.KEPT_PER_PHONE);
        assertThat(stub.sentTo(phone).get(0).text()).contains(String.format("%06d", StubSmsSender.KEPT_PER_PHONE + 4));
        assertThat(stub.sentTo(PhoneNumber.of("13800000001"))).isEmpty();
    }

    @Test
    void theStubKeepsABoundedNumberOfMessagesInAllAndReadsBackOnlyTheNewestAtStart(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws java.io.IOException {
        java.nio.file.Path file = data.resolve("dev-sms-inbox.tsv");
        StubSmsSender stub = new StubSmsSender(java.time.Clock.systemUTC(), file, 5);
        for (int i = 0; i < 7; i++) {
            stub.send(Messages.message("1390000000" + i, String.format("%06d", i)), "k" + i);
        }

        assertThat(stub.sentTo(PhoneNumber.of("13900000000"))).isEmpty();
        assertThat(stub.sentTo(PhoneNumber.of("13900000001"))).isEmpty();
        for (int i = 2; i < 7; i++) {
            assertThat(stub.sentTo(PhoneNumber.of("1390000000" + i))).hasSize(1);
        }
        assertThat(java.nio.file.Files.readAllLines(file)).as("appended, one line a message").hasSize(7);

        StubSmsSender restarted = new StubSmsSender(java.time.Clock.systemUTC(), file, 3);
        assertThat(restarted.sentTo(PhoneNumber.of("13900000003"))).isEmpty();
        assertThat(restarted.sentTo(PhoneNumber.of("13900000004")).get(0).text()).contains("000004");
        assertThat(restarted.sentTo(PhoneNumber.of("13900000006")).get(0).text()).contains("000006");
        assertThat(java.nio.file.Files.readAllLines(file)).as("compacted to what is kept").hasSize(3);
    }

    @Test
    void inTheDevEnvironmentTheStubsInboxIsServedNewestFirst() {
        try (ApplicationContext ctx = ApplicationContext.builder().environments("dev").start();
             EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
             HttpClient http = HttpClient.create(server.getURL())) {
            SmsSender stub = ctx.getBean(SmsSender.class);
            stub.send(Messages.message("13900000002", "042137"), "k1");
            stub.send(Messages.message("13900000002", "555555"), "k2");
            stub.send(Messages.message("13800000001", "042137"), "k3");

            List<Map<String, Object>> inbox = http.toBlocking().retrieve(HttpRequest.GET("/dev/sms?phone=13900000002"),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));

            assertThat(inbox).hasSize(2);
            assertThat(inbox.get(0)).containsEntry("phone", "13900000002").containsKey("sentAt");
            assertThat((String) inbox.get(0).get("text")).contains("555555");
            assertThat((String) inbox.get(1).get("text")).contains("042137");
            assertThat(inbox).extracting(m -> m.get("code")).as("each message's code apart from its text")
                    .containsExactly("555555", "042137");

            HttpClientResponseException bad = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.GET("/dev/sms?phone=12345"), String.class));
            assertThat(bad.code()).isEqualTo(400);
            assertThat(bad.getResponse().getBody(String.class).orElseThrow()).contains("phone");
        }
    }

    @Test
    void outsideTheDevEnvironmentThereIsNoInbox() {
        try (ApplicationContext ctx = ApplicationContext.run();
             EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
             HttpClient http = HttpClient.create(server.getURL())) {
            HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.GET("/dev/sms?phone=13900000002"), String.class));

            assertThat(e.code()).isEqualTo(404);
        }
    }
}
