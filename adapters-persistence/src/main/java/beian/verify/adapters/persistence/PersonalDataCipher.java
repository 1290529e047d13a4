package beian.verify.adapters.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal data at rest: AES-256-GCM ciphertexts stored as {@code <key id>:<base64(nonce | ciphertext | tag)>},
 * and an HMAC-SHA-256 blind index for equality lookups. New data is written with one key; any
 * configured key reads, so keys rotate by adding a new one and making it the writing key.
 */
final class PersonalDataCipher {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys;
    private final String writeKeyId;
    private final SecretKeySpec blindIndexKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys          key id to a 32-byte AES key
     * @param writeKeyId    the key new ciphertexts are written with
     * @param blindIndexKey at least 32 bytes
     */
    PersonalDataCipher(Map<String, byte[]> keys, String writeKeyId, byte[] blindIndexKey) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("beian.security.data-keys: at least one key is required");
        }
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("beian.security.data-keys." + id
                        + ": a key id is 1-16 letters, digits, '_' or '-'");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("beian.security.data-keys." + id
                        + ": must be 32 bytes (AES-256), base64; it has " + key.length);
            }
        });
        if (writeKeyId == null || !keys.containsKey(writeKeyId)) {
            throw new IllegalArgumentException("beian.security.data-key-id: '" + writeKeyId
                    + "' must name one of beian.security.data-keys " + keys.keySet());
        }
        if (blindIndexKey == null || blindIndexKey.length < 32) {
            throw new IllegalArgumentException("beian.security.blind-index-key: must hold at least 32 bytes (base64)");
        }
        this.keys = keys.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new SecretKeySpec(e.getValue().clone(), "AES")));
        this.writeKeyId = writeKeyId;
        this.blindIndexKey = new SecretKeySpec(blindIndexKey.clone(), "HmacSHA256");
    }

    /**
     * Encrypts {@code plaintext}; {@code purpose} (e.g. "phone") is authenticated with it, so a
     * ciphertext copied into a column of another purpose does not decrypt.
     */
    String encrypt(String purpose, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(writeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(purpose, writeKeyId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return writeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts what {@link #encrypt} wrote, with whichever configured key its id names. */
    String decrypt(String purpose, String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        String keyId = colon < 0 ? "" : stored.substring(0, colon);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("a stored " + purpose + " is encrypted with key id '" + keyId
                    + "', which is not among beian.security.data-keys " + keys.keySet());
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(purpose, keyId));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored " + purpose + " does not decrypt with key '" + keyId
                    + "' (wrong key or altered data)", e);
        }
    }

    /** The key id a stored ciphertext was written with (for rotation). */
    static String keyIdOf(String stored) {
        int colon = Objects.requireNonNull(stored).indexOf(':');
        return colon < 0 ? "" : stored.substring(0, colon);
    }

    String writeKeyId() {
        return writeKeyId;
    }

    /** The keyed blind index of {@code value} for {@code purpose}: equal values give equal indexes, nothing else leaks. */
    String blindIndex(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(blindIndexKey);
            return HexFormat.of().formatHex(mac.doFinal((purpose + "\u0000" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    private static byte[] aad(String purpose, String keyId) {
        return (purpose + "\u0000" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PersonalDataCipher[write key " + writeKeyId + ", keys " + keys.keySet() + "]";
    }
}
