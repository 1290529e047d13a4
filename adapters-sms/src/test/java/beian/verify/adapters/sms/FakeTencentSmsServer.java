package beian.verify.adapters.sms;

import beian.verify.adapters.sms.conformance.FakeCarrierServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for sms.tencentcloudapi.com: checks each request's TC3-HMAC-SHA256 signature the
 * documented way, with its own code (not the adapter's signer), and answers in Tencent's words: by
 * default success with a fresh SerialNo.
 */
final class FakeTencentSmsServer extends FakeCarrierServer {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z]+)/tc3_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final String secretId;
    private final String secretKey;

    FakeTencentSmsServer(String secretId, String secretKey) throws IOException {
        this.secretId = secretId;
        this.secretKey = secretKey;
    }

    /** The request body as JSON. */
    static Map<String, Object> json(Received received) {
        try {
            return JSON.readValue(received.request().body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> list(Received received, String field) {
        return (List<String>) json(received).getOrDefault(field, List.of());
    }

    @Override
    protected Received read(Request request, String signatureProblem) {
        Received partial = new Received(request, signatureProblem, null, Map.of(), null);
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> values = list(partial, "TemplateParamSet");
        for (int i = 0; i < values.size(); i++) {
            parameters.put(Integer.toString(i + 1), values.get(i));
        }
        List<String> phones = list(partial, "PhoneNumberSet");
        Object session = json(partial).get("SessionContext");
        return new Received(request, signatureProblem, phones.isEmpty() ? null : phones.get(0), parameters,
                session == null ? null : session.toString());
    }

    @Override
    protected Answer carrierAnswer(Family family, Request request) {
        return switch (family) {
            case THROTTLED -> status("LimitExceeded.PhoneNumberOneHourLimit", "hourly limit of this number");
            case BAD_NUMBER -> status("InvalidParameterValue.IncorrectPhoneNumber", "incorrect number");
            case TEMPLATE_NOT_APPROVED -> status("FailedOperation.TemplateIncorrectOrUnapproved", "template not approved");
            case INSUFFICIENT_BALANCE -> status("FailedOperation.InsufficientBalanceInSmsPackage", "package used up");
            default -> ok(request);
        };
    }

    @Override
    protected Answer signatureRefused(String problem) {
        return error("AuthFailure.SignatureFailure", problem);
    }

    /** Tencent's answer for one number with this per-number code. */
    static Answer status(String code, String message) {
        return new Answer(200, "application/json", "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\","
                + "\"PhoneNumber\":\"+8613900000002\",\"Fee\":0,\"SessionContext\":\"\",\"Code\":\"" + code
                + "\",\"Message\":\"" + message + "\",\"IsoCode\":\"CN\"}],\"RequestId\":\"" + UUID.randomUUID() + "\"}}");
    }

    /** Tencent's answer when the whole call failed. */
    static Answer error(String code, String message) {
        return new Answer(200, "application/json", "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\""
                + message + "\"},\"RequestId\":\"" + UUID.randomUUID() + "\"}}");
    }

    private Answer ok(Request request) {
        Received r = read(request, null);
        String phone = r.phone() == null ? "+860" : r.phone();
        return new Answer(200, "application/json", "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"2640:"
                + UUID.randomUUID() + "\",\"PhoneNumber\":\"" + phone + "\",\"Fee\":1,\"SessionContext\":\""
                + (r.idempotencyKey() == null ? "" : r.idempotencyKey()) + "\",\"Code\":\"Ok\",\"Message\":\"send success\","
                + "\"IsoCode\":\"CN\"}],\"RequestId\":\"" + UUID.randomUUID() + "\"}}");
    }

    /** The documented check, step by step; null when the signature holds. */
    @Override
    protected String signatureProblem(Request request) {
        Map<String, String> headers = request.headers();
        String authorization = headers.get("authorization");
        if (authorization == null) {
            return "no Authorization header";
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return "Authorization header malformed";
        }
        if (!m.group(1).equals(secretId)) {
            return "unknown SecretId";
        }
        if (!"sms".equals(m.group(3))) {
            return "the credential scope names service " + m.group(3);
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(headers.getOrDefault("x-tc-timestamp", ""));
        } catch (NumberFormatException e) {
            return "X-TC-Timestamp missing";
        }
        Instant at = Instant.ofEpochSecond(timestamp);
        if (Duration.between(at, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            return "signature expired";
        }
        String date = at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        if (!m.group(2).equals(date)) {
            return "the credential date is not the UTC date of X-TC-Timestamp";
        }
        List<String> signed = List.of(m.group(4).split(";"));
        if (!signed.contains("content-type") || !signed.contains("host")) {
            return "content-type and host must be signed";
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signed) {
            String value = headers.get(name);
            if (value == null) {
                return "signed header " + name + " not sent";
            }
            canonicalHeaders.append(name).append(':').append(value.toLowerCase(Locale.ROOT).strip()).append('\n');
        }
        String canonicalRequest = request.method() + "\n/\n\n" + canonicalHeaders + "\n" + m.group(4) + "\n"
                + sha256Hex(request.body());
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/sms/tc3_request\n" + sha256Hex(canonicalRequest);
        byte[] secretDate = hmacSha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmacSha256(secretDate, "sms");
        byte[] secretSigning = hmacSha256(secretService, "tc3_request");
        String expected = HexFormat.of().formatHex(hmacSha256(secretSigning, stringToSign));
        return expected.equals(m.group(5)) ? null : "signature mismatch";
    }
}
