package beian.verify.adapters.grpc.testing;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every test context's gRPC server a free port below Linux's ephemeral range (32768+).
 * Micronaut gRPC's own random port is checked and then bound later; in between, any outgoing
 * connection (a pool opening, an HTTP client) may take it from the ephemeral range, and the
 * server then fails to start. A port under 32768 is never handed to an outgoing connection.
 *
 * <p>The one place tests get a gRPC port. Registered as a service in
 * {@code META-INF/services/io.micronaut.context.ApplicationContextConfigurer} of the test resources of
 * adapters-grpc and of app, which has it from adapters-grpc's test-jar (this package only).
 */
public final class GrpcTestPortConfigurer implements ApplicationContextConfigurer {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final int PRIORITY = 1_000;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        // A property source of its own survives ApplicationContext.run(…, properties, …), which
        // replaces the builder's plain properties; its priority puts it above the YAML files.
        builder.propertySources(PropertySource.of("grpc-test-port", Map.of("grpc.server.port", freePort()), PRIORITY));
    }

    static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
    }
}
