package beian.verify.app.bench;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.Event;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.core.domain.ResidentIdNumber;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench command's load client (run by {@code scripts/bench.sh}, not a test): drives a running
 * service from outside over its real protocols, and measures the database's own ceiling. Prints
 * {@code RESULT name value} lines the script reads.
 *
 * <ul>
 *   <li>{@code jdbc-ceiling <jdbcUrl> <user> <password> <seconds> <connections>}: the plain-JDBC
 *       loop, each transaction one indexed {@code SELECT … FOR UPDATE} and one {@code UPDATE} by key;</li>
 *   <li>{@code grpc-submit <host> <port> <seconds> <concurrency> <watchers> <phoneBase> <targetsFile>
 *       [<afterSequence>]}: SubmitApplication (NEW_FILING, 2 principals, one provider) with WatchEvents
 *       watchers open after {@code afterSequence} (the bench reads the stream's last one from the
 *       database; without it, a replay finds it); writes each principal's phone and ID tail to the
 *       targets file;</li>
 *   <li>{@code codes <httpBase> <targetsFile> <outFile>}: the code the stub carrier sent to each phone.</li>
 * </ul>
 */
public final class LoadClient {
    private static final String PROVIDER_KEY = "demo-provider-key";

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "jdbc-ceiling" -> jdbcCeiling(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "grpc-submit" -> grpcSubmit(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Long.parseLong(args[6]), Path.of(args[7]),
                    args.length > 8 ? Long.parseLong(args[8]) : -1);
            case "codes" -> codes(args[1], Path.of(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.exit(0);
    }

    static void jdbcCeiling(String url, String user, String password, int seconds, int connections) throws Exception {
        int rows = 10_000;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_ceiling");
            s.execute("CREATE TABLE bench_ceiling (id BIGINT NOT NULL, k VARCHAR(32) NOT NULL, v BIGINT NOT NULL,"
                    + " PRIMARY KEY (id), UNIQUE KEY bench_ceiling_k (k))");
            StringBuilder insert = new StringBuilder("INSERT INTO bench_ceiling VALUES ");
            for (int i = 0; i < rows; i++) {
                insert.append(i == 0 ? "" : ",").append("(").append(i).append(",'k").append(i).append("',0)");
            }
            s.execute(insert.toString());
        }
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            futures.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    c.setAutoCommit(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    PreparedStatement select = c.prepareStatement("SELECT id, v FROM bench_ceiling WHERE k = ? FOR UPDATE");
                    PreparedStatement update = c.prepareStatement("UPDATE bench_ceiling SET v = ? WHERE id = ?");
                    while (System.nanoTime() < end) {
                        select.setString(1, "k" + ThreadLocalRandom.current().nextInt(rows));
                        long id;
                        long v;
                        try (ResultSet r = select.executeQuery()) {
                            r.next();
                            id = r.getLong(1);
                            v = r.getLong(2);
                        }
                        update.setLong(1, v + 1);
                        update.setLong(2, id);
                        update.executeUpdate();
                        c.commit();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (var f : futures) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_ceiling");
        }
        System.out.printf("RESULT jdbc_tx_per_s %.0f%n", done.get() / secs);
    }

    static void grpcSubmit(String host, int port, int seconds, int concurrency, int watchers, long phoneBase,
                           Path targetsFile, long afterSequence) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + PROVIDER_KEY);
        var blocking = ApplicationServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        var async = ApplicationServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));

        // Watchers start after the events already stored. Without the last sequence given, one replay finds
        // it; with a long stream that replay can pause longer than it waits and stop short, and 100 watchers
        // then start with a backlog each reads on its own (the full bench of 2026-11-30 18:24: 4,070 of
        // 1.29 million events delivered), so the bench gives it.
        long start = watchers == 0 ? 0 : afterSequence >= 0 ? afterSequence : latestSequence(async);
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        List<Long> delays = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong received = new AtomicLong();
        List<io.grpc.Context.CancellableContext> watches = new ArrayList<>();
        for (int w = 0; w < watchers; w++) {
            io.grpc.Context.CancellableContext ctx = io.grpc.Context.current().withCancellation();
            watches.add(ctx);
            ctx.run(() -> async.watchEvents(WatchEventsRequest.newBuilder().setAfterSequence(start).build(),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(Event e) {
                            received.incrementAndGet();
                            if (e.getType() == Event.Type.APPLICATION_SUBMITTED) {
                                Long at = committedAt.get(e.getApplicationId());
                                if (at != null) {
                                    delays.add(System.nanoTime() - at);
                                }
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                        }
                    }));
        }
        Thread.sleep(500);

        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> targets = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    int n = next.getAndIncrement();
                    String subjectPhone = phone(phoneBase + 2L * n);
                    String sitePhone = phone(phoneBase + 2L * n + 1);
                    String subjectId = residentId(2 * n);
                    String siteId = residentId(2 * n + 1);
                    long s0 = System.nanoTime();
                    try {
                        var app = blocking.submitApplication(SubmitApplicationRequest.newBuilder()
                                .setRequestId("bench-" + phoneBase + "-" + n).setType(FilingType.NEW_FILING)
                                .setProvince("TJ").setSubjectName("压测公司" + n)
                                .setSubjectPrincipal(Person.newBuilder().setName("甲").setPhone(subjectPhone).setIdNumber(subjectId))
                                .addWebsites(Website.newBuilder().setDomain("bench" + phoneBase + "-" + n + ".cn")
                                        .setPrincipal(Person.newBuilder().setName("乙").setPhone(sitePhone).setIdNumber(siteId)))
                                .build());
                        long s1 = System.nanoTime();
                        committedAt.put(app.getApplicationId(), s1);
                        mine.add(s1 - s0);
                        targets.add(subjectPhone + "," + tail(subjectId));
                        targets.add(sitePhone + "," + tail(siteId));
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        if (errors.get() < 5) {
                            System.err.println("submit failed: " + e);
                        }
                    }
                }
                latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
                return null;
            }));
        }
        for (var f : futures) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        // let the last events reach the watchers
        Thread.sleep(2000);
        watches.forEach(c -> c.cancel(null));
        channel.shutdownNow();

        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long[] d;
        synchronized (delays) {
            d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf("RESULT grpc_submit_per_s %.1f%n", all.length / secs);
        System.out.printf("RESULT grpc_submit_p50_ms %.1f%n", pct(all, 50) / 1e6);
        System.out.printf("RESULT grpc_submit_p99_ms %.1f%n", pct(all, 99) / 1e6);
        System.out.printf("RESULT grpc_submit_errors %d%n", errors.get());
        System.out.printf("RESULT watch_deliveries %d%n", d.length);
        System.out.printf("RESULT watch_expected %d%n", (long) all.length * watchers);
        System.out.printf("RESULT watch_p50_ms %.1f%n", pct(d, 50) / 1e6);
        System.out.printf("RESULT watch_p99_ms %.1f%n", pct(d, 99) / 1e6);
        Files.write(targetsFile, targets);
    }

    private static long latestSequence(ApplicationServiceGrpc.ApplicationServiceStub async) throws InterruptedException {
        AtomicLong last = new AtomicLong();
        io.grpc.Context.CancellableContext ctx = io.grpc.Context.current().withCancellation();
        ctx.run(() -> async.watchEvents(WatchEventsRequest.newBuilder().setAfterSequence(0).build(), new StreamObserver<>() {
            @Override
            public void onNext(Event e) {
                last.accumulateAndGet(e.getSequence(), Math::max);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        }));
        // the replay is one poll away; wait until it stops growing
        long seen = -1;
        while (seen != last.get()) {
            seen = last.get();
            Thread.sleep(700);
        }
        ctx.cancel(null);
        return last.get();
    }

    static void codes(String httpBase, Path targetsFile, Path outFile) throws Exception {
        List<String> targets = Files.readAllLines(targetsFile);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Pattern sixDigits = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger missing = new AtomicInteger();
        for (String line : targets) {
            pool.submit(() -> {
                String phone = line.split(",")[0];
                try {
                    for (int attempt = 0; attempt < 50; attempt++) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(httpBase + "/dev/sms?phone=" + phone))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        Matcher m = sixDigits.matcher(r.body().replaceAll("\"sentAt\"[^}]*", "").replace(phone, ""));
                        if (m.find()) {
                            out.add(line + "," + m.group(1));
                            return;
                        }
                        Thread.sleep(200);
                    }
                    missing.incrementAndGet();
                } catch (IOException | InterruptedException e) {
                    missing.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(outFile))) {
            out.forEach(w::println);
        }
        System.out.printf("RESULT codes_found %d%nRESULT codes_missing %d%n", out.size(), missing.get());
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** An 11-digit mainland mobile number: 13 and nine digits. */
    private static String phone(long n) {
        return String.format("13%09d", n % 1_000_000_000L);
    }

    private static String residentId(int n) {
        String first17 = String.format("110105199001%02d%03d", 1 + n % 28, n % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String tail(String id) {
        return id.substring(id.length() - 6);
    }
}
