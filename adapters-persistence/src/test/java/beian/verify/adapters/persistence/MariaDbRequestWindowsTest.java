package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ClientNetwork;
import beian.verify.core.domain.MissWindow;
import beian.verify.core.domain.NetworkThrottle;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.AdmitRequestUseCase;
import beian.verify.core.port.in.AdmitRequestUseCase.AdmitRequestCommand;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.RequestCounters;
import beian.verify.core.port.out.TransactionRunner;
import beian.verify.core.service.AdmitRequestService;
import beian.verify.core.service.PurgeExpiredCountersService;
import beian.verify.core.testing.MutableClock;
import beian.verify.adapters.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST adapter's per-client limits keep their counts in MariaDB: two service contexts (two
 * instances, each with its own connection pool) over one database enforce one limit, under
 * concurrent requests. What a count costs is measured and printed; and the purge drops ended windows
 * and idle per-network miss counts, nothing else.
 */
class MariaDbRequestWindowsTest {
    private static final Instant START = Instant.parse("2026-11-28T02:00:10Z");

    static TestDatabase database;
    static PersistenceContext one;
    static PersistenceContext two;
    final MutableClock clock = new MutableClock(START);

    @BeforeAll
    static void start() {
        database = TestDatabase.mariaDb("persistence_windows");
        one = new PersistenceContext(database);
        two = new PersistenceContext(database);
    }

    @AfterAll
    static void stop() {
        two.context.close();
        one.close();
    }

    private AdmitRequestUseCase admissions(PersistenceContext instance) {
        return new AdmitRequestService(instance.bean(TransactionRunner.class), clock, instance.bean(RequestCounters.class));
    }

    @Test
    void twoInstancesOverOneDatabaseEnforceOneLimitUnderConcurrentRequests() throws Exception {
        AdmitRequestUseCase first = admissions(one);
        AdmitRequestUseCase second = admissions(two);
        AtomicInteger turn = new AtomicInteger();
        AdmitRequestCommand request = new AdmitRequestCommand("VERIFY", "203.0.113.9", 30);

        List<Integer> admitted = Concurrently.run(16, () -> {
            AdmitRequestUseCase instance = turn.getAndIncrement() % 2 == 0 ? first : second;
            int ok = 0;
            for (int i = 0; i < 10; i++) {
                ok += instance.admit(request).admitted() ? 1 : 0;
            }
            return ok;
        });

        assertThat(admitted.stream().mapToInt(Integer::intValue).sum()).as("of 160 requests through two instances")
                .isEqualTo(30);
        assertThat(first.admit(new AdmitRequestCommand("VERIFY", "203.0.113.10", 30)).admitted())
                .as("another network").isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(second.admit(request).admitted()).as("the next window").isTrue();
    }

    /**
     * Counted by MariaDB for the one session that serves the count: an instance whose pool holds one
     * connection (MariaDB's global counters also count the other builds on a shared server).
     */
    @Test
    void aCountIsOneStatementAndItsLatencyIsPrinted() throws Exception {
        PersistenceContext single = new PersistenceContext(database, Map.of("beian.db.pool-size", 1,
                "beian.events.sequencer.idle-poll", "1h"));
        try {
            AdmitRequestUseCase instance = admissions(single);
            DataSource pool = single.bean(DataSource.class);
            instance.admit(new AdmitRequestCommand("CAPTCHA", "198.51.100.1", 100)); // the row exists: the usual case
            TransactionRunner tx = single.bean(TransactionRunner.class);
            // read in a transaction of its own on the one connection; the reading's own cost is taken off
            long[] r0 = tx.inTransaction(() -> counters(pool));
            long[] r1 = tx.inTransaction(() -> counters(pool));
            instance.admit(new AdmitRequestCommand("CAPTCHA", "198.51.100.1", 100));
            long[] r2 = tx.inTransaction(() -> counters(pool));
            long[] cost = new long[r0.length];
            for (int i = 0; i < cost.length; i++) {
                cost[i] = (r2[i] - r1[i]) - (r1[i] - r0[i]);
            }
            long[] nanos = new long[400];
            for (int i = 0; i < nanos.length; i++) {
                long begin = System.nanoTime();
                instance.admit(new AdmitRequestCommand("CAPTCHA", "192.0.2." + (i % 100), 1000));
                nanos[i] = System.nanoTime() - begin;
            }
            Arrays.sort(nanos);
            System.out.printf("BENCHMARK request window on MariaDB: statements per request (select, insert, update, delete,"
                            + " commit) %s; latency of one count, transaction included: median %.2f ms, p95 %.2f ms"
                            + " (%d sequential)%n", Arrays.toString(cost), nanos[nanos.length / 2] / 1e6,
                    nanos[nanos.length * 95 / 100] / 1e6, nanos.length);
            assertThat(cost[0] + cost[1] + cost[2] + cost[3]).as("statements per count").isEqualTo(1);
            assertThat(cost[1]).as("the one statement is the upsert").isEqualTo(1);
            assertThat(cost[4]).as("commits").isEqualTo(1);
        } finally {
            single.context.close(); // only the context: the database is the class's
        }
    }

