package beian.verify.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC over TLS when a certificate is configured ({@code grpc.server.ssl.cert-chain} and {@code private-key}):
 * a client that trusts the certificate calls; a plaintext client cannot. The certificate is self-signed,
 * made here with the JDK's keytool.
 */
class GrpcTlsTest {
    @TempDir
    Path dir;

    @Test
    void withACertificateTheGrpcServerSpeaksTlsOnlyAndAClientTrustingItCalls() throws Exception {
        Path cert = dir.resolve("grpc.crt");
        Path key = dir.resolve("grpc.key");
        selfSigned(cert, key);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "beian.db.url", "jdbc:h2:mem:grpc-tls-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "grpc.server.ssl.cert-chain", "file:" + cert,
                "grpc.server.ssl.private-key", "file:" + key))) {
            int port = server.getApplicationContext().getBean(GrpcEmbeddedServer.class).getPort();

            ManagedChannel tls = Grpc.newChannelBuilderForAddress("localhost", port,
                    TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build()).build();
            ManagedChannel plaintext = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
            try {
                assertThat(HealthGrpc.newBlockingStub(tls).withDeadlineAfter(20, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()).getStatus()).isNotNull();

                assertThatThrownBy(() -> HealthGrpc.newBlockingStub(plaintext).withDeadlineAfter(20, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                                .isIn(Status.Code.UNAVAILABLE, Status.Code.INTERNAL, Status.Code.UNKNOWN));
            } finally {
                tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                plaintext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** keytool makes the key pair and certificate; the JDK writes them as PEM (PKCS#8 key), as gRPC reads them. */
    private void selfSigned(Path cert, Path key) throws Exception {
        Path store = dir.resolve("grpc.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "grpc", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            keyStore.load(in, "changeit".toCharArray());
        }
        Key privateKey = keyStore.getKey("grpc", "changeit".toCharArray());
        Certificate certificate = keyStore.getCertificate("grpc");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
