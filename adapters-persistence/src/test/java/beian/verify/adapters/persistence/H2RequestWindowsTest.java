package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.AdmitRequestUseCase;
import beian.verify.core.port.in.AdmitRequestUseCase.AdmitRequestCommand;
import beian.verify.core.port.out.RequestCounters;
import beian.verify.core.port.out.TransactionRunner;
import beian.verify.core.service.AdmitRequestService;
import beian.verify.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** H2 has no INSERT … RETURNING: there the request windows are an upsert and a read, with the same answers. */
class H2RequestWindowsTest {
    static PersistenceContext db;

    @BeforeAll
    static void start() {
        db = PersistenceContext.h2();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void theLimitHoldsPerWindowAndCountsReadBackWithoutCounting() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T02:00:10Z"));
        TransactionRunner tx = db.bean(TransactionRunner.class);
        RequestCounters counters = db.bean(RequestCounters.class);
        AdmitRequestUseCase admissions = new AdmitRequestService(tx, clock, counters);
        AdmitRequestCommand request = new AdmitRequestCommand("RESEND", "203.0.113.8", 2);

        assertThat(admissions.admit(request).admitted()).isTrue();
        assertThat(admissions.admit(request).admitted()).isTrue();
        AdmitRequestUseCase.Admission third = admissions.admit(request);
        assertThat(third.admitted()).isFalse();
        assertThat(third.retryAfterSeconds()).isEqualTo(50);
        assertThat(tx.inTransaction(() -> counters.count("RESEND|203.0.113.8", Instant.parse("2026-11-28T02:00:00Z"))))
                .isEqualTo(3);
        assertThat(tx.inTransaction(() -> counters.count("RESEND|203.0.113.9", Instant.parse("2026-11-28T02:00:00Z"))))
                .isZero();

        clock.advance(Duration.ofMinutes(1));
        assertThat(admissions.admit(request).admitted()).isTrue();
    }
}
