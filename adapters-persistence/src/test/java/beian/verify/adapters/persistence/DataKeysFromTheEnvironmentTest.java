package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's environment variables: {@code BEIAN_SECURITY_DATA_KEYS_K1} with {@code BEIAN_SECURITY_DATA_KEY_ID}
 * ({@code K1} or {@code k1}). Micronaut does not list environment variables under a prefix, so the factory reads them.
 */
class DataKeysFromTheEnvironmentTest {
    static final String KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

    @Test
    void aDataKeyFromTheEnvironmentIsFoundWhateverTheCaseOfItsId() {
        for (String id : new String[] {"K1", "k1"}) {
            try (ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of("beian.security.data-key-id", id, "beian.security.blind-index-key", KEY))
                    .build()) {
                context.getEnvironment().start();
                PersonalDataCipher cipher = PersistenceFactory.personalDataCipher(context.getEnvironment(),
                        Map.of("BEIAN_SECURITY_DATA_KEYS_K1", KEY, "PATH", "/usr/bin"));

                String stored = cipher.encrypt("phone", "13900000002");
                assertThat(stored).startsWith("k1:");
                assertThat(cipher.decrypt("phone", stored)).isEqualTo("13900000002");
            }
        }
    }
}
