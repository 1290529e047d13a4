package beian.verify.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.persistence.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BUILT jar started as an operator starts it: {@code java -jar}, every setting from environment
 * variables (no {@code -D}, no dev environment), against a fresh MariaDB database. Run by Failsafe
 * after {@code package} ({@code ./mvnw verify}).
 */
class OperatorJarIT {
    static final Path JAR = Paths.get(System.getProperty("beian.jar", "target/app-0.1.0-SNAPSHOT.jar"));
    static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path workingDirectory;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theJarServesWithEveryKeyFromTheEnvironmentAgainstMariaDb() throws Exception {
        try (TestDatabase database = TestDatabase.mariaDb("jar")) {
            int httpPort = freePort();
            int grpcPort = freePort();
            Path grpcKeys = workingDirectory.resolve("grpc-keys.yml"); // as docs/operations.md: hashes only
            Files.writeString(grpcKeys, "beian:\n  grpc:\n    keys:\n      - sha256: "
                    + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n        provider: jar-provider\n");
            ProcessBuilder builder = operator(Map.ofEntries(
                    Map.entry("MICRONAUT_CONFIG_FILES", grpcKeys.toString()),
                    // a staging setup: the stub texts nobody, so ProductionGuard wants it said
                    Map.entry("BEIAN_DEPLOYMENT_ALLOW_STUB_CARRIER", "true"),
                    Map.entry("BEIAN_DB_URL", database.url()),
                    Map.entry("BEIAN_DB_USER", database.user()),
                    Map.entry("BEIAN_DB_PASSWORD", database.password()),
                    Map.entry("BEIAN_SECURITY_HASH_KEY", key("hash")),
                    Map.entry("BEIAN_SECURITY_DATA_KEYS_K1", key("data-k1")),
                    Map.entry("BEIAN_SECURITY_DATA_KEY_ID", "K1"),
                    Map.entry("BEIAN_SECURITY_BLIND_INDEX_KEY", key("blind-index")),
                    Map.entry("MICRONAUT_SERVER_PORT", String.valueOf(httpPort)),
                    Map.entry("GRPC_SERVER_PORT", String.valueOf(grpcPort))));
            Path output = workingDirectory.resolve("out.log");
            Process service = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                String base = "http://127.0.0.1:" + httpPort;
                HttpResponse<String> ready = waitFor(base + "/health/readiness", Duration.ofSeconds(90), service, output);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                HttpResponse<String> provinces = get(base + "/api/v1/provinces");
                assertThat(provinces.statusCode()).isEqualTo(200);
                assertThat(provinces.body()).contains("TJ");
                assertThat(get(base + "/prometheus").body()).contains("beian_outbox_backlog");
                assertThat(get(base + "/dev/sms?phone=13900000001").statusCode()).isEqualTo(404); // no dev endpoints
            } finally {
                service.destroy(); // SIGTERM, as a process manager stops it
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(log).contains("scheduled jobs stopped").doesNotContain(" ERROR ").doesNotContain("Exception");
            assertThat(log).contains("WARN").contains("STAGING: the carrier is the stub, which texts NOBODY");
        }
    }

    /** The dev keys, shipped in the jar's application-dev.yml, are refused by value outside the dev environment. */
    @Test
    void theJarRefusesTheDevKeysTheStubAndNoGrpcKeyNamingEachProblem() throws Exception {
        ProcessBuilder builder = operator(Map.of(
                "BEIAN_SECURITY_HASH_KEY", "ZGV2ZWxvcG1lbnQtb25seS1oYXNoLWtleS1ub3Qtc2VjcmV0IQ==",
                "BEIAN_SECURITY_DATA_KEYS_DEV1", "ZGV2LW9ubHktYWVzLWtleS1ub3Qtc2VjcmV0LTMyYiE=",
                "BEIAN_SECURITY_DATA_KEY_ID", "dev1",
                "BEIAN_SECURITY_BLIND_INDEX_KEY", "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LW5vdC1zZWNyZXQh",
                "MICRONAUT_SERVER_PORT", String.valueOf(freePort()),
                "GRPC_SERVER_PORT", String.valueOf(freePort())));
        Path output = workingDirectory.resolve("out.log");
        Process service = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("gave up within 90 s").isTrue();

        assertThat(service.exitValue()).isNotZero();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(log).contains("beian-verify cannot start: 6 problems outside the dev environment", "BEIAN_SECURITY_HASH_KEY",
                "BEIAN_SECURITY_DATA_KEYS_DEV1", "BEIAN_SECURITY_BLIND_INDEX_KEY", "no gRPC key", "BEIAN_SMS_CARRIER",
                "embedded H2");
        assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(workingDirectory.resolve("data")).as("refused before the embedded database was opened").doesNotExist();
    }

    /** Issue 19: no settings at all. It opened ./data/beian, ran nine migrations, then named the data keys only. */
    @Test
    void withNoSettingsAtAllTheJarNamesEveryProblemAndLeavesNoDataBehind() throws Exception {
        ProcessBuilder builder = operator(Map.of("MICRONAUT_SERVER_PORT", String.valueOf(freePort()),
                "GRPC_SERVER_PORT", String.valueOf(freePort())));
        Path output = workingDirectory.resolve("out.log");
        Process service = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("gave up within 90 s").isTrue();

        assertThat(service.exitValue()).isNotZero();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(log).contains("beian-verify cannot start: 7 problems outside the dev environment",
                "1. beian.security.hash-key is not set", "BEIAN_SECURITY_DATA_KEYS_<ID>", "BEIAN_SECURITY_DATA_KEY_ID",
                "BEIAN_SECURITY_BLIND_INDEX_KEY", "no gRPC key", "BEIAN_SMS_CARRIER", "7. the database is the embedded H2");
        assertThat(log).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("HikariPool")
                .doesNotContain("Migrating schema");
        try (java.util.stream.Stream<Path> left = Files.list(workingDirectory)) {
            assertThat(left).as("nothing but the test's own log").containsExactly(output);
        }
    }

    @Test
    void aMissingKeyStopsTheJarWithOneMessageNamingWhatToSet() throws Exception {
        ProcessBuilder builder = operator(Map.of(
                "BEIAN_SECURITY_DATA_KEYS_K1", key("data-k1"),
                "BEIAN_SECURITY_DATA_KEY_ID", "k1",
                "BEIAN_SECURITY_BLIND_INDEX_KEY", key("blind-index"),
                "MICRONAUT_SERVER_PORT", String.valueOf(freePort()),
                "GRPC_SERVER_PORT", String.valueOf(freePort())));
        Path output = workingDirectory.resolve("out.log");
        Process service = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("gave up within 90 s").isTrue();

        assertThat(service.exitValue()).isNotZero();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        // ProductionGuard names it among every other problem of this start (the stub, no gRPC key, H2)
        assertThat(log).contains("beian-verify cannot start: 4 problems outside the dev environment",
                ". beian.security.hash-key is not set (environment variable BEIAN_SECURITY_HASH_KEY; docs/configuration.md)");
        assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private ProcessBuilder operator(Map<String, String> settings) {
        assertThat(JAR).as("the built jar (run by Failsafe after package)").exists();
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toAbsolutePath().toString())
                .directory(workingDirectory.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("BEIAN_") || name.startsWith("MICRONAUT_")
                || name.startsWith("GRPC_") || name.startsWith("JAVA_TOOL_OPTIONS") || name.startsWith("DATASOURCES_"));
        environment.putAll(settings);
        return builder;
    }

    /** 32 bytes, base64, different per name. */
    private static String key(String name) {
        byte[] bytes = new byte[32];
        byte[] seed = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed[i % seed.length] + i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> waitFor(String url, Duration limit, Process service, Path output) throws Exception {
        Instant until = Instant.now().plus(limit);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(until)) {
            if (!service.isAlive()) {
                throw new AssertionError("the jar exited (" + service.exitValue() + "): " + Files.readString(output));
            }
            try {
                last = get(url);
                if (last.statusCode() == 200) {
                    return last;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within " + limit + (last == null ? "" : ": " + last.body()) + "\n"
                + Files.readString(output));
    }
}