    @Test
    void thePurgeDropsEndedWindowsAndNetworkCountsThatNoLongerCountOnly() {
        TransactionRunner tx = one.bean(TransactionRunner.class);
        RequestCounters counters = one.bean(RequestCounters.class);
        PhoneThrottleRepository throttles = one.bean(PhoneThrottleRepository.class);
        VerificationSettings settings = VerificationSettings.defaults();
        PhoneNumber phone = new PhoneNumber("13700009999");
        Instant now = START.plus(Duration.ofHours(5));
        Instant hourAgo = now.minus(settings.codeMissWindow());
        NetworkThrottle idle = new NetworkThrottle(phone, ClientNetwork.of("203.0.113.1"),
                new MissWindow(List.of(hourAgo.minusSeconds(60), hourAgo.minusSeconds(1)), null));
        NetworkThrottle recent = new NetworkThrottle(phone, ClientNetwork.of("203.0.113.2"),
                new MissWindow(List.of(hourAgo.minusSeconds(60), hourAgo.plusSeconds(1)), null));
        NetworkThrottle locked = new NetworkThrottle(phone, ClientNetwork.of("203.0.113.3"),
                new MissWindow(List.of(), now.plusSeconds(60)));
        NetworkThrottle lockOver = new NetworkThrottle(phone, ClientNetwork.of("203.0.113.4"),
                new MissWindow(List.of(), now.minusSeconds(1)));
        tx.inTransaction(() -> {
            throttles.lock(phone);
            List.of(idle, recent, locked, lockOver).forEach(throttles::save);
            counters.increment("VERIFY|old", now.minus(Duration.ofMinutes(3)), now.minus(Duration.ofMinutes(1)));
            counters.increment("VERIFY|live", now.minus(Duration.ofSeconds(30)), now.plus(Duration.ofSeconds(90)));
            return null;
        });

        int purged = new PurgeExpiredCountersService(settings, tx, () -> now, counters, throttles).purgeExpired();

        assertThat(purged).isEqualTo(3);
        tx.inTransaction(() -> {
            assertThat(throttles.network(phone, idle.network()).misses()).isEqualTo(MissWindow.NONE);
            assertThat(throttles.network(phone, lockOver.network()).misses()).isEqualTo(MissWindow.NONE);
            assertThat(throttles.network(phone, recent.network()).misses().recentMisses()).hasSize(2);
            assertThat(throttles.network(phone, locked.network()).misses().lockedUntil()).isNotNull();
            return null;
        });
        assertThat(rows("SELECT COUNT(*) FROM request_window")).isEqualTo(1);
    }

    private static long rows(String sql) {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MariaDB's Com_select, Com_insert, Com_update, Com_delete, Com_commit of this session. */
    private static long[] counters(DataSource pool) {
        try {
            return counters(pool.getConnection()); // the transaction's connection: closed by its commit
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] counters(Connection c) throws SQLException {
        List<String> names = List.of("Com_select", "Com_insert", "Com_update", "Com_delete", "Com_commit");
        Map<String, Long> values = new java.util.HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN ('" + String.join("','", names) + "')")) {
            while (r.next()) {
                values.put(r.getString(1), r.getLong(2));
            }
        }
        return names.stream().mapToLong(values::get).toArray();
    }
}
