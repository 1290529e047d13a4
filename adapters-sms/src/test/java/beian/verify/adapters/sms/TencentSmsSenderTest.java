package beian.verify.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.domain.EventType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.out.SmsSender.SendResult;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.People;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The Tencent carrier against a local server that checks every signature the documented way. */
class TencentSmsSenderTest {
    static final String SECRET_ID = "AKIDtestSecretId0123456789EXAMPLE";
    static final String SECRET_KEY = "test-secret-key-0123456789EXAMPLE";
    static final PhoneNumber PHONE = PhoneNumber.of("13900000002");

    FakeTencentSmsServer tencent;
    TencentSmsSender sender;

    @BeforeEach
    void start() throws IOException {
        tencent = new FakeTencentSmsServer(SECRET_ID, SECRET_KEY);
        sender = sender(properties(tencent.url(), SECRET_KEY));
    }

    @AfterEach
    void stop() {
        sender.close();
        tencent.close();
    }

    static TencentSmsProperties properties(String endpoint, String secretKey) {
        TencentSmsProperties p = new TencentSmsProperties();
        p.setSecretId(SECRET_ID);
        p.setSecretKey(secretKey);
        p.setSdkAppId("1400006666");
        p.setSignName("ICP备案");
        p.setTemplateId("1110");
        p.setRegion("ap-guangzhou");
        p.setEndpoint(endpoint);
        return p;
    }

    static TencentSmsSender sender(TencentSmsProperties properties) {
        return new TencentSmsSender(properties, JsonMapper.createDefault(), Clock.systemUTC());
    }

