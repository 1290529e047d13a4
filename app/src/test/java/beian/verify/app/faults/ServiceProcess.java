package beian.verify.app.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as a process of its own (this JVM's class path, the real main class), so a test can
 * kill it with SIGKILL and start it again on the same configuration and ports.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern GRPC_STARTED = Pattern.compile("GRPC started on port (\\d+)");

    private final Map<String, String> properties;
    private final Path log;
    final int httpPort;
    /** The gRPC port of the running process (app's test class path picks a free one at each start). */
    int grpcPort;
    private Process process;

    ServiceProcess(Map<String, String> properties) throws IOException {
        this.properties = properties;
        this.httpPort = freePort();
        this.log = Files.createTempFile("beian-service-", ".log");
    }

    void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dmicronaut.server.port=" + httpPort));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("beian.verify.app.BeianVerifyApplication");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    grpcPort = startedGrpcPort();
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not healthy within 90 s; see " + log);
    }

    private int startedGrpcPort() throws IOException {
        Matcher started = GRPC_STARTED.matcher(Files.readString(log));
        int port = -1;
        while (started.find()) {
            port = Integer.parseInt(started.group(1));
        }
        if (port < 0) {
            throw new IllegalStateException("the service did not say its gRPC port; see " + log);
        }
        return port;
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
