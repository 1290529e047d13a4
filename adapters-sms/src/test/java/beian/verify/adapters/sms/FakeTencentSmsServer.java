package beian.verify.adapters.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for sms.tencentcloudapi.com: a real HTTP server that checks each request's
 * TC3-HMAC-SHA256 signature the documented way, with its own code (not the adapter's signer), and
 * answers as scripted: by default Tencent's success answer with a fresh SerialNo.
 */
final class FakeTencentSmsServer implements AutoCloseable {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z]+)/tc3_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    /** One request as received, with the verdict of the signature check. */
    record Received(Map<String, String> headers, String body, Map<String, Object> json, boolean signatureValid,
                    String signatureProblem) {
        @SuppressWarnings("unchecked")
        List<String> list(String field) {
            return (List<String>) json.get(field);
        }
    }

    /** A scripted answer. */
    record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final String secretId;
    private final String secretKey;
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    FakeTencentSmsServer(String secretId, String secretKey) throws IOException {
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    synchronized FakeTencentSmsServer then(Answer answer) {
        script.addLast(answer);
        return this;
    }

    /** Tencent's answer for one number with this per-number code. */
    FakeTencentSmsServer thenStatus(String code, String message) {
        return then(new Answer(200, "application/json", "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\","
                + "\"PhoneNumber\":\"+8613900000002\",\"Fee\":0,\"SessionContext\":\"\",\"Code\":\"" + code
                + "\",\"Message\":\"" + message + "\",\"IsoCode\":\"CN\"}],\"RequestId\":\"" + UUID.randomUUID() + "\"}}"));
    }

    /** Tencent's answer when the whole call failed. */
    FakeTencentSmsServer thenError(String code, String message) {
        return then(new Answer(200, "application/json", error(code, message)));
    }

    private static String error(String code, String message) {
        return "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"},\"RequestId\":\""
                + UUID.randomUUID() + "\"}}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String problem = signatureProblem(exchange.getRequestMethod(), headers, body);
        Map<String, Object> parsed;
        try {
            parsed = json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            parsed = Map.of();
        }
        received.add(new Received(headers, body, parsed, problem == null, problem));
        Answer answer;
        if (problem != null) {
            answer = new Answer(200, "application/json", error("AuthFailure.SignatureFailure", problem));
        } else {
            synchronized (this) {
                answer = script.isEmpty() ? ok(parsed) : script.removeFirst();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @SuppressWarnings("unchecked")
    private static Answer ok(Map<String, Object> request) {
        List<String> phones = (List<String>) request.getOrDefault("PhoneNumberSet", List.of("+860"));
        Object session = request.getOrDefault("SessionContext", "");
        return new Answer(200, "application/json", "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"2640:"
                + UUID.randomUUID() + "\",\"PhoneNumber\":\"" + phones.get(0) + "\",\"Fee\":1,\"SessionContext\":\""
                + session + "\",\"Code\":\"Ok\",\"Message\":\"send success\",\"IsoCode\":\"CN\"}],"
                + "\"RequestId\":\"" + UUID.randomUUID() + "\"}}");
    }

    /** The documented check, step by step; null when the signature holds. */
    private String signatureProblem(String method, Map<String, String> headers, String body) {
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
        String canonicalRequest = method + "\n/\n\n" + canonicalHeaders + "\n" + m.group(4) + "\n" + sha256(body);
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/sms/tc3_request\n" + sha256(canonicalRequest);
        byte[] secretDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmac(secretDate, "sms");
        byte[] secretSigning = hmac(secretService, "tc3_request");
        String expected = HexFormat.of().formatHex(hmac(secretSigning, stringToSign));
        return expected.equals(m.group(5)) ? null : "signature mismatch";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every request's signature problems, for a one-line assertion. */
    List<String> signatureProblems() {
        List<String> problems = new ArrayList<>();
        received.forEach(r -> {
            if (!r.signatureValid()) {
                problems.add(r.signatureProblem());
            }
        });
        return problems;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
