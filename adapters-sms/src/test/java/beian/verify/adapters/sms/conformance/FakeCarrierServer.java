package beian.verify.adapters.sms.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * A local stand-in for a carrier's HTTP API, on a random loopback port: a real HTTP server that checks
 * each request's signature with its own code (never the adapter's signer), records what it read, and
 * answers as scripted, by default the carrier's success answer. A new carrier's fake extends it and
 * says four things: how its signature is checked, how a request is read (phone, template parameters,
 * idempotency key), how the carrier words each error family, and its answer to a bad signature. The
 * families that need no carrier words (5xx, timeout, malformed answer) are answered here.
 */
public abstract class FakeCarrierServer implements AutoCloseable {

    /** The error families every carrier has, and what the conformance kit expects of each. */
    public enum Family {
        /** The carrier took the message. */
        ACCEPTED,
        /** Rate limited (per number or per account): transient. */
        THROTTLED,
        /** The number is invalid or refused: permanent. */
        BAD_NUMBER,
        /** The template (or signature) is not approved: permanent. */
        TEMPLATE_NOT_APPROVED,
        /** The account is out of money or package: transient (topping up fixes it without losing the message). */
        INSUFFICIENT_BALANCE,
        /** A 5xx without the carrier's answer (a gateway in between): transient. */
        SERVER_ERROR,
        /** No answer within the adapter's timeout: transient. */
        TIMEOUT,
        /** An answer that is not the carrier's format: transient. */
        MALFORMED
    }

    /** One HTTP request as it arrived; header names lower-cased; the query undecoded. */
    public record Request(String method, String path, String rawQuery, Map<String, String> headers, String body) {
    }

    /**
     * What the fake read from one request: the verdict of its signature check ({@code null}: it holds), the
     * phone as the carrier received it, the template parameters by name (or position), and the idempotency key.
     */
    public record Received(Request request, String signatureProblem, String phone, Map<String, String> templateParameters,
                           String idempotencyKey) {
    }

    /** A scripted answer; {@code delay} before it is written. */
    public record Answer(int status, String contentType, String body, Duration delay) {
        public Answer(int status, String contentType, String body) {
            this(status, contentType, body, Duration.ZERO);
        }
    }

    /** How long a TIMEOUT answer waits: longer than any timeout a kit test gives the adapter. */
    public static final Duration TIMEOUT_DELAY = Duration.ofSeconds(5);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private boolean closed;
    private final Deque<Function<Request, Answer>> script = new ArrayDeque<>();

    protected FakeCarrierServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL, {@code http://127.0.0.1:<port>}: the adapter's endpoint in tests. */
    public final String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request so far, in order. */
    public final List<Received> received() {
        return List.copyOf(received);
    }

    /** The next answer is this family's. */
    public final synchronized FakeCarrierServer then(Family family) {
        script.addLast(request -> answerFor(family, request));
        return this;
    }

    /** The next answer is this one. */
    public final synchronized FakeCarrierServer then(Answer answer) {
        script.addLast(request -> answer);
        return this;
    }

    /** The documented check of the request's signature, step by step; {@code null} when it holds. */
    protected abstract String signatureProblem(Request request);

    /** What the request asks the carrier to send. */
    protected abstract Received read(Request request, String signatureProblem);

    /** The carrier's own answer for a family it words: ACCEPTED (for this request), THROTTLED, BAD_NUMBER, ... */
    protected abstract Answer carrierAnswer(Family family, Request request);

    /** The carrier's answer to a request whose signature does not hold. */
    protected abstract Answer signatureRefused(String problem);

    private Answer answerFor(Family family, Request request) {
        return switch (family) {
            case SERVER_ERROR -> new Answer(502, "text/html", "<html><body>502 Bad Gateway</body></html>");
            case MALFORMED -> new Answer(200, "application/json", "<html>this is not the carrier's JSON");
            case TIMEOUT -> new Answer(200, "application/json", "{}", TIMEOUT_DELAY);
            default -> carrierAnswer(family, request);
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
        String problem = signatureProblem(request);
        received.add(read(request, problem));
        Answer answer;
        if (problem != null) {
            answer = signatureRefused(problem);
        } else {
            Function<Request, Answer> next;
            synchronized (this) {
                next = script.isEmpty() ? null : script.removeFirst();
            }
            answer = next == null ? carrierAnswer(Family.ACCEPTED, request) : next.apply(request);
        }
        try {
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the adapter gave up waiting (TIMEOUT): nobody is listening any more
        } finally {
            exchange.close();
        }
    }

    /** Hex SHA-256 of UTF-8 text, for a fake's own signature check. */
    protected static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 of UTF-8 text, for a fake's own signature check. */
    protected static byte[] hmacSha256(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
