package beian.verify.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a deployment must not start with (issue #11, "Production refuses what is only for development"),
 * as one pure function from the settings to every problem found, so an operator reads all of them at once.
 *
 * <p>Outside the dev environment: the development keys of {@code application-dev.yml} (refused by value,
 * wherever they come from), API.md's demo gRPC keys, no gRPC key at all, the stub carrier (unless
 * {@code beian.deployment.allow-stub-carrier}), the embedded H2 database (unless
 * {@code beian.deployment.allow-embedded-database}), and a real carrier without its callback secret.
 * Inside the dev environment: a server bound to anything but a loopback address, or a real carrier
 * (the dev endpoints show every code, so dev stays on the developer's machine and texts nobody).
 */
final class DeploymentChecks {
    /** The fixed keys of application-dev.yml: usable in the dev environment only. */
    static final String DEV_HASH_KEY = "ZGV2ZWxvcG1lbnQtb25seS1oYXNoLWtleS1ub3Qtc2VjcmV0IQ==";
    static final String DEV_DATA_KEY = "ZGV2LW9ubHktYWVzLWtleS1ub3Qtc2VjcmV0LTMyYiE=";
    static final String DEV_BLIND_INDEX_KEY = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LW5vdC1zZWNyZXQh";
    /** API.md's demo gRPC keys (application-dev.yml holds their SHA-256). */
    static final List<String> DEMO_GRPC_KEYS = List.of("demo-provider-key", "other-provider-key", "demo-reviewer-key");
    /** Carriers that text real phones. */
    static final Set<String> REAL_CARRIERS = Set.of("tencent", "aliyun");

    private DeploymentChecks() {
    }

    /**
     * The settings the checks read.
     *
     * @param dev              the dev environment is active
     * @param dataKeys         {@code beian.security.data-keys}: id → base64 key
     * @param grpcKeySha256s   {@code beian.grpc.keys[i].sha256}, in order
     * @param carriers         the carriers configured ({@code beian.sms.carriers}, else {@code beian.sms.carrier})
     * @param callbackTokens   carrier → its {@code callback-token} (absent or blank: none)
     * @param httpHost         {@code micronaut.server.host}; null: every interface
     * @param grpcHost         {@code grpc.server.host}; null: every interface
     * @param carrierEndpoints carrier → its {@code endpoint} (absent: the carrier's own)
     * @param dataKeyId        {@code beian.security.data-key-id}: the data key new data is written with
     */
    record Settings(boolean dev, String hashKey, Map<String, String> dataKeys, String blindIndexKey,
                    List<String> grpcKeySha256s, List<String> carriers, Map<String, String> callbackTokens,
                    String dbUrl, String httpHost, String grpcHost, boolean allowStubCarrier,
                    boolean allowEmbeddedDatabase, Map<String, String> carrierEndpoints, String dataKeyId) {
        /** Settings whose data-key-id names their first data key (none when there is none). */
        Settings(boolean dev, String hashKey, Map<String, String> dataKeys, String blindIndexKey,
                 List<String> grpcKeySha256s, List<String> carriers, Map<String, String> callbackTokens,
                 String dbUrl, String httpHost, String grpcHost, boolean allowStubCarrier,
                 boolean allowEmbeddedDatabase, Map<String, String> carrierEndpoints) {
            this(dev, hashKey, dataKeys, blindIndexKey, grpcKeySha256s, carriers, callbackTokens, dbUrl, httpHost,
                    grpcHost, allowStubCarrier, allowEmbeddedDatabase, carrierEndpoints,
                    dataKeys.keySet().stream().findFirst().orElse(null));
        }

        Settings(boolean dev, String hashKey, Map<String, String> dataKeys, String blindIndexKey,
                 List<String> grpcKeySha256s, List<String> carriers, Map<String, String> callbackTokens,
                 String dbUrl, String httpHost, String grpcHost, boolean allowStubCarrier,
                 boolean allowEmbeddedDatabase) {
            this(dev, hashKey, dataKeys, blindIndexKey, grpcKeySha256s, carriers, callbackTokens, dbUrl, httpHost,
                    grpcHost, allowStubCarrier, allowEmbeddedDatabase, Map.of());
        }
    }

    /** Every problem, each one line naming the setting and its environment variable; empty: fine. */
    static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        for (String carrier : s.carriers()) {
            String name = carrier.toLowerCase(Locale.ROOT);
            if (REAL_CARRIERS.contains(name) && blank(s.callbackTokens().get(name))) {
                problems.add("the " + name + " carrier has no callback secret, so anyone could forge its delivery"
                        + " reports: set beian.sms." + name + ".callback-token (BEIAN_SMS_" + name.toUpperCase(Locale.ROOT)
                        + "_CALLBACK_TOKEN) and put it in the callback URL given to the carrier (docs/carriers.md)");
            }
        }
        if (s.dev()) {
            devProblems(s, problems);
        } else {
            productionProblems(s, problems);
        }
        keyProblems(s, problems);
        return problems;
    }

    /**
     * Keys that are given but cannot serve (what the hasher and the personal-data cipher would refuse
     * at their creation, one at a time): said here with everything else.
     */
    private static void keyProblems(Settings s, List<String> problems) {
        keyBytes("beian.security.hash-key", "BEIAN_SECURITY_HASH_KEY", s.hashKey(), 32, false, problems);
        s.dataKeys().forEach((id, key) -> {
            String variable = "BEIAN_SECURITY_DATA_KEYS_" + id.toUpperCase(Locale.ROOT);
            if (!id.matches("[A-Za-z0-9_-]{1,16}")) {
                problems.add("beian.security.data-keys." + id + ": a key id is 1-16 letters, digits, '_' or '-' ("
                        + variable + ")");
            }
            keyBytes("beian.security.data-keys." + id, variable, key, 32, true, problems);
        });
        if (!s.dataKeys().isEmpty() && !blank(s.dataKeyId())
                && s.dataKeys().keySet().stream().noneMatch(id -> id.equalsIgnoreCase(s.dataKeyId().strip()))) {
            problems.add("beian.security.data-key-id is " + s.dataKeyId().strip() + ", which names none of"
                    + " beian.security.data-keys " + s.dataKeys().keySet() + " (BEIAN_SECURITY_DATA_KEY_ID)");
        }
        keyBytes("beian.security.blind-index-key", "BEIAN_SECURITY_BLIND_INDEX_KEY", s.blindIndexKey(), 32, false,
                problems);
    }

    /** A base64 key of {@code bytes} bytes (at least, unless {@code exactly}); nothing to say when it is not set. */
    private static void keyBytes(String key, String variable, String base64, int bytes, boolean exactly,
                                 List<String> problems) {
        if (blank(base64)) {
            return;
        }
        String wanted = (exactly ? "base64 of " : "base64 of at least ") + bytes + " random bytes";
        int length;
        try {
            length = java.util.Base64.getDecoder().decode(base64.strip()).length;
        } catch (IllegalArgumentException e) {
            problems.add(key + " is not base64: set " + wanted + " (" + variable + ")");
            return;
        }
        if (exactly ? length != bytes : length < bytes) {
            problems.add(key + " holds " + length + " bytes: set " + wanted + " (" + variable + ")");
        }
    }

    private static void devProblems(Settings s, List<String> problems) {
        checkLoopback("micronaut.server.host", "MICRONAUT_SERVER_HOST", s.httpHost(), problems);
        checkLoopback("grpc.server.host", "GRPC_SERVER_HOST", s.grpcHost(), problems);
        for (String carrier : s.carriers()) {
            String name = carrier.toLowerCase(Locale.ROOT);
            // A real carrier's adapter pointed at this machine (a fake carrier in a test) texts nobody either.
            if (REAL_CARRIERS.contains(name) && !loopback(endpointHost(s.carrierEndpoints().get(name)))) {
                problems.add("the dev environment texts nobody, but the carrier is " + carrier
                        + " (beian.sms.carrier / beian.sms.carriers): use the stub in dev, or leave the dev environment");
            }
        }
    }

    private static void checkLoopback(String key, String variable, String host, List<String> problems) {
        if (!loopback(host)) {
            problems.add("the dev environment serves its codes to anyone who can connect, but " + key + " is "
                    + (blank(host) ? "unset (every interface)" : host) + ": bind a loopback address (" + variable
                    + "=127.0.0.1), or leave the dev environment");
        }
    }

    private static void productionProblems(Settings s, List<String> problems) {
        notSet("beian.security.hash-key", s.hashKey(), problems);
        if (s.dataKeys().isEmpty()) {
            notSet("beian.security.data-keys.<id>", null, problems);
        }
        notSet("beian.security.data-key-id", s.dataKeyId(), problems);
        notSet("beian.security.blind-index-key", s.blindIndexKey(), problems);
        if (same(s.hashKey(), DEV_HASH_KEY)) {
            problems.add("beian.security.hash-key is the development key of application-dev.yml: set your own"
                    + " (BEIAN_SECURITY_HASH_KEY, base64 of at least 32 random bytes)");
        }
        s.dataKeys().forEach((id, key) -> {
            if (same(key, DEV_DATA_KEY)) {
                problems.add("beian.security.data-keys." + id + " is the development key of application-dev.yml: set"
                        + " your own (BEIAN_SECURITY_DATA_KEYS_" + id.toUpperCase(Locale.ROOT) + ", base64 of 32 random bytes)");
            }
        });
        if (same(s.blindIndexKey(), DEV_BLIND_INDEX_KEY)) {
            problems.add("beian.security.blind-index-key is the development key of application-dev.yml: set your own"
                    + " (BEIAN_SECURITY_BLIND_INDEX_KEY, base64 of at least 32 random bytes)");
        }
        List<String> demo = DEMO_GRPC_KEYS.stream().map(DeploymentChecks::sha256).toList();
        for (int i = 0; i < s.grpcKeySha256s().size(); i++) {
            String hash = String.valueOf(s.grpcKeySha256s().get(i)).strip().toLowerCase(Locale.ROOT);
            int known = demo.indexOf(hash);
            if (known >= 0) {
                problems.add("beian.grpc.keys[" + i + "] is API.md's demo key " + DEMO_GRPC_KEYS.get(known)
                        + ", which everyone knows: remove it and configure your own keys (docs/configuration.md, gRPC)");
            }
        }
        if (s.grpcKeySha256s().isEmpty()) {
            problems.add("no gRPC key is configured, so no provider or reviewer can call: configure beian.grpc.keys"
                    + " (docs/configuration.md, gRPC)");
        }
        if (s.carriers().stream().anyMatch(c -> c.equalsIgnoreCase("stub")) && !s.allowStubCarrier()) {
            problems.add("the carrier is the stub, which texts nobody: set beian.sms.carrier (BEIAN_SMS_CARRIER=tencent"
                    + " or aliyun); a staging setup may allow the stub with beian.deployment.allow-stub-carrier=true"
                    + " (BEIAN_DEPLOYMENT_ALLOW_STUB_CARRIER)");
        }
        if (s.dbUrl() != null && s.dbUrl().startsWith("jdbc:h2:") && !s.allowEmbeddedDatabase()) {
            problems.add("the database is the embedded H2 (" + s.dbUrl().split("[;?]", 2)[0] + "), one process's file:"
                    + " set BEIAN_DB_URL to MySQL or MariaDB; beian.deployment.allow-embedded-database=true"
                    + " (BEIAN_DEPLOYMENT_ALLOW_EMBEDDED_DATABASE) allows it");
        }
    }

    /** Said as BeianVerifyApplication says a missing setting, so an operator reads one form. */
    private static void notSet(String key, String value, List<String> problems) {
        if (blank(value)) {
            problems.add(key + " is not set (environment variable "
                    + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + "; docs/configuration.md)");
        }
    }

    /** A loopback literal or {@code localhost}; unset means every interface. No name is looked up. */
    /** The host of a carrier endpoint given as a URL or as host[:port]; null when none is given. */
    static String endpointHost(String endpoint) {
        if (blank(endpoint)) {
            return null;
        }
        String e = endpoint.strip();
        if (e.contains("://")) {
            try {
                return java.net.URI.create(e).getHost();
            } catch (IllegalArgumentException notAUrl) {
                return null;
            }
        }
        if (e.startsWith("[")) {
            int end = e.indexOf(']');
            return end > 0 ? e.substring(0, end + 1) : null;
        }
        int cut = e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':') ? e.indexOf(':') : e.indexOf('/');
        return cut >= 0 ? e.substring(0, cut) : e;
    }

    static boolean loopback(String host) {
        if (blank(host)) {
            return false;
        }
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false; // a name: not resolved here, so not trusted to be loopback
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean same(String configured, String devValue) {
        return configured != null && configured.strip().equals(devValue);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
