package beian.verify.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.app.jobs.Eventually;
import beian.verify.app.jobs.TimedCarrier;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.GetApplicationUseCase;
import beian.verify.core.port.in.GetApplicationUseCase.GetApplicationQuery;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.WithdrawApplicationUseCase;
import beian.verify.core.port.in.WithdrawApplicationUseCase.WithdrawApplicationCommand;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention as the service runs it: whole application contexts on MariaDB with their scheduled jobs
 * ({@code RetentionJob} among them) and a clock the test moves, as the dev clock moves a demo. Two
 * contexts at once are two instances.
 */
class RetentionOnMariaDbTest {
    static final Instant T0 = MutableClock.shanghai(2026, 1, 10, 10, 0);
    final MutableClock clock = new MutableClock(T0);
    /** The carrier the "recording" SMS setting takes, as in DueWorkOnMariaDbTest. */
    final TimedCarrier carrier = new TimedCarrier();
    final List<ApplicationContext> instances = new ArrayList<>();
    TestDatabase db;

    @BeforeEach
    void database() {
        db = TestDatabase.mariaDb("retention");
    }

    @AfterEach
    void stop() {
        try {
            instances.forEach(ApplicationContext::close);
        } finally {
            db.close();
        }
    }

    ApplicationContext instance() {
        Map<String, Object> properties = new HashMap<>(db.properties());
        properties.putAll(Map.of("beian.security.hash-key", DueWorkOnMariaDbTest.HASH_KEY,
                "beian.sms.carrier", "recording", "beian.jobs.enabled", "true",
                "beian.retention.interval", "100ms", "beian.retention.batch-size", "4",
                "beian.retention.period", "180d"));
        ApplicationContext ctx = ApplicationContext.builder().properties(properties)
                .singletons(carrier, clock).start();
        instances.add(ctx);
        return ctx;
    }

    static String withdrawn(ApplicationContext ctx, String requestId, int person) {
        ApplicationView view = DueWorkOnMariaDbTest.submit(ctx, requestId, DueWorkOnMariaDbTest.phone("138", person),
                DueWorkOnMariaDbTest.phone("139", person), 2 * person);
        Outcome<ApplicationView> outcome = ctx.getBean(WithdrawApplicationUseCase.class)
                .withdraw(new WithdrawApplicationCommand(CoreFixture.PROVIDER, view.applicationId()));
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return view.applicationId();
    }

    static boolean found(ApplicationContext ctx, String applicationId) {
        return ctx.getBean(GetApplicationUseCase.class).get(new GetApplicationQuery(
                new Caller.Provider(CoreFixture.PROVIDER), applicationId)) instanceof Outcome.Ok;
    }

    long count(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void settle() {
        try {
            Thread.sleep(1000); // ten ticks of the retention job
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theJobOnTheMovingClockKeepsDay179AndForgetsDay181() {
        ApplicationContext service = instance();
        String older = withdrawn(service, "older", 1);
        clock.advance(Duration.ofDays(2));
        String newer = withdrawn(service, "newer", 3);

        clock.set(T0.plus(Duration.ofDays(179)));
        settle();
        assertThat(found(service, older)).as("closed 179 days ago: kept").isTrue();
        assertThat(found(service, newer)).isTrue();

        clock.set(T0.plus(Duration.ofDays(181)));
        Eventually.within(Duration.ofSeconds(20), "the application closed 181 days ago erased",
                () -> !found(service, older));
        settle();
        assertThat(found(service, newer)).as("closed 179 days ago: kept").isTrue();
        assertThat(count("SELECT COUNT(*) FROM verification_target WHERE application_id = '" + older + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM sms_outbox WHERE application_id = '" + older + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM provider_event WHERE application_id = '" + older
                + "' AND masked_phone IS NOT NULL")).isZero();
        assertThat(count("SELECT COUNT(*) FROM provider_event WHERE application_id = '" + older + "'")).isPositive();
        assertThat(count("SELECT SUM(applications) FROM closed_application_count")).isEqualTo(1);
    }

    @Test
    void twoInstancesEraseTogetherAndCountEachApplicationOnce() {
        ApplicationContext a = instance();
        ApplicationContext b = instance();
        int applications = 24;
        for (int i = 0; i < applications; i++) {
            withdrawn(i % 2 == 0 ? a : b, "two-" + i, 10 + 2 * i);
        }
        assertThat(count("SELECT COUNT(*) FROM application")).isEqualTo(applications);

        clock.set(T0.plus(Duration.ofDays(181)));
        Eventually.within(Duration.ofSeconds(30), "every application erased",
                () -> count("SELECT COUNT(*) FROM application") == 0);
        settle();

        assertThat(count("SELECT SUM(applications) FROM closed_application_count")).isEqualTo(applications);
        assertThat(count("SELECT COUNT(*) FROM verification_target")).isZero();
        assertThat(count("SELECT COUNT(*) FROM sms_outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM phone_throttle")).isZero();
    }
}
