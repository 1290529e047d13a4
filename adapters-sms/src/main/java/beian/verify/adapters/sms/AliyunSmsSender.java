package beian.verify.adapters.sms;

import beian.verify.adapters.sms.AliyunSmsModel.SendSmsResponse;
import beian.verify.adapters.sms.AliyunSmsModel.TemplateParam;
import beian.verify.core.domain.SmsMessage;
import beian.verify.core.port.out.SmsSender;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alibaba Cloud SMS ({@code beian.sms.carrier: aliyun}): one SendSms call (API 2017-05-25, RPC style, the
 * parameters in the query) per message over HTTPS, signed ACS3-HMAC-SHA256 by hand on the Micronaut HTTP
 * client (the maintained SDK drags an end-of-life OkHttp 3.12 and a compile-scope JaCoCo agent: see
 * docs/carriers.md). {@code Code: OK} is accepted under its {@code BizId}; flow control, the account's money or
 * credentials, Alibaba's own errors and the way there failing are retried later; the number, the template,
 * the signature or the content are refused for good. The outbox id goes in {@code OutId}, which Alibaba
 * echoes in receipts but does not deduplicate on.
 */
@Singleton
@Named(SmsCarrier.ALIYUN)
@Requires(condition = SmsCarrier.AliyunSelected.class)
final class AliyunSmsSender extends HttpSmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(AliyunSmsSender.class);
    static final String ACTION = "SendSms";
    static final String VERSION = "2017-05-25";
    /** Codes about the account, the rate or Alibaba rather than the message: worth another attempt later. */
    private static final List<String> TRANSIENT_CODES = List.of("isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL",
            "isv.MONTH_LIMIT_CONTROL", "isv.AMOUNT_NOT_ENOUGH", "isv.OUT_OF_SERVICE", "isp.", "Throttling",
            "ServiceUnavailable", "InternalError", "SignatureDoesNotMatch", "InvalidAccessKeyId", "IncompleteSignature",
            "SignatureNonceUsed", "InvalidTimeStamp");
    private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String EMPTY_BODY_SHA256 = Acs3Signer.sha256Hex("");

    private final AliyunSmsProperties properties;
    private final Acs3Signer signer;
    private final SecureRandom random = new SecureRandom();

    @Inject
    AliyunSmsSender(AliyunSmsProperties properties, JsonMapper json) {
        this(properties, json, Clock.systemUTC());
    }

    /** {@code clock} is the real time Alibaba checks x-acs-date against (15 minutes), never the app's clock. */
    AliyunSmsSender(AliyunSmsProperties properties, JsonMapper json, Clock clock) {
        super(SmsCarrier.ALIYUN, properties, json, clock);
        this.properties = properties;
        this.signer = new Acs3Signer(required("access-key-id", properties.getAccessKeyId()),
                required("access-key-secret", properties.getAccessKeySecret()));
        required("sign-name", properties.getSignName());
        required("template-code", properties.getTemplateCode());
    }

    private static String required(String key, String value) {
        return CarrierHttp.required(SmsCarrier.ALIYUN, key, value);
    }

    @Override
    public SendResult send(SmsMessage message, String idempotencyKey) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("PhoneNumbers", message.phone().value());
        query.put("SignName", properties.getSignName());
        query.put("TemplateCode", properties.getTemplateCode());
        try {
            query.put("TemplateParam", json.writeValueAsString(new TemplateParam(message.code().value(),
                    SmsWording.deadline(message), message.platformHost())));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the template parameters", e);
        }
        query.put("OutId", idempotencyKey);
        SendResult result = call(query);
        LOG.info("Aliyun SendSms to {} (key {}): {}", message.phone().masked(), idempotencyKey, CarrierHttp.describe(result));
        return result;
    }

    private SendResult call(Map<String, String> query) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", endpoint.host());
        signed.put("x-acs-action", ACTION);
        signed.put("x-acs-content-sha256", EMPTY_BODY_SHA256);
        signed.put("x-acs-date", ACS_DATE.format(now));
        signed.put("x-acs-signature-nonce", nonce());
        signed.put("x-acs-version", VERSION);
        String path = endpoint.path();
        MutableHttpRequest<String> request = HttpRequest.POST(path + "?" + Acs3Signer.canonicalQuery(query), "")
                .header("Authorization", signer.authorization("POST", path, query, signed, EMPTY_BODY_SHA256))
                .accept(MediaType.APPLICATION_JSON_TYPE);
        signed.forEach(request::header);
        // Alibaba answers a refused call with 4xx and its JSON
        return CarrierHttp.exchange(client, request, this::interpret);
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private SendResult interpret(String body, int httpStatus) {
        SendSmsResponse response;
        try {
            response = json.readValue(body, SendSmsResponse.class);
        } catch (IOException | RuntimeException e) {
            response = null;
        }
        if (response == null || response.code() == null || response.code().isBlank()) {
            return new SendResult.TransientFailure("unexpected answer, HTTP " + httpStatus);
        }
        if ("OK".equals(response.code())) {
            if (response.bizId() == null || response.bizId().isBlank()) {
                return new SendResult.TransientFailure("OK without a BizId, HTTP " + httpStatus);
            }
            return new SendResult.Accepted(response.bizId());
        }
        return classify(response.code(), response.message());
    }

    static SendResult classify(String code, String message) {
        String reason = code + (message == null || message.isBlank() ? "" : ": " + message);
        if (TRANSIENT_CODES.stream().anyMatch(t -> t.endsWith(".") ? code.startsWith(t) : code.equals(t) || code.startsWith(t + "."))) {
            return new SendResult.TransientFailure(reason);
        }
        return new SendResult.PermanentFailure(reason);
    }

    @Override
    public String toString() {
        return "AliyunSmsSender[" + properties + "]";
    }
}
