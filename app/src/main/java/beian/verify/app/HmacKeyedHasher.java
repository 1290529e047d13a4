package beian.verify.app;

import beian.verify.core.port.out.KeyedHasher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256 with the service's secret hash key: how codes, ID tails and captcha answers are kept. */
final class HmacKeyedHasher implements KeyedHasher {
    private final SecretKeySpec key;

    HmacKeyedHasher(byte[] key) {
        this.key = hashKey(key);
    }

    /** {@code beian.security.hash-key} as an HMAC-SHA-256 key, refused when shorter than 32 bytes. */
    static SecretKeySpec hashKey(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("beian.security.hash-key must hold at least 32 bytes (base64)");
        }
        return new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    @Override
    public String hash(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((purpose + "\u0000" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
