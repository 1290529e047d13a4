package beian.verify.adapters.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256, as Tencent's "签名方法 v3" documents it:
 * canonical request, string to sign, a key derived date → service → "tc3_request", and the
 * Authorization header. POST to "/" with a JSON body only: the one shape this adapter sends.
 */
final class Tc3Signer {
    static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final DateTimeFormatter UTC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final String secretId;
    private final byte[] secretKey;

    Tc3Signer(String secretId, String secretKey) {
        this.secretId = secretId;
        this.secretKey = ("TC3" + secretKey).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The Authorization header of a POST to "/" with this body.
     *
     * @param service       the product, the first label of the API host ("sms", "cvm")
     * @param signedHeaders the headers to sign with their values exactly as sent (content-type and host at least)
     */
    String authorization(String service, Map<String, String> signedHeaders, String body, Instant timestamp) {
        Map<String, String> headers = canonicalHeaders(signedHeaders);
        // The date of the scope is the UTC date of the timestamp: a local date fails every night at 00:00 local.
        String scope = UTC_DATE.format(timestamp) + "/" + service + "/tc3_request";
        String signature = HexFormat.of().formatHex(
                hmac(signingKey(UTC_DATE.format(timestamp), service), stringToSign(headers, body, timestamp, scope)));
        return ALGORITHM + " Credential=" + secretId + "/" + scope + ", SignedHeaders=" + String.join(";", headers.keySet())
                + ", Signature=" + signature;
    }

    /** Names and values lower-cased and trimmed, sorted by name. */
    static Map<String, String> canonicalHeaders(Map<String, String> headers) {
        Map<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT).strip(),
                value.toLowerCase(Locale.ROOT).strip()));
        return canonical;
    }

    /** Step 1: method, URI, query (empty for POST), canonical headers, signed header names, the body's hash. */
    static String canonicalRequest(Map<String, String> canonicalHeaders, String body) {
        String lines = canonicalHeaders.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        return "POST\n/\n\n" + lines + "\n" + String.join(";", canonicalHeaders.keySet()) + "\n" + sha256Hex(body);
    }

    /** Step 2. */
    static String stringToSign(Map<String, String> canonicalHeaders, String body, Instant timestamp, String scope) {
        return ALGORITHM + "\n" + timestamp.getEpochSecond() + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest(canonicalHeaders, body));
    }

    /** Step 3: the key derived from the secret key, the date and the service. */
    private byte[] signingKey(String date, String service) {
        return hmac(hmac(hmac(secretKey, date), service), "tc3_request");
    }

    static String sha256Hex(String text) {
        return CarrierHttp.sha256Hex(text);
    }

    private static byte[] hmac(byte[] key, String message) {
        return CarrierHttp.hmacSha256(key, message);
    }

    @Override
    public String toString() {
        return "Tc3Signer[" + secretId + "]"; // never the key
    }
}
