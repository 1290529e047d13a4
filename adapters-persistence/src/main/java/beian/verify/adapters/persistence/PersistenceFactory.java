package beian.verify.adapters.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the personal-data cipher from {@code beian.security.*}, at startup, so missing keys stop the service at once. */
@Factory
class PersistenceFactory {

    /** The environment form of {@code beian.security.data-keys.<id>}: {@code BEIAN_SECURITY_DATA_KEYS_<ID>}. */
    static final String ENVIRONMENT_PREFIX = "BEIAN_SECURITY_DATA_KEYS_";

    @Context
    PersonalDataCipher personalDataCipher(Environment environment) {
        return personalDataCipher(environment, System.getenv());
    }

    /**
     * Micronaut resolves an environment variable when a property is asked for by name, but does not list
     * them under a prefix: {@code getProperties("beian.security.data-keys")} sees keys set in files and
     * system properties only. So the environment's {@code BEIAN_SECURITY_DATA_KEYS_<ID>} are read here
     * too; their id reads lower case, and {@code beian.security.data-key-id} names an id in any case.
     */
    static PersonalDataCipher personalDataCipher(Environment environment, Map<String, String> variables) {
        Map<String, Object> rawKeys = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length()) {
                rawKeys.put(name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        rawKeys.putAll(environment.getProperties("beian.security.data-keys", StringConvention.RAW));
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
        String writeId = writeKeyId.strip();
        if (!keys.containsKey(writeId)) {
            writeId = keys.keySet().stream().filter(id -> id.equalsIgnoreCase(writeKeyId.strip())).findFirst()
                    .orElse(writeId); // none: the cipher names the missing key
        }
        return new PersonalDataCipher(keys, writeId,
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