    @Test
    void aMessageOfTheCoreGoesOutSignedWithTheTemplateParametersAndItsIdempotencyKey() {
        CoreFixture world = new CoreFixture(MutableClock.shanghai(2026, 11, 28, 10, 0), ProvinceCatalog.defaults(),
                VerificationPolicy.defaults(), VerificationSettings.defaults(), sender);
        world.codes.then("042137");

        world.submitNewWebsite("r1", "a.cn", People.person("李四", "13900000002", People.residentId(2)));

        assertThat(tencent.signatureProblems()).isEmpty();
        FakeTencentSmsServer.Received call = tencent.received().get(0);
        assertThat(tencent.received()).hasSize(1);
        assertThat(call.headers()).containsEntry("x-tc-action", "SendSms").containsEntry("x-tc-version", "2021-01-11")
                .containsEntry("x-tc-region", "ap-guangzhou")
                .containsEntry("content-type", "application/json; charset=utf-8");
        assertThat(call.headers().get("authorization")).contains("SignedHeaders=content-type;host;x-tc-action");
        assertThat(call.list("PhoneNumberSet")).containsExactly("+8613900000002");
        assertThat(call.json()).containsEntry("SmsSdkAppId", "1400006666").containsEntry("SignName", "ICP备案")
                .containsEntry("TemplateId", "1110");
        // {1} the code, {2} the deadline (48 hours after 2026-11-28 10:00 Beijing), {3} the platform host
        assertThat(call.list("TemplateParamSet"))
                .containsExactly("042137", "2026年11月30日10:00", "tjcainfo.miitbeian.gov.cn");
        OutboundSms sms = world.outbox.all().get(0);
        assertThat(call.json()).containsEntry("SessionContext", sms.id());
        assertThat(sms.status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
        assertThat(sms.carrierReference()).startsWith("2640:");
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
    }

    @Test
    void theCheckingServerRefusesAWrongSecretSoTheSignatureTestCanFail() throws IOException {
        try (TencentSmsSender wrongKey = sender(properties(tencent.url(), "not-the-secret-key"))) {
            SendResult result = wrongKey.send(Messages.message(PHONE.value(), "042137"), "key-1");

            assertThat(tencent.signatureProblems()).containsExactly("signature mismatch");
            // our credentials, not the message: worth retrying once someone fixes the configuration
            assertThat(result).isInstanceOf(SendResult.TransientFailure.class);
            assertThat(((SendResult.TransientFailure) result).reason()).startsWith("AuthFailure.SignatureFailure");
        }
    }

    @Test
    void okForTheNumberIsAcceptedUnderItsSerialNo() {
        SendResult result = sender.send(Messages.message(PHONE.value(), "042137"), "key-1");

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(((SendResult.Accepted) result).carrierReference()).startsWith("2640:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LimitExceeded.PhoneNumberDailyLimit", "LimitExceeded.PhoneNumberOneHourLimit",
            "LimitExceeded.DeliveryFrequencyLimit", "InternalError.Timeout"})
    void limitsAndTencentsOwnTroublesAreRetriedLater(String code) {
        tencent.thenStatus(code, "try later");

        assertThat(sender.send(Messages.message(PHONE.value(), "042137"), "key-1")).isInstanceOf(SendResult.TransientFailure.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FailedOperation.TemplateIncorrectOrUnapproved",
            "FailedOperation.SignatureIncorrectOrUnapproved", "FailedOperation.PhoneNumberInBlacklist",
            "InvalidParameterValue.IncorrectPhoneNumber"})
    void templateSignatureBlacklistAndBadNumberAreRefusedForGood(String code) {
        tencent.thenStatus(code, "refused");

        SendResult result = sender.send(Messages.message(PHONE.value(), "042137"), "key-1");

        assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
        assertThat(((SendResult.PermanentFailure) result).reason()).startsWith(code);
    }

    @Test
    void aRequestLimitOnTheWholeCallIsRetriedLater() {
        tencent.thenError("RequestLimitExceeded", "too many requests");

        assertThat(sender.send(Messages.message(PHONE.value(), "042137"), "key-1")).isInstanceOf(SendResult.TransientFailure.class);
    }

    @Test
    void aGatewayErrorWithoutTencentsAnswerIsRetriedLater() {
        tencent.then(new FakeTencentSmsServer.Answer(502, "text/html", "<html>Bad Gateway</html>"));

        assertThat(sender.send(Messages.message(PHONE.value(), "042137"), "key-1")).isInstanceOf(SendResult.TransientFailure.class);
    }

    @Test
    void anUnreachableCarrierIsRetriedLater() {
        String url = tencent.url();
        tencent.close();
        try (TencentSmsSender down = sender(properties(url, SECRET_KEY))) {
            SendResult result = down.send(Messages.message(PHONE.value(), "042137"), "key-1");

            assertThat(result).isInstanceOf(SendResult.TransientFailure.class);
            assertThat(((SendResult.TransientFailure) result).reason()).startsWith("network");
        }
    }

    @Test
    void theSecretsTheCodeAndTheWholePhoneNeverReachTheLog() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            sender.send(Messages.message(PHONE.value(), "042137"), "key-1");
            tencent.thenStatus("FailedOperation.PhoneNumberInBlacklist", "blacklisted");
            sender.send(Messages.message(PHONE.value(), "042137"), "key-2");
        } finally {
            root.detachAppender(log);
        }

        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("139****0002"));
        assertThat(lines).noneSatisfy(line -> assertThat(line).containsAnyOf(SECRET_KEY, SECRET_ID, "042137", "13900000002"));
        assertThat(sender.toString()).doesNotContain(SECRET_KEY);
    }

    @Test
    void aMissingSettingStopsTheServiceNamingIt() {
        TencentSmsProperties noKey = properties(tencent.url(), " ");

        assertThatThrownBy(() -> sender(noKey)).hasMessageContaining("beian.sms.tencent.secret-key");
    }

    @Test
    void aTemplateParameterThatIsNotKnownStopsTheServiceNamingIt() {
        TencentSmsProperties p = properties(tencent.url(), SECRET_KEY);
        p.setTemplateParameters(List.of("code", "name"));

        assertThatThrownBy(() -> sender(p)).hasMessageContaining("beian.sms.tencent.template-parameters");
    }

    @Test
    void theTemplateParametersFollowTheConfiguredOrder() {
        TencentSmsProperties p = properties(tencent.url(), SECRET_KEY);
        p.setTemplateParameters(List.of("host", "code"));
        try (TencentSmsSender reordered = sender(p)) {
            reordered.send(Messages.message(PHONE.value(), "042137"), "key-1");
        }

        assertThat(tencent.received().get(0).list("TemplateParamSet"))
                .containsExactly("tjcainfo.miitbeian.gov.cn", "042137");
    }
}
