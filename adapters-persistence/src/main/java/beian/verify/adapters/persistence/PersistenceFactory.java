package beian.verify.adapters.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the personal-data cipher from {@code beian.security.*}, at startup, so missing keys stop the service at once. */
@Factory
class PersistenceFactory {

    @Context
    PersonalDataCipher personalDataCipher(Environment environment) {
        Map<String, Object> rawKeys = environment.getProperties("beian.security.data-keys", StringConvention.RAW);
        String writeKeyId = environment.getProperty("beian.security.data-key-id", String.class).orElse(null);
        String blindIndexKey = environment.getProperty("beian.security.blind-index-key", String.class).orElse(null);
        List<String> missing = new ArrayList<>();
        if (rawKeys.isEmpty()) {
            missing.add("beian.security.data-keys.<id> (base64 of 32 bytes)");
        }
        if (writeKeyId == null || writeKeyId.isBlank()) {
            missing.add("beian.security.data-key-id (the id of the key that encrypts new data)");
        }
        if (blindIndexKey == null || blindIndexKey.isBlank()) {
            missing.add("beian.security.blind-index-key (base64, at least 32 bytes)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Personal data is stored encrypted and needs keys; missing: "
                    + String.join(", ", missing) + ". The dev environment (MICRONAUT_ENVIRONMENTS=dev) has fixed "
                    + "development keys; elsewhere set them, e.g. BEIAN_SECURITY_DATA_KEYS_K1, "
                    + "BEIAN_SECURITY_DATA_KEY_ID, BEIAN_SECURITY_BLIND_INDEX_KEY.");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        rawKeys.forEach((id, value) -> keys.put(id, decode("beian.security.data-keys." + id, String.valueOf(value))));
        return new PersonalDataCipher(keys, writeKeyId.strip(),
                decode("beian.security.blind-index-key", blindIndexKey));
    }

    private static byte[] decode(String property, String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": is not valid base64", e);
        }
    }
}
