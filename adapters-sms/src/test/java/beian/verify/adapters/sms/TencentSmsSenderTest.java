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
import beian.verify.adapters.sms.conformance.FakeCarrierServer;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is Tencent's own beyond the conformance kit ({@link TencentCarrierConformanceTest}): its headers and JSON,
 * more of its codes, the order of template parameters, its settings.
 */
class TencentSmsSenderTest {
    static final String SECRET_ID = TencentCarrierConformanceTest.SECRET_ID;
    static final String SECRET_KEY = TencentCarrierConformanceTest.SECRET_KEY;
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
        return TencentCarrierConformanceTest.properties(endpoint, secretKey);
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

        FakeCarrierServer.Received call = tencent.received().get(0);
        assertThat(call.signatureProblem()).isNull();
        assertThat(tencent.received()).hasSize(1);
        assertThat(call.request().headers()).containsEntry("x-tc-action", "SendSms").containsEntry("x-tc-version", "2021-01-11")
                .containsEntry("x-tc-region", "ap-guangzhou")
                .containsEntry("content-type", "application/json; charset=utf-8");
        assertThat(call.request().headers().get("authorization")).contains("SignedHeaders=content-type;host;x-tc-action");
        assertThat(FakeTencentSmsServer.list(call, "PhoneNumberSet")).containsExactly("+8613900000002");
        assertThat(FakeTencentSmsServer.json(call)).containsEntry("SmsSdkAppId", "1400006666").containsEntry("SignName", "ICP备案")
                .containsEntry("TemplateId", "1110");
        // {1} the code, {2} the deadline (48 hours after 2026-11-28 10:00 Beijing), {3} the platform host
        assertThat(FakeTencentSmsServer.list(call, "TemplateParamSet"))
                .containsExactly("042137", "2026年11月30日10:00", "tjcainfo.miitbeian.gov.cn");
        OutboundSms sms = world.outbox.all().get(0);
        assertThat(FakeTencentSmsServer.json(call)).containsEntry("SessionContext", sms.id());
        assertThat(sms.status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
        assertThat(sms.carrierReference()).startsWith("2640:");
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LimitExceeded.PhoneNumberDailyLimit", "LimitExceeded.PhoneNumberOneHourLimit",
            "LimitExceeded.DeliveryFrequencyLimit", "InternalError.Timeout"})
    void limitsAndTencentsOwnTroublesAreRetriedLater(String code) {
        tencent.then(FakeTencentSmsServer.status(code, "try later"));

        assertThat(sender.send(Messages.message(PHONE.value(), "042137"), "key-1")).isInstanceOf(SendResult.TransientFailure.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FailedOperation.TemplateIncorrectOrUnapproved",
            "FailedOperation.SignatureIncorrectOrUnapproved", "FailedOperation.PhoneNumberInBlacklist",
            "InvalidParameterValue.IncorrectPhoneNumber"})
    void templateSignatureBlacklistAndBadNumberAreRefusedForGood(String code) {
        tencent.then(FakeTencentSmsServer.status(code, "refused"));

        SendResult result = sender.send(Messages.message(PHONE.value(), "042137"), "key-1");

        assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
        assertThat(((SendResult.PermanentFailure) result).reason()).startsWith(code);
    }

    @Test
    void aRequestLimitOnTheWholeCallIsRetriedLater() {
        tencent.then(FakeTencentSmsServer.error("RequestLimitExceeded", "too many requests"));

        assertThat(sender.send(Messages.message(PHONE.value(), "042137"), "key-1")).isInstanceOf(SendResult.TransientFailure.class);
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

        assertThat(FakeTencentSmsServer.list(tencent.received().get(0), "TemplateParamSet"))
                .containsExactly("tjcainfo.miitbeian.gov.cn", "042137");
    }
}
