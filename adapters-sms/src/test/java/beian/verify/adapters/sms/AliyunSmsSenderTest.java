package beian.verify.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.adapters.sms.conformance.FakeCarrierServer;
import beian.verify.core.port.out.SmsSender.SendResult;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is Alibaba's own beyond the conformance kit ({@link AliyunCarrierConformanceTest}): its query and headers,
 * more of its codes, its settings.
 */
class AliyunSmsSenderTest {
    FakeAliyunSmsServer aliyun;
    AliyunSmsSender sender;

    @BeforeEach
    void start() throws IOException {
        aliyun = new FakeAliyunSmsServer(AliyunCarrierConformanceTest.ACCESS_KEY_ID, AliyunCarrierConformanceTest.ACCESS_KEY_SECRET);
        sender = new AliyunSmsSender(AliyunCarrierConformanceTest.properties(aliyun.url(),
                AliyunCarrierConformanceTest.ACCESS_KEY_SECRET), JsonMapper.createDefault(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        sender.close();
        aliyun.close();
    }

    @Test
    void sendSmsCarriesTheNumberSignatureTemplateAndNamedParametersInTheQuery() {
        assertThat(sender.send(Messages.message("13900000002", "042137"), "outbox-1")).isInstanceOf(SendResult.Accepted.class);

        FakeCarrierServer.Received call = aliyun.received().get(0);
        assertThat(call.signatureProblem()).isNull();
        assertThat(call.request().method()).isEqualTo("POST");
        assertThat(call.request().headers()).containsEntry("x-acs-action", "SendSms").containsEntry("x-acs-version", "2017-05-25");
        assertThat(FakeAliyunSmsServer.query(call.request())).containsEntry("PhoneNumbers", "13900000002")
                .containsEntry("SignName", "ICP备案").containsEntry("TemplateCode", "SMS_154950909")
                .containsEntry("OutId", "outbox-1");
        assertThat(call.templateParameters()).isEqualTo(Map.of("code", "042137", "deadline", "2026年11月30日10:00",
                "host", "tjcainfo.miitbeian.gov.cn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"isv.DAY_LIMIT_CONTROL", "isv.OUT_OF_SERVICE", "isp.SYSTEM_ERROR", "isp.RAM_PERMISSION_DENY",
            "Throttling.User"})
    void limitsTheAccountAndAlibabasOwnTroublesAreRetriedLater(String code) {
        aliyun.then(FakeAliyunSmsServer.code(200, code, "later"));

        assertThat(sender.send(Messages.message("13900000002", "042137"), "k")).isInstanceOf(SendResult.TransientFailure.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_CONTENT_ILLEGAL", "isv.BLACK_KEY_CONTROL_LIMIT",
            "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_PARAMETERS"})
    void theMessageItsSignatureAndItsNumberAreRefusedForGood(String code) {
        aliyun.then(FakeAliyunSmsServer.code(200, code, "refused"));

        SendResult result = sender.send(Messages.message("13900000002", "042137"), "k");

        assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
        assertThat(((SendResult.PermanentFailure) result).reason()).startsWith(code);
    }

    @Test
    void aMissingSettingStopsTheServiceNamingIt() {
        AliyunSmsProperties p = AliyunCarrierConformanceTest.properties(aliyun.url(), AliyunCarrierConformanceTest.ACCESS_KEY_SECRET);
        p.setTemplateCode(" ");

        assertThatThrownBy(() -> new AliyunSmsSender(p, JsonMapper.createDefault())).hasMessageContaining("beian.sms.aliyun.template-code");
    }
}
