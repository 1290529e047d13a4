package beian.verify.app;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.port.out.CodeGenerator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A target's code, derived and never stored (docs/decisions.md "One code per target, derived"):
 * HMAC-SHA-256 under the service's hash key over a purpose of its own, the application, the target
 * and the draw; the first 8 bytes of the MAC as an unsigned number modulo 10^6, six digits with
 * leading zeros. The bias of the reduction is below 10^6 / 2^64 (about 5 x 10^-14) per value. Beside
 * {@link HmacKeyedHasher} because it needs the raw MAC and the key, which only this module holds.
 */
final class HmacCodeGenerator implements CodeGenerator {
    /**
     * Domain separation, in {@link HmacKeyedHasher}'s framing (purpose, NUL, value): the core hashes
     * under the purposes {@code code}, {@code id-tail}, {@code captcha} and {@code request}, never this
     * one, so no stored hash is a MAC of the message a code is derived from.
     */
    static final String PURPOSE = "target-code-v1";
    private static final long CODES = 1_000_000L;

    private final SecretKeySpec key;

    HmacCodeGenerator(byte[] key) {
        this.key = HmacKeyedHasher.hashKey(key);
    }

    @Override
    public VerificationCode codeFor(ApplicationId application, int targetNumber, int draw) {
        if (targetNumber < 1 || draw < 0) {
            throw new IllegalArgumentException("target " + targetNumber + ", draw " + draw + ": out of range");
        }
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            mac = hmac.doFinal((PURPOSE + "\u0000" + application.value() + "#" + targetNumber + "#" + draw)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
        long value = Long.remainderUnsigned(ByteBuffer.wrap(mac, 0, Long.BYTES).getLong(), CODES);
        return new VerificationCode(String.format("%06d", value));
    }
}
