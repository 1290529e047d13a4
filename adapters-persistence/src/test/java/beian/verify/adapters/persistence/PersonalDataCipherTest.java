package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AES-256-GCM with a key id per ciphertext, and the keyed blind index. */
class PersonalDataCipherTest {
    static final byte[] K1 = bytes(1);
    static final byte[] K2 = bytes(2);
    static final byte[] BLIND = bytes(3);

    private static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static PersonalDataCipher cipher(String writeKeyId, Map<String, byte[]> keys) {
        return new PersonalDataCipher(keys, writeKeyId, BLIND);
    }

    @Test
    void aPhoneEncryptsToADifferentCiphertextEachTimeCarryingTheKeyIdAndDecryptsBack() {
        PersonalDataCipher c = cipher("k1", Map.of("k1", K1));
        String a = c.encrypt("phone", "13800000001");
        String b = c.encrypt("phone", "13800000001");

        assertThat(a).startsWith("k1:").doesNotContain("13800000001").isNotEqualTo(b);
        assertThat(c.decrypt("phone", a)).isEqualTo("13800000001");
        assertThat(PersonalDataCipher.keyIdOf(a)).isEqualTo("k1");
    }

    @Test
    void afterRotationNewDataUsesTheNewKeyAndOldDataStillReads() {
        String old = cipher("k1", Map.of("k1", K1)).encrypt("phone", "13800000001");
        Map<String, byte[]> both = new LinkedHashMap<>();
        both.put("k1", K1);
        both.put("k2", K2);
        PersonalDataCipher rotated = cipher("k2", both);

        assertThat(rotated.decrypt("phone", old)).isEqualTo("13800000001");
        assertThat(rotated.encrypt("phone", "13800000001")).startsWith("k2:");
        assertThatThrownBy(() -> cipher("k2", Map.of("k2", K2)).decrypt("phone", old))
                .hasMessageContaining("key id 'k1'");
    }

    @Test
    void anAlteredCiphertextOrOneMovedToAnotherPurposeDoesNotDecrypt() {
        PersonalDataCipher c = cipher("k1", Map.of("k1", K1));
        String sealed = c.encrypt("phone", "13800000001");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "k1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> c.decrypt("phone", altered)).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> c.decrypt("sms-text", sealed)).hasMessageContaining("does not decrypt");
    }

    @Test
    void theBlindIndexIsStableKeyedAndRevealsNothing() {
        PersonalDataCipher c = cipher("k1", Map.of("k1", K1));
        PersonalDataCipher otherKey = new PersonalDataCipher(Map.of("k1", K1), "k1", K2);

        assertThat(c.blindIndex("phone", "13800000001")).isEqualTo(c.blindIndex("phone", "13800000001"))
                .isNotEqualTo(c.blindIndex("phone", "13800000002"))
                .isNotEqualTo(otherKey.blindIndex("phone", "13800000001"))
                .hasSize(64).doesNotContain("13800000001");
    }

    @Test
    void badKeysAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> cipher("k1", Map.of("k1", new byte[16])))
                .hasMessageContaining("beian.security.data-keys.k1").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> cipher("k9", Map.of("k1", K1))).hasMessageContaining("beian.security.data-key-id");
        assertThatThrownBy(() -> new PersonalDataCipher(Map.of("k1", K1), "k1", new byte[8]))
                .hasMessageContaining("beian.security.blind-index-key");
        assertThatThrownBy(() -> cipher("a:b", Map.of("a:b", K1))).hasMessageContaining("key id");
    }
}
