package beian.verify.adapters.sms;

import beian.verify.adapters.sms.TencentSmsModel.SendSmsEnvelope;
import beian.verify.adapters.sms.TencentSmsModel.SendSmsRequest;
import beian.verify.adapters.sms.TencentSmsModel.SendStatus;
import beian.verify.core.domain.PhoneNumber;
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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tencent Cloud SMS ({@code beian.sms.carrier: tencent}): one SendSms call (API 2021-01-11) per message over
 * HTTPS, signed TC3-HMAC-SHA256, through the Micronaut HTTP client. The outcome is decided per number from
 * {@code SendStatusSet[].Code}: {@code Ok} is accepted (its SerialNo names it in delivery reports); limits,
 * Tencent's internal errors, our credentials or balance, and network failures are retried later; anything
 * else about the message (template, signature, blacklisted or invalid number) is refused for good. The
 * outbox id goes in {@code SessionContext}, the idempotency key Tencent echoes back.
 */
@Singleton
@Named(SmsCarrier.TENCENT)
@Requires(condition = SmsCarrier.TencentSelected.class)
final class TencentSmsSender extends HttpSmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(TencentSmsSender.class);
    static final String ACTION = "SendSms";
    static final String VERSION = "2021-01-11";
    static final String SERVICE = "sms";
    /** Exactly what is signed and sent: the client must not add or change a charset. */
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    /** Codes about the account or Tencent rather than the message: worth another attempt later. */
    private static final List<String> TRANSIENT_CODES = List.of("LimitExceeded", "RequestLimitExceeded",
            "InternalError", "AuthFailure", "FailedOperation.InsufficientBalanceInSmsPackage");

    private final TencentSmsProperties properties;
    private final Tc3Signer signer;
    private final SmsTemplateParameters template;

    @Inject
    TencentSmsSender(TencentSmsProperties properties, JsonMapper json) {
        this(properties, json, Clock.systemUTC());
    }

    /** {@code clock} is the real time Tencent checks the signature's timestamp against, never the app's clock. */
    TencentSmsSender(TencentSmsProperties properties, JsonMapper json, Clock clock) {
        super(SmsCarrier.TENCENT, properties, json, clock);
        this.properties = properties;
        this.signer = new Tc3Signer(required("secret-id", properties.getSecretId()),
                required("secret-key", properties.getSecretKey()));
        required("sdk-app-id", properties.getSdkAppId());
        required("sign-name", properties.getSignName());
        required("template-id", properties.getTemplateId());
        required("region", properties.getRegion());
        this.template = new SmsTemplateParameters(properties.getTemplateParameters());
    }

    private static String required(String key, String value) {
        return CarrierHttp.required(SmsCarrier.TENCENT, key, value);
    }

    @Override
    public SendResult send(SmsMessage message, String idempotencyKey) {
        PhoneNumber phone = message.phone();
        String e164 = "+86" + phone.value();
        String body;
        try {
            body = json.writeValueAsString(new SendSmsRequest(List.of(e164), properties.getSdkAppId(),
                    properties.getSignName(), properties.getTemplateId(), template.of(message), idempotencyKey));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the SendSms request", e);
        }
        SendResult result = call(body, e164);
        LOG.info("Tencent SendSms to {} (key {}): {}", phone.masked(), idempotencyKey, CarrierHttp.describe(result));
        return result;
    }

    private SendResult call(String body, String e164) {
        Instant timestamp = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", CONTENT_TYPE);
        signed.put("Host", endpoint.host());
        signed.put("X-TC-Action", ACTION);
        MutableHttpRequest<String> request = HttpRequest.POST(endpoint.path(), body)
                .header("Authorization", signer.authorization(SERVICE, signed, body, timestamp))
                .header("Content-Type", CONTENT_TYPE)
                .header("Host", endpoint.host())
                .header("X-TC-Action", ACTION)
                .header("X-TC-Version", VERSION)
                .header("X-TC-Timestamp", Long.toString(timestamp.getEpochSecond()))
                .header("X-TC-Region", properties.getRegion())
                .accept(MediaType.APPLICATION_JSON_TYPE);
        // Tencent answers errors with HTTP 200 and an Error object; a 502 or 429 without it is the way there
        return CarrierHttp.exchange(client, request, (answer, status) -> interpret(answer, e164, status));
    }

    private SendResult interpret(String responseBody, String e164, int httpStatus) {
        SendSmsEnvelope envelope;
        try {
            envelope = json.readValue(responseBody, SendSmsEnvelope.class);
        } catch (IOException | RuntimeException e) {
            envelope = null;
        }
        if (envelope == null || envelope.response() == null) {
            return new SendResult.TransientFailure("unexpected answer, HTTP " + httpStatus);
        }
        if (envelope.response().error() != null) {
            return classify(envelope.response().error().code(), envelope.response().error().message());
        }
        List<SendStatus> statuses = envelope.response().sendStatusSet();
        if (statuses == null || statuses.isEmpty()) {
            return new SendResult.TransientFailure("no SendStatusSet in the answer, HTTP " + httpStatus);
        }
        SendStatus status = statuses.stream().filter(s -> e164.equals(s.phoneNumber())).findFirst().orElse(statuses.get(0));
        if ("Ok".equals(status.code())) {
            return new SendResult.Accepted(status.serialNo());
        }
        return classify(status.code(), status.message());
    }

    static SendResult classify(String code, String message) {
        String reason = code + (message == null || message.isBlank() ? "" : ": " + message);
        if (code != null && TRANSIENT_CODES.stream().anyMatch(t -> code.equals(t) || code.startsWith(t + "."))) {
            return new SendResult.TransientFailure(reason);
        }
        return new SendResult.PermanentFailure(reason);
    }

    @Override
    public String toString() {
        return "TencentSmsSender[" + properties + "]";
    }
}
