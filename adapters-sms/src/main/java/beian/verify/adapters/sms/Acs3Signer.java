package beian.verify.adapters.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud OpenAPI request signing, V3 (ACS3-HMAC-SHA256), as "V3版本请求体&签名机制" documents it:
 * a canonical request (method, path, the sorted and percent-encoded query, the lower-cased signed
 * headers, the hex SHA-256 of the body), the string to sign "ACS3-HMAC-SHA256\n" + its hex SHA-256, and the
 * hex HMAC-SHA256 of that under the AccessKey secret. No derived key, no date in a scope: unlike Tencent's.
 */
final class Acs3Signer {
    static final String ALGORITHM = "ACS3-HMAC-SHA256";

    private final String accessKeyId;
    private final byte[] accessKeySecret;

    Acs3Signer(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The Authorization header.
     *
     * @param query         the request's query parameters, not yet encoded
     * @param signedHeaders host and every x-acs-* header, with their values exactly as sent
     * @param hashedPayload the hex SHA-256 of the body (also sent as x-acs-content-sha256)
     */
    String authorization(String method, String path, Map<String, String> query, Map<String, String> signedHeaders,
                         String hashedPayload) {
        Map<String, String> headers = canonicalHeaders(signedHeaders);
        String canonical = canonicalRequest(method, path, canonicalQuery(query), headers, hashedPayload);
        String signature = HexFormat.of().formatHex(hmac(stringToSign(canonical)));
        return ALGORITHM + " Credential=" + accessKeyId + ",SignedHeaders=" + String.join(";", headers.keySet())
                + ",Signature=" + signature;
    }

    /** Names lower-cased, values trimmed, sorted by name. */
    static Map<String, String> canonicalHeaders(Map<String, String> headers) {
        Map<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT).strip(), value.strip()));
        return canonical;
    }

    /** Sorted by name, each name and value percent-encoded, joined with '&amp;'. */
    static String canonicalQuery(Map<String, String> query) {
        return new TreeMap<>(query).entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** RFC 3986: unreserved characters stay, everything else is %XX of its UTF-8 bytes (space is %20, not +). */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String canonicalRequest(String method, String path, String canonicalQuery, Map<String, String> canonicalHeaders,
                                   String hashedPayload) {
        String lines = canonicalHeaders.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        return method + "\n" + path + "\n" + canonicalQuery + "\n" + lines + "\n"
                + String.join(";", canonicalHeaders.keySet()) + "\n" + hashedPayload;
    }

    static String stringToSign(String canonicalRequest) {
        return ALGORITHM + "\n" + sha256Hex(canonicalRequest);
    }

    static String sha256Hex(String text) {
        return CarrierHttp.sha256Hex(text);
    }

    private byte[] hmac(String message) {
        return CarrierHttp.hmacSha256(accessKeySecret, message);
    }

    @Override
    public String toString() {
        return "Acs3Signer[" + accessKeyId + "]"; // never the secret
    }
}
