package beian.verify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What an operator reads when a setting is missing: one line naming it and its environment variable. */
class StartupFailureTest {

    /**
     * The context starts (the hasher is made on first use) and is closed after: left open, its gRPC health
     * check went on failing to make the hasher and logged so every 5 s through the later test classes.
     */
    @Test
    void aMissingSettingIsOneLineNamingItAndItsEnvironmentVariable() {
        AtomicReference<ApplicationContext> started = new AtomicReference<>();
        try {
            assertThatThrownBy(() -> {
                started.set(ApplicationContext.builder().environments("prod")
                        .properties(Map.of("beian.db.url", "jdbc:h2:mem:fail-" + UUID.randomUUID()
                                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "beian.security.hash-key", "",
                                "micronaut.server.port", -1))
                        .start());
                started.get().getBean(beian.verify.core.port.in.SubmitApplicationUseCase.class);
            })
                    .satisfies(failure -> {
                        String line = BeianVerifyApplication.explain(failure);
                        assertThat(line).startsWith("beian-verify cannot start: ").doesNotContain("\n");
                        assertThat(line).containsAnyOf("BEIAN_SECURITY_HASH_KEY", "beian.security");
                    });
        } finally {
            if (started.get() != null) {
                started.get().close();
            }
        }
    }

    @Test
    void micronautsMissingPropertyNamesTheEnvironmentVariableToSet() {
        RuntimeException failure = new RuntimeException("Failed to inject value for parameter [base64Key] of method "
                + "[keyedHasher]\n\nMessage: Error resolving property value [${beian.security.hash-key}]. Property doesn't exist");

        assertThat(BeianVerifyApplication.explain(failure)).isEqualTo("beian-verify cannot start: beian.security.hash-key "
                + "is not set (environment variable BEIAN_SECURITY_HASH_KEY; docs/configuration.md)");
    }

    @Test
    void anUnresolvedPlaceholderNamesTheEnvironmentVariableToSet() {
        RuntimeException failure = new RuntimeException("Failed to inject value for parameter [base64Key]",
                new IllegalStateException("Could not resolve placeholder ${beian.security.hash-key}"));

        assertThat(BeianVerifyApplication.explain(failure)).isEqualTo("beian-verify cannot start: beian.security.hash-key is not set "
                + "(environment variable BEIAN_SECURITY_HASH_KEY; docs/configuration.md)");
    }
}
