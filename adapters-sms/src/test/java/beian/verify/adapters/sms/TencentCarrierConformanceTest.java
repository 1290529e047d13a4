package beian.verify.adapters.sms;

import beian.verify.adapters.sms.conformance.FakeCarrierServer;
import beian.verify.adapters.sms.conformance.SmsCarrierContract;
import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.out.SmsSender;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tencent Cloud SMS passes the carrier conformance kit. */
class TencentCarrierConformanceTest extends SmsCarrierContract {
    static final String SECRET_ID = "AKIDtestSecretId0123456789EXAMPLE";
    static final String SECRET_KEY = "test-secret-key-0123456789EXAMPLE";
    static final String CALLBACK_TOKEN = "tencent-callback-token-EXAMPLE";

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

    @Override
    protected FakeCarrierServer startCarrier() throws IOException {
        return new FakeTencentSmsServer(SECRET_ID, SECRET_KEY);
    }

    @Override
    protected SmsSender sender(String endpoint, Duration timeout) {
        TencentSmsProperties p = properties(endpoint, SECRET_KEY);
        p.setTimeout(timeout);
        return new TencentSmsSender(p, JsonMapper.createDefault(), Clock.systemUTC());
    }

    @Override
    protected SmsSender senderWithWrongSecret(String endpoint) {
        return new TencentSmsSender(properties(endpoint, "not-the-secret-key"), JsonMapper.createDefault(), Clock.systemUTC());
    }

    /** "签名方法 v3", the worked example (DescribeInstances on cvm, 2019-02-25); Tc3SignerTest checks each step. */
    @Override
    protected PublishedSignature publishedSignature() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Host", "cvm.tencentcloudapi.com");
        String authorization = new Tc3Signer(Tc3SignerTest.SECRET_ID, Tc3SignerTest.SECRET_KEY)
                .authorization("cvm", headers, Tc3SignerTest.PAYLOAD, Tc3SignerTest.TIMESTAMP);
        return new PublishedSignature("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/"
                + "tc3_request, SignedHeaders=content-type;host, "
                + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", authorization);
    }

    @Override
    protected List<String> secrets() {
        return List.of(SECRET_ID, SECRET_KEY);
    }

    @Override
    protected DeliveryReceiver deliveryReceiver(RecordDeliveryUseCase deliveries) {
        return new CallbackReceiver("tencent", "/callbacks/tencent/sms-status", CALLBACK_TOKEN, deliveries,
                (sid, delivered) -> report(sid, delivered ? "SUCCESS" : "FAIL"), "report_status");
    }

    /** One report as Tencent words it. */
    static Map<String, Object> report(String sid, String status) {
        return Map.of("user_receive_time", "2026-11-28 10:00:07", "nationcode", "86", "mobile", "13900000002",
                "report_status", status, "errmsg", "SUCCESS".equals(status) ? "DELIVRD" : "MK:0001",
                "description", "SUCCESS".equals(status) ? "用户短信送达成功" : "用户关机", "sid", sid);
    }
}
