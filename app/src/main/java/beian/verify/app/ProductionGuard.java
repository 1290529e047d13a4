package beian.verify.app;

import beian.verify.adapters.grpc.GrpcKeyProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a deployment with what is only for development (or a development setup that could
 * reach real people): reads the settings, asks {@link DeploymentChecks} for every problem and stops the
 * context with all of them in one message ({@link DeploymentRefusedException}). Created with the context
 * ({@code @Context}), first of the beans created so ({@code @Order(HIGHEST_PRECEDENCE)}): a refused start
 * opens no database, creates no H2 file, runs no migration and serves nothing (issue 19).
 *
 * <p>Micronaut's {@code test} environment (set only by the test framework) is left alone unless the dev
 * environment is active too: tests run with test keys, the stub and in-memory databases on purpose.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ProductionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ProductionGuard.class);
    private static final String DATA_KEY_VARIABLE = "BEIAN_SECURITY_DATA_KEYS_";

    ProductionGuard(Environment environment, List<GrpcKeyProperties> grpcKeys) {
        boolean dev = environment.getActiveNames().contains(Environment.DEVELOPMENT);
        if (!dev && environment.getActiveNames().contains(Environment.TEST)) {
            return;
        }
        DeploymentChecks.Settings settings = read(environment, dev, grpcKeys);
        List<String> problems = DeploymentChecks.problems(settings);
        if (!problems.isEmpty()) {
            throw new DeploymentRefusedException(dev, problems);
        }
        if (!dev && settings.allowStubCarrier() && settings.carriers().stream().anyMatch(c -> c.equalsIgnoreCase("stub"))) {
            LOG.warn("*** STAGING: the carrier is the stub, which texts NOBODY (beian.deployment.allow-stub-carrier=true)."
                    + " Never run a real filing platform like this. ***");
        }
        if (!dev && settings.allowEmbeddedDatabase() && settings.dbUrl() != null && settings.dbUrl().startsWith("jdbc:h2:")) {
            LOG.warn("*** STAGING: the database is the embedded H2 (beian.deployment.allow-embedded-database=true):"
                    + " one process, no second instance. ***");
        }
    }

    static DeploymentChecks.Settings read(Environment environment, boolean dev, List<GrpcKeyProperties> grpcKeys) {
        Map<String, String> dataKeys = new LinkedHashMap<>();
        environment.getProperties("beian.security.data-keys").forEach((id, key) -> dataKeys.put(id, String.valueOf(key)));
        // as the persistence adapter reads them too: Micronaut may not list these under the prefix
        System.getenv().forEach((name, key) -> {
            if (name.startsWith(DATA_KEY_VARIABLE) && name.length() > DATA_KEY_VARIABLE.length()) {
                String id = name.substring(DATA_KEY_VARIABLE.length()).toLowerCase(java.util.Locale.ROOT);
                if (dataKeys.keySet().stream().noneMatch(id::equalsIgnoreCase)) {
                    dataKeys.put(id, key);
                }
            }
        });
        List<String> carriers = environment.getProperty("beian.sms.carriers", Argument.listOf(String.class))
                .filter(list -> !list.isEmpty())
                .orElseGet(() -> List.of(environment.getProperty("beian.sms.carrier", String.class).orElse("stub")))
                .stream().map(String::strip).toList();
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String carrier : DeploymentChecks.REAL_CARRIERS) {
            environment.getProperty("beian.sms." + carrier + ".callback-token", String.class)
                    .ifPresent(token -> tokens.put(carrier, token));
            environment.getProperty("beian.sms." + carrier + ".endpoint", String.class)
                    .ifPresent(endpoint -> endpoints.put(carrier, endpoint));
        }
        return new DeploymentChecks.Settings(dev,
                string(environment, "beian.security.hash-key"),
                dataKeys,
                string(environment, "beian.security.blind-index-key"),
                grpcKeys.stream().map(GrpcKeyProperties::getSha256).toList(),
                carriers,
                tokens,
                string(environment, "beian.db.url"),
                string(environment, "micronaut.server.host"),
                string(environment, "grpc.server.host"),
                environment.getProperty("beian.deployment.allow-stub-carrier", Boolean.class).orElse(false),
                environment.getProperty("beian.deployment.allow-embedded-database", Boolean.class).orElse(false),
                endpoints,
                string(environment, "beian.security.data-key-id"));
    }

    private static String string(Environment environment, String key) {
        return environment.getProperty(key, String.class).orElse(null);
    }
}
