package beian.verify.app.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A MariaDB server of the test's own (its own data directory and loopback port), which the test
 * may kill and start again: never the machine's server. Needs {@code mariadbd} and
 * {@code mariadb-install-db} (Debian's mariadb-server, which the test command installs).
 */
final class PrivateMariaDb implements AutoCloseable {
    static final String DATABASE = "beian";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private Process server;

    private PrivateMariaDb(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static PrivateMariaDb start() throws Exception {
        Path dir = Files.createTempDirectory("beian-private-mariadb-");
        PrivateMariaDb db = new PrivateMariaDb(dir, freePort());
        db.run(List.of("/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        db.startServer();
        try (Connection c = DriverManager.getConnection(db.serverUrl(""), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        return db;
    }

    String url() {
        return serverUrl(DATABASE);
    }

    private String serverUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    /** SIGKILL: the server dies mid-whatever, as a crash or an OOM kill would leave it. */
    void kill() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor();
    }

    /** Starts the server again on the same data and port (InnoDB recovers what was committed). */
    void startServer() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults",
                "--datadir=" + dataDir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dataDir.resolve("mariadb.sock"), "--pid-file=" + dataDir.resolve("mariadb.pid"),
                "--user=" + System.getProperty("user.name"), "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=16M", "--log-error=" + dataDir.resolve("error.log"))
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("stdout.log").toFile());
        server = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers()) {
            if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the private MariaDB did not start; see " + dataDir.resolve("error.log"));
            }
            Thread.sleep(100);
        }
    }

    private boolean answers() {
        try (Connection c = DriverManager.getConnection(serverUrl(""), "root", "")) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("install.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed; see " + dataDir.resolve("install.log"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
