package beian.verify.adapters.grpc;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
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
 * Contexts made with {@code ApplicationContext.run(…, properties, …)} do not keep a configurer's
 * properties, so those tests pass {@link #freePort()} themselves.
 */
public final class GrpcTestPortConfigurer implements ApplicationContextConfigurer {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.properties(Map.of("grpc.server.port", freePort()));
    }

    public static int freePort() {
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
