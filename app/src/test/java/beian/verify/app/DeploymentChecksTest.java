package beian.verify.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #11 "Production refuses what is only for development": the checks, over settings alone. */
class DeploymentChecksTest {
    static final String OWN_KEY = "b3duLWtleS1vZi10aGlzLWRlcGxveW1lbnQtMzJieXQ=";
    static final String OWN_SHA256 = DeploymentChecks.sha256("a-provider's-own-key");

    /** A production deployment that passes: own keys, a real carrier with its secret, MariaDB. */
    static DeploymentChecks.Settings production() {
        return new DeploymentChecks.Settings(false, OWN_KEY, Map.of("k1", OWN_KEY), OWN_KEY, List.of(OWN_SHA256),
                List.of("tencent"), Map.of("tencent", "callback-secret"), "jdbc:mysql://db:3306/beian", null, null,
                false, false);
    }

    static DeploymentChecks.Settings dev() {
        return new DeploymentChecks.Settings(true, DeploymentChecks.DEV_HASH_KEY, Map.of("dev1", DeploymentChecks.DEV_DATA_KEY),
                DeploymentChecks.DEV_BLIND_INDEX_KEY, demoHashes(), List.of("stub"), Map.of(), "jdbc:h2:file:./data/beian",
                "127.0.0.1", "127.0.0.1", false, false);
    }

    static List<String> demoHashes() {
        return DeploymentChecks.DEMO_GRPC_KEYS.stream().map(DeploymentChecks::sha256).toList();
    }

    @Test
    void aProductionSetupWithItsOwnKeysARealCarrierWithItsSecretAndMariaDbPasses() {
        assertThat(DeploymentChecks.problems(production())).isEmpty();
    }

    @Test
    void theDevSetupOfApplicationDevYmlPassesInTheDevEnvironment() {
        assertThat(DeploymentChecks.problems(dev())).isEmpty();
    }

