package beian.verify.adapters.sms;

import beian.verify.adapters.sms.conformance.FakeCarrierServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for dysmsapi.aliyuncs.com: checks each request's ACS3-HMAC-SHA256 signature the documented way,
 * with its own code (not the adapter's signer), and answers in Alibaba's words: by default {@code Code: OK} with a
 * fresh BizId.
 */
final class FakeAliyunSmsServer extends FakeCarrierServer {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})");
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final String accessKeyId;
    private final String accessKeySecret;
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();

    FakeAliyunSmsServer(String accessKeyId, String accessKeySecret) throws IOException {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /** The query, decoded. */
    static Map<String, String> query(Request request) {
        Map<String, String> query = new LinkedHashMap<>();
        if (request.rawQuery() == null || request.rawQuery().isEmpty()) {
            return query;
        }
        for (String pair : request.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    @Override
    protected Received read(Request request, String signatureProblem) {
        Map<String, String> query = query(request);
        Map<String, String> parameters = new LinkedHashMap<>();
        try {
            String templateParam = query.get("TemplateParam");
            if (templateParam != null) {
                parameters.putAll(JSON.readValue(templateParam, Argument.mapOf(String.class, String.class)));
            }
        } catch (IOException | RuntimeException e) {
            parameters.put("unreadable", templateParam(query));
        }
        return new Received(request, signatureProblem, query.get("PhoneNumbers"), parameters, query.get("OutId"));
    }

    private static String templateParam(Map<String, String> query) {
        return String.valueOf(query.get("TemplateParam"));
    }

    @Override
    protected Answer carrierAnswer(Family family, Request request) {
        return switch (family) {
            case THROTTLED -> code(200, "isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5");
            case BAD_NUMBER -> code(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
            case TEMPLATE_NOT_APPROVED -> code(200, "isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板");
            case INSUFFICIENT_BALANCE -> code(200, "isv.AMOUNT_NOT_ENOUGH", "账户余额不足");
            default -> new Answer(200, "application/json", "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\""
                    + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L) + "^0\",\"RequestId\":\""
                    + UUID.randomUUID() + "\"}");
        };
    }

    /** Alibaba's answer with this code. */
    static Answer code(int status, String code, String message) {
        return new Answer(status, "application/json", "{\"Code\":\"" + code + "\",\"Message\":\"" + message
                + "\",\"RequestId\":\"" + UUID.randomUUID() + "\"}");
    }

    @Override
    protected Answer signatureRefused(String problem) {
        return code(400, "SignatureDoesNotMatch", problem);
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
        if (!m.group(1).equals(accessKeyId)) {
            return "InvalidAccessKeyId.NotFound";
        }
        if (!"SendSms".equals(headers.get("x-acs-action")) || !"2017-05-25".equals(headers.get("x-acs-version"))) {
            return "x-acs-action SendSms and x-acs-version 2017-05-25 are required";
        }
        Instant date;
        try {
            date = Instant.parse(headers.getOrDefault("x-acs-date", ""));
        } catch (RuntimeException e) {
            return "x-acs-date missing or not yyyy-MM-ddTHH:mm:ssZ";
        }
        if (Duration.between(date, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            return "InvalidTimeStamp.Expired";
        }
        String nonce = headers.get("x-acs-signature-nonce");
        if (nonce == null || !nonces.add(nonce)) {
            return "SignatureNonceUsed";
        }
        String hashedPayload = sha256Hex(request.body());
        if (!hashedPayload.equals(headers.get("x-acs-content-sha256"))) {
            return "x-acs-content-sha256 is not the body's";
        }
        List<String> signed = List.of(m.group(2).split(";"));
        for (String required : List.of("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
                "x-acs-signature-nonce", "x-acs-version")) {
            if (!signed.contains(required)) {
                return required + " must be signed";
            }
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signed) {
            String value = headers.get(name);
            if (value == null) {
                return "signed header " + name + " not sent";
            }
            canonicalHeaders.append(name).append(':').append(value.strip()).append('\n');
        }
        StringBuilder canonicalQuery = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(query(request)).entrySet()) {
            canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=')
                    .append(encode(e.getValue()));
        }
        String canonicalRequest = request.method() + "\n" + request.path() + "\n" + canonicalQuery + "\n"
                + canonicalHeaders + "\n" + m.group(2) + "\n" + hashedPayload;
        String expected = HexFormat.of().formatHex(hmacSha256(accessKeySecret.getBytes(StandardCharsets.UTF_8),
                "ACS3-HMAC-SHA256\n" + sha256Hex(canonicalRequest)));
        return expected.equals(m.group(3)) ? null : "SignatureDoesNotMatch";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
