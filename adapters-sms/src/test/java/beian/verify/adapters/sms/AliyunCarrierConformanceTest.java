package beian.verify.adapters.sms;

import beian.verify.adapters.sms.conformance.FakeCarrierServer;
import beian.verify.adapters.sms.conformance.SmsCarrierContract;
import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.out.SmsSender;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Alibaba Cloud SMS passes the carrier conformance kit. */
class AliyunCarrierConformanceTest extends SmsCarrierContract {
    static final String ACCESS_KEY_ID = "LTAI5tTestAccessKeyIdEXAMPLE";
    static final String ACCESS_KEY_SECRET = "test-access-key-secret-EXAMPLE";
    static final String CALLBACK_TOKEN = "aliyun-callback-token-EXAMPLE";

    static AliyunSmsProperties properties(String endpoint, String secret) {
        AliyunSmsProperties p = new AliyunSmsProperties();
        p.setAccessKeyId(ACCESS_KEY_ID);
        p.setAccessKeySecret(secret);
        p.setSignName("ICP备案");
        p.setTemplateCode("SMS_154950909");
        p.setEndpoint(endpoint);
        return p;
    }

    @Override
    protected FakeCarrierServer startCarrier() throws IOException {
        return new FakeAliyunSmsServer(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
    }

    @Override
    protected SmsSender sender(String endpoint, Duration timeout) {
        AliyunSmsProperties p = properties(endpoint, ACCESS_KEY_SECRET);
        p.setTimeout(timeout);
        return new AliyunSmsSender(p, JsonMapper.createDefault(), Clock.systemUTC());
    }

    @Override
    protected SmsSender senderWithWrongSecret(String endpoint) {
        return new AliyunSmsSender(properties(endpoint, "not-the-secret"), JsonMapper.createDefault(), Clock.systemUTC());
    }

    /** "V3版本请求体&签名机制", its signature example; Acs3SignerTest checks each step. */
    @Override
    protected PublishedSignature publishedSignature() {
        String authorization = Acs3SignerTest.documentedAuthorization();
        return new PublishedSignature(Acs3SignerTest.PUBLISHED_SIGNATURE,
                authorization.substring(authorization.indexOf("Signature=") + "Signature=".length()));
    }

    @Override
    protected List<String> secrets() {
        return List.of(ACCESS_KEY_SECRET);
    }

    @Override
    protected DeliveryReceiver deliveryReceiver(RecordDeliveryUseCase deliveries) {
        return new CallbackReceiver("aliyun", "/callbacks/aliyun/sms-report", CALLBACK_TOKEN, deliveries,
                AliyunCarrierConformanceTest::report, "success");
    }

    /** One report as Alibaba words it (SmsReport, HTTP batch push). */
    static Map<String, Object> report(String bizId, boolean success) {
        return Map.of("phone_number", "13900000002", "send_time", "2026-11-28 10:00:01", "report_time", "2026-11-28 10:00:07",
                "success", success, "err_code", success ? "DELIVERED" : "MK:0001", "err_msg", success ? "用户接收成功" : "用户关机",
                "sms_size", "1", "biz_id", bizId, "out_id", "o1");
    }
}