    @Test
    void outsideDevTheDevSetupIsRefusedNamingEveryProblem() {
        DeploymentChecks.Settings devOutsideDev = new DeploymentChecks.Settings(false, DeploymentChecks.DEV_HASH_KEY,
                Map.of("dev1", DeploymentChecks.DEV_DATA_KEY), DeploymentChecks.DEV_BLIND_INDEX_KEY, demoHashes(),
                List.of("stub"), Map.of(), "jdbc:h2:file:./data/beian;MODE=MySQL", null, null, false, false);

        List<String> problems = DeploymentChecks.problems(devOutsideDev);

        assertThat(problems).hasSize(8);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("beian.security.hash-key", "BEIAN_SECURITY_HASH_KEY"))
                .anySatisfy(p -> assertThat(p).contains("beian.security.data-keys.dev1", "BEIAN_SECURITY_DATA_KEYS_DEV1"))
                .anySatisfy(p -> assertThat(p).contains("beian.security.blind-index-key", "BEIAN_SECURITY_BLIND_INDEX_KEY"))
                .anySatisfy(p -> assertThat(p).contains("beian.grpc.keys[0]", "demo-provider-key"))
                .anySatisfy(p -> assertThat(p).contains("beian.grpc.keys[1]", "other-provider-key"))
                .anySatisfy(p -> assertThat(p).contains("beian.grpc.keys[2]", "demo-reviewer-key"))
                .anySatisfy(p -> assertThat(p).contains("stub", "BEIAN_SMS_CARRIER", "beian.deployment.allow-stub-carrier"))
                .anySatisfy(p -> assertThat(p).contains("embedded H2", "jdbc:h2:file:./data/beian", "BEIAN_DB_URL",
                        "beian.deployment.allow-embedded-database").doesNotContain("MODE=MySQL"));
    }

    @Test
    void noGrpcKeyIsRefusedOutsideDev() {
        DeploymentChecks.Settings s = production();
        DeploymentChecks.Settings noKeys = new DeploymentChecks.Settings(false, s.hashKey(), s.dataKeys(), s.blindIndexKey(),
                List.of(), s.carriers(), s.callbackTokens(), s.dbUrl(), null, null, false, false);

        assertThat(DeploymentChecks.problems(noKeys)).singleElement().asString().contains("no gRPC key", "beian.grpc.keys");
    }

    @Test
    void missingKeysAreNamedWithTheOtherProblemsNotOneAtATime() {
        DeploymentChecks.Settings s = production();
        DeploymentChecks.Settings noKeys = new DeploymentChecks.Settings(false, null, Map.of(), " ", s.grpcKeySha256s(),
                List.of("stub"), Map.of(), s.dbUrl(), null, null, false, false);

        assertThat(DeploymentChecks.problems(noKeys)).containsExactly(
                "beian.security.hash-key is not set (environment variable BEIAN_SECURITY_HASH_KEY; docs/configuration.md)",
                "beian.security.data-keys.<id> is not set (environment variable BEIAN_SECURITY_DATA_KEYS_<ID>;"
                        + " docs/configuration.md)",
                "beian.security.data-key-id is not set (environment variable BEIAN_SECURITY_DATA_KEY_ID;"
                        + " docs/configuration.md)",
                "beian.security.blind-index-key is not set (environment variable BEIAN_SECURITY_BLIND_INDEX_KEY;"
                        + " docs/configuration.md)",
                "the carrier is the stub, which texts nobody: set beian.sms.carrier (BEIAN_SMS_CARRIER=tencent or aliyun);"
                        + " a staging setup may allow the stub with beian.deployment.allow-stub-carrier=true"
                        + " (BEIAN_DEPLOYMENT_ALLOW_STUB_CARRIER)");
    }

    /** Issue 19: what the hasher and the cipher would refuse one at a time, named with everything else. */
    @Test
    void keysThatAreGivenButCannotServeAreNamedWithEveryOtherProblem() {
        DeploymentChecks.Settings s = production();
        DeploymentChecks.Settings badKeys = new DeploymentChecks.Settings(false, "c2hvcnQ=", // "short": 5 bytes
                Map.of("k1", "not base64!", "k2", java.util.Base64.getEncoder().encodeToString(new byte[48])), "c2hvcnQ=",
                s.grpcKeySha256s(), List.of("stub"),
                Map.of(), s.dbUrl(), null, null, false, false, Map.of(), "k3");

        assertThat(DeploymentChecks.problems(badKeys)).hasSize(6)
                .anySatisfy(p -> assertThat(p).isEqualTo("beian.security.hash-key holds 5 bytes: set base64 of at least 32"
                        + " random bytes (BEIAN_SECURITY_HASH_KEY)"))
                .anySatisfy(p -> assertThat(p).contains("beian.security.data-keys.k1 is not base64", "BEIAN_SECURITY_DATA_KEYS_K1"))
                .anySatisfy(p -> assertThat(p).contains("beian.security.data-keys.k2 holds 48 bytes", "base64 of 32 random bytes"))
                .anySatisfy(p -> assertThat(p).contains("beian.security.data-key-id is k3", "BEIAN_SECURITY_DATA_KEY_ID"))
                .anySatisfy(p -> assertThat(p).contains("beian.security.blind-index-key holds 5 bytes"))
                .anySatisfy(p -> assertThat(p).contains("the carrier is the stub"));
    }

    @Test
    void theDataKeyIdNamesADataKeyInAnyCase() {
        DeploymentChecks.Settings s = production();
        DeploymentChecks.Settings upper = new DeploymentChecks.Settings(false, s.hashKey(), Map.of("k1", OWN_KEY),
                s.blindIndexKey(), s.grpcKeySha256s(), s.carriers(), s.callbackTokens(), s.dbUrl(), null, null, false, false,
                Map.of(), "K1");

        assertThat(DeploymentChecks.problems(upper)).isEmpty();
    }

    @Test
    void aDemoKeyAmongOwnKeysIsRefusedWhateverItsCase() {
        DeploymentChecks.Settings s = production();
        DeploymentChecks.Settings withDemo = new DeploymentChecks.Settings(false, s.hashKey(), s.dataKeys(), s.blindIndexKey(),
                List.of(OWN_SHA256, " " + DeploymentChecks.sha256("demo-reviewer-key").toUpperCase() + " "), s.carriers(),
                s.callbackTokens(), s.dbUrl(), null, null, false, false);

        assertThat(DeploymentChecks.problems(withDemo)).singleElement().asString().contains("beian.grpc.keys[1]", "demo-reviewer-key");
    }

    @Test
    void theStubAndTheEmbeddedDatabaseAreAllowedOnlyWhenASettingSaysSo() {
        DeploymentChecks.Settings s = production();
        DeploymentChecks.Settings staging = new DeploymentChecks.Settings(false, s.hashKey(), s.dataKeys(), s.blindIndexKey(),
                s.grpcKeySha256s(), List.of("stub"), Map.of(), "jdbc:h2:file:/var/lib/beian/beian", null, null, true, true);
        DeploymentChecks.Settings notAllowed = new DeploymentChecks.Settings(false, s.hashKey(), s.dataKeys(), s.blindIndexKey(),
                s.grpcKeySha256s(), List.of("stub"), Map.of(), "jdbc:h2:file:/var/lib/beian/beian", null, null, false, false);

        assertThat(DeploymentChecks.problems(staging)).isEmpty();
        assertThat(DeploymentChecks.problems(notAllowed)).hasSize(2);
    }

    @Test
    void aRealCarrierWithoutItsCallbackSecretIsRefused() {
        DeploymentChecks.Settings s = production();
        for (Map<String, String> tokens : List.of(Map.<String, String>of(), Map.of("tencent", " "))) {
            DeploymentChecks.Settings noSecret = new DeploymentChecks.Settings(false, s.hashKey(), s.dataKeys(), s.blindIndexKey(),
                    s.grpcKeySha256s(), List.of("tencent", "aliyun"), tokens, s.dbUrl(), null, null, false, false);

            assertThat(DeploymentChecks.problems(noSecret)).hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("tencent", "beian.sms.tencent.callback-token", "BEIAN_SMS_TENCENT_CALLBACK_TOKEN"))
                    .anySatisfy(p -> assertThat(p).contains("aliyun", "beian.sms.aliyun.callback-token", "BEIAN_SMS_ALIYUN_CALLBACK_TOKEN"));
        }
    }

    @Test
    void inDevAServerBoundBeyondLoopbackOrARealCarrierIsRefused() {
        DeploymentChecks.Settings d = dev();
        DeploymentChecks.Settings publicDev = new DeploymentChecks.Settings(true, d.hashKey(), d.dataKeys(), d.blindIndexKey(),
                d.grpcKeySha256s(), List.of("tencent"), Map.of("tencent", "secret"), d.dbUrl(), "0.0.0.0", null, false, false);

        assertThat(DeploymentChecks.problems(publicDev)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("micronaut.server.host", "0.0.0.0", "MICRONAUT_SERVER_HOST=127.0.0.1"))
                .anySatisfy(p -> assertThat(p).contains("grpc.server.host", "unset (every interface)", "GRPC_SERVER_HOST"))
                .anySatisfy(p -> assertThat(p).contains("carrier is tencent"));
    }

    /** A real carrier's adapter pointed at this machine (the fault tests' fake carrier) texts nobody: allowed in dev. */
    @Test
    void inDevARealCarrierPointedAtALoopbackEndpointIsAllowedAndOneBeyondItIsNot() {
        DeploymentChecks.Settings d = dev();
        java.util.function.Function<String, DeploymentChecks.Settings> withEndpoint = endpoint -> new DeploymentChecks.Settings(
                true, d.hashKey(), d.dataKeys(), d.blindIndexKey(), d.grpcKeySha256s(), List.of("tencent"),
                Map.of("tencent", "secret"), d.dbUrl(), "127.0.0.1", "127.0.0.1", false, false,
                endpoint == null ? Map.of() : Map.of("tencent", endpoint));

        assertThat(List.of("http://127.0.0.1:40123/", "localhost:8443", "[::1]:9000", "https://[::1]/sms"))
                .allSatisfy(e -> assertThat(DeploymentChecks.problems(withEndpoint.apply(e))).as(e).isEmpty());
        assertThat(java.util.Arrays.asList(null, "sms.tencentcloudapi.com", "https://sms.tencentcloudapi.com/",
                "http://127.0.0.1.evil.com/", "10.0.0.5:80"))
                .allSatisfy(e -> assertThat(DeploymentChecks.problems(withEndpoint.apply(e))).as(String.valueOf(e))
                        .singleElement().asString().contains("carrier is tencent"));
    }

    @Test
    void onlyLoopbackLiteralsAndLocalhostCountAsLoopback() {
        assertThat(List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"))
                .allMatch(DeploymentChecks::loopback);
        assertThat(java.util.Arrays.asList(null, "", "0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "example.com", "localhost.evil.com"))
                .noneMatch(DeploymentChecks::loopback);
    }

    /** The values refused by value are the values application-dev.yml holds. */
    @Test
    void theRefusedDevValuesAreApplicationDevYmls() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .environments(Environment.DEVELOPMENT).build()) {
            Environment environment = context.getEnvironment().start();
            assertThat(environment.getProperty("beian.security.hash-key", String.class)).contains(DeploymentChecks.DEV_HASH_KEY);
            assertThat(environment.getProperty("beian.security.data-keys.dev1", String.class)).contains(DeploymentChecks.DEV_DATA_KEY);
            assertThat(environment.getProperty("beian.security.blind-index-key", String.class))
                    .contains(DeploymentChecks.DEV_BLIND_INDEX_KEY);
            assertThat(List.of(0, 1, 2)).map(i -> environment.getProperty("beian.grpc.keys[" + i + "].sha256", String.class)
                    .orElseThrow()).containsExactlyElementsOf(demoHashes());
            assertThat(environment.getProperty("micronaut.server.host", String.class)).contains("127.0.0.1");
            assertThat(environment.getProperty("grpc.server.host", String.class)).contains("127.0.0.1");
        }
    }
}
