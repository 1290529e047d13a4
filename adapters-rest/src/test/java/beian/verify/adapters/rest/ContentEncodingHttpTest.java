package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 19: a client that accepts any coding ({@code Accept-Encoding: *}, as Stoplight Prism's proxy sends)
 * got the body in snappy, which almost no HTTP client decodes. Each request is written by hand over a
 * socket, so the header is exactly the one the test names (the JDK client sets its own).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentEncodingHttpTest {
    EmbeddedServer server;

    @BeforeAll
    void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("beian.rest.rate-limits.enabled", false));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** The status line, the headers (names in lower case) and the body of one answer. */
    record Answer(String status, Map<String, String> headers, byte[] body) {
        String encoding() {
            return headers.get("content-encoding");
        }

        /** The body as the client reads it: gunzipped when it says gzip. */
        String text() throws IOException {
            byte[] bytes = body;
            if ("gzip".equals(encoding())) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    bytes = in.readAllBytes();
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** GET {@code path} with this Accept-Encoding ({@code null}: none), over HTTP/1.1, the connection closed after. */
    Answer get(String path, String acceptEncoding) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (acceptEncoding == null ? "" : "Accept-Encoding: " + acceptEncoding + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(lines[0], headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(chunked, at, chunked.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            int size = Integer.parseInt(new String(chunked, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            at += lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, at, size);
            at += size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }

    @Test
    void aClientAcceptingAnyCodingGetsGzip() throws IOException {
        Answer any = get("/api/v1/provinces", "*");

        assertThat(any.status()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(any.encoding()).as("snappy is what it got before").isEqualTo("gzip");
        assertThat(any.text()).contains("\"TJ\"");
    }

    @Test
    void anyCodingWithAWeightAndTheCodingsItDoesNotNameAreGzipToo() throws IOException {
        assertThat(get("/api/v1/provinces", "*;q=0.5").encoding()).isEqualTo("gzip");
        assertThat(get("/api/v1/provinces", "identity, *;q=0.8").encoding()).isEqualTo("gzip");
        assertThat(get("/api/v1/provinces", "br;q=1.0, *;q=0.1").encoding())
                .as("br cannot be made here: the other codings '*' stands for").isEqualTo("gzip");
    }

    @Test
    void aClientRefusingEveryCodingGetsTheBodyAsIs() throws IOException {
        Answer none = get("/api/v1/provinces", "*;q=0");

        assertThat(none.encoding()).isNull();
        assertThat(none.text()).contains("\"TJ\"");
        assertThat(get("/api/v1/provinces", null).encoding()).isNull();
        assertThat(get("/api/v1/provinces", "gzip;q=0, *;q=0").encoding()).isNull();
    }

    @Test
    void aBrowsersCodingsGetGzipNeverAnEncodingTheBrowserDidNotName() throws IOException {
        for (String browser : new String[] {"gzip, deflate, br", "gzip, deflate, br, zstd", "br, gzip"}) {
            Answer answer = get("/api/v1/provinces", browser);
            assertThat(answer.encoding()).as(browser).isEqualTo("gzip");
            assertThat(answer.text()).as(browser).contains("\"TJ\"");
        }
        assertThat(get("/api/v1/provinces", "deflate").encoding()).isEqualTo("deflate");
        assertThat(get("/api/v1/provinces", "gzip;q=0, deflate;q=0.5").encoding())
                .as("a coding the client refused by name stays refused").isEqualTo("deflate");
    }
}
