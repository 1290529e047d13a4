package beian.verify.adapters.sms;

import beian.verify.core.port.out.SmsSender.SendResult;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What every carrier adapter does the same way: its settings, its endpoint and client, its hashes, its log words. */
final class CarrierHttp {
    private CarrierHttp() {
    }

    /** Where a carrier is reached: its base URL, the Host header it signs, and the path requests go to. */
    record Endpoint(URL baseUrl, String host, String path) {
    }

    /** A setting the carrier cannot work without; the exception names its key. */
    static String required(String carrier, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("beian.sms." + carrier + "." + key + " is required when beian.sms.carrier is "
                    + carrier);
        }
        return value.strip();
    }

    /** A host (reached over HTTPS) or a whole base URL (tests: a local server). */
    static Endpoint endpoint(String carrier, String endpoint) {
        String value = required(carrier, "endpoint", endpoint);
        try {
            URI uri = URI.create(value.contains("://") ? value : "https://" + value);
            URL url = uri.toURL();
            return new Endpoint(url, uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort(),
                    url.getPath().isEmpty() ? "/" : url.getPath());
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("beian.sms." + carrier + ".endpoint: '" + value + "' is not a host or URL", e);
        }
    }

    /** A client that gives up after {@code timeout}, connecting or reading: a transient failure then. */
    static HttpClient client(Endpoint endpoint, Duration timeout) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(timeout);
        configuration.setConnectTimeout(timeout);
        return HttpClient.create(endpoint.baseUrl(), configuration);
    }

    /** How a carrier's answer (its body and HTTP status) becomes an outcome. */
    interface Interpreter {
        SendResult interpret(String body, int httpStatus);
    }

    /**
     * Sends the request and interprets whatever comes back: an error status still carries the carrier's own
     * answer, or, without it (a gateway's 502), counts as the way there failing, which the interpreter retries.
     * No answer at all is a transient failure.
     */
    static SendResult exchange(HttpClient client, MutableHttpRequest<String> request, Interpreter interpreter) {
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            return interpreter.interpret(response.getBody().orElse(""), response.code());
        } catch (HttpClientResponseException e) {
            return interpreter.interpret(e.getResponse().getBody(String.class).orElse(""), e.code());
        } catch (HttpClientException e) {
            return new SendResult.TransientFailure("network: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** How a log line words an outcome. */
    static String describe(SendResult result) {
        if (result instanceof SendResult.Accepted a) {
            return "accepted as " + a.carrierReference();
        }
        if (result instanceof SendResult.TransientFailure t) {
            return "transient failure, " + t.reason();
        }
        return "refused, " + ((SendResult.PermanentFailure) result).reason();
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static byte[] hmacSha256(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
