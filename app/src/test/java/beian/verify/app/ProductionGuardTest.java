package beian.verify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The context itself refuses a production start with development settings, and the operator reads every
 * problem in one message, no stack trace. (Before {@link ProductionGuard} this context started.)
 */
class ProductionGuardTest {

    static Map<String, Object> devSettingsInProduction() {
        Map<String, Object> p = new HashMap<>();
        p.put("beian.db.url", "jdbc:h2:mem:guard-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        p.put("beian.security.hash-key", DeploymentChecks.DEV_HASH_KEY);
        p.put("beian.security.data-keys.dev1", DeploymentChecks.DEV_DATA_KEY);
        p.put("beian.security.data-key-id", "dev1");
        p.put("beian.security.blind-index-key", DeploymentChecks.DEV_BLIND_INDEX_KEY);
        p.put("beian.jobs.enabled", false);
        p.put("micronaut.server.port", -1);
        return p;
    }

    /** Outside dev and outside Micronaut's test environment, as the jar runs. */
    static ApplicationContext production(Map<String, Object> properties) {
        return ApplicationContext.builder().deduceEnvironment(false).environments("prod").properties(properties).start();
    }

    @Test
    void aProductionContextWithDevKeysTheStubNoGrpcKeyAndH2RefusesToStartNamingEachProblem() {
        assertThatThrownBy(() -> production(devSettingsInProduction()).close())
                .satisfies(failure -> {
                    String message = BeianVerifyApplication.explain(failure);
                    assertThat(message).startsWith("beian-verify cannot start: 6 problems outside the dev environment")
                            .contains("1. ", "6. ", "BEIAN_SECURITY_HASH_KEY", "BEIAN_SECURITY_DATA_KEYS_DEV1",
                                    "BEIAN_SECURITY_BLIND_INDEX_KEY", "no gRPC key", "BEIAN_SMS_CARRIER", "BEIAN_DB_URL")
                            .doesNotContain("\tat ", "Exception");
                });
    }

    /**
     * Issue 19: the refusal comes before anything else is created, so a refused start leaves no H2 file (it
     * opened ./data/beian and ran every migration first), and with no settings at all names every problem
     * (it named only the data keys, which the persistence adapter missed first).
     */
    @Test
    void aProductionContextWithNoSettingsAtAllIsRefusedNamingEveryProblemAndOpensNoDatabase(@TempDir Path data)
            throws IOException {
        Map<String, Object> nothing = new HashMap<>();
        nothing.put("beian.data-dir", data.toString()); // where the embedded database would go
        nothing.put("micronaut.server.port", -1);

        assertThatThrownBy(() -> production(nothing).close())
                .satisfies(failure -> assertThat(BeianVerifyApplication.explain(failure))
                        .startsWith("beian-verify cannot start: 7 problems outside the dev environment")
                        .contains("BEIAN_SECURITY_HASH_KEY", "BEIAN_SECURITY_DATA_KEYS_<ID>", "BEIAN_SECURITY_DATA_KEY_ID",
                                "BEIAN_SECURITY_BLIND_INDEX_KEY", "no gRPC key", "BEIAN_SMS_CARRIER", "embedded H2"));
        try (java.util.stream.Stream<Path> left = Files.list(data)) {
            assertThat(left).as("nothing written: no H2 file, so no connection and no migration").isEmpty();
        }
    }

    @Test
    void aRefusedProductionContextCreatesNoDatabaseFile(@TempDir Path data) throws IOException {
        Map<String, Object> p = devSettingsInProduction();
        p.put("beian.db.url", "jdbc:h2:file:" + data.resolve("beian") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");

        assertThatThrownBy(() -> production(p).close()).satisfies(failure ->
                assertThat(BeianVerifyApplication.explain(failure)).startsWith("beian-verify cannot start: 6 problems"));
        try (java.util.stream.Stream<Path> left = Files.list(data)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aStagingContextThatAllowsTheStubAndH2StartsWithItsOwnKeys() {
        Map<String, Object> p = devSettingsInProduction();
        p.put("beian.security.hash-key", DeploymentChecksTest.OWN_KEY);
        p.remove("beian.security.data-keys.dev1");
        p.put("beian.security.data-keys.k1", DeploymentChecksTest.OWN_KEY);
        p.put("beian.security.data-key-id", "k1");
        p.put("beian.security.blind-index-key", DeploymentChecksTest.OWN_KEY);
        p.put("beian.grpc.keys[0].sha256", DeploymentChecksTest.OWN_SHA256);
        p.put("beian.grpc.keys[0].provider", "staging-provider");
        p.put("beian.deployment.allow-stub-carrier", true);
        p.put("beian.deployment.allow-embedded-database", true);

        try (ApplicationContext context = production(p)) {
            assertThat(context.isRunning()).isTrue();
            assertThat(context.getBean(ProductionGuard.class)).isNotNull();
        }
    }

    @Test
    void aDevContextBoundToEveryInterfaceRefusesToStart() {
        Map<String, Object> p = devSettingsInProduction();
        p.put("micronaut.server.host", "0.0.0.0");

        assertThatThrownBy(() -> ApplicationContext.builder().deduceEnvironment(false).environments("dev").properties(p)
                .start().close())
                .satisfies(failure -> assertThat(BeianVerifyApplication.explain(failure))
                        .startsWith("beian-verify cannot start: 1 problem in the dev environment")
                        .contains("micronaut.server.host is 0.0.0.0"));
    }
}
