package beian.verify.core.testing;

import beian.verify.core.port.out.KeyedHasher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256 with a fixed test key. */
public final class HmacTestHasher implements KeyedHasher {
    private final SecretKeySpec key = new SecretKeySpec("test-key-not-for-production".getBytes(StandardCharsets.UTF_8),
            "HmacSHA256");

    @Override
    public String hash(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((purpose + "\u0000" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
