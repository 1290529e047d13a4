package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ClosedCount;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RetentionPeriod;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.WithdrawApplicationUseCase.WithdrawApplicationCommand;
import beian.verify.core.port.in.ApproveApplicationUseCase.ApproveApplicationCommand;
import beian.verify.core.port.out.ClosedApplicationCounts;
import beian.verify.core.port.out.ErasableApplications;
import beian.verify.core.service.EraseExpiredPersonalDataService;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.People;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention (DOMAIN.md "Privacy") through the real persistence adapter and the core's service, on the
 * clock the test moves: what an erased application leaves in every table. Run on H2 and on MariaDB.
 */
abstract class RetentionContract {
    static final Instant T0 = MutableClock.shanghai(2026, 1, 10, 10, 0);
    static final String ALICE_PHONE = "13800000001";
    static final String ALICE_ID = People.residentId(1);
    static final String BOB_PHONE = "13900000002";
    static final String BOB_ID = People.residentId(2);
    static final Caller.Reviewer TJ = new Caller.Reviewer(Set.of(new ProvinceCode("TJ")));

    protected abstract PersistenceContext db();

    RealCore core;
    EraseExpiredPersonalDataService eraser;

    @BeforeEach
    void fresh() {
        db().clear();
        core = new RealCore(db(), T0);
        eraser = new EraseExpiredPersonalDataService(RetentionPeriod.defaults(), MutableClock.SHANGHAI,
                db().storage().tx(), core.clock, db().bean(ErasableApplications.class),
                db().bean(ClosedApplicationCounts.class));
    }

    long count(String sql) {
        try (Connection c = db().database.connect()) {
            return ClosedApplicationsFill.count(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows naming the application in every table that holds something personal of it. */
    long personalRowsOf(String id) {
        return count("SELECT (SELECT COUNT(*) FROM application WHERE id = '" + id + "')"
                + " + (SELECT COUNT(*) FROM verification_target WHERE application_id = '" + id + "')"
                + " + (SELECT COUNT(*) FROM application_website WHERE application_id = '" + id + "')"
                + " + (SELECT COUNT(*) FROM sms_outbox WHERE application_id = '" + id + "')"
                + " + (SELECT COUNT(*) FROM audit_entry WHERE application_id = '" + id + "')"
                + " + (SELECT COUNT(*) FROM provider_event WHERE application_id = '" + id + "'"
                + " AND masked_phone IS NOT NULL)");
    }

    @Test
    void anApplicationClosed179DaysAgoKeepsItsDataAndOneClosed181DaysAgoLosesIt() {
        core.codes.then("123456");
        Submission alice = core.submitOk(RealCore.newWebsite("alice", "alice.cn",
                People.person("张三", ALICE_PHONE, ALICE_ID)));
        core.dispatch();
        core.verify(ALICE_PHONE, People.tail(ALICE_ID), "654321"); // a miss: network throttle, audit naming no application
        core.verify(ALICE_PHONE, People.tail(ALICE_ID), "123456");
        String aliceId = alice.application().applicationId();
        assertThat(core.approvals.approve(new ApproveApplicationCommand(TJ, aliceId, "津ICP备12345678号")))
                .isInstanceOf(Outcome.Ok.class);
        core.clock.advance(Duration.ofDays(2));
        Submission bob = core.submitOk(RealCore.newWebsite("bob", "bob.cn", People.person("李四", BOB_PHONE, BOB_ID)));
        core.dispatch();
        String bobId = bob.application().applicationId();
        assertThat(core.withdrawals.withdraw(new WithdrawApplicationCommand(RealCore.PROVIDER, bobId)))
                .isInstanceOf(Outcome.Ok.class);
        assertThat(personalRowsOf(aliceId)).isGreaterThanOrEqualTo(6);
        // every phone checked or given a code has a phone-wide row; the miss made Alice's network row
        assertThat(count("SELECT COUNT(*) FROM phone_throttle")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM network_throttle")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE application_id IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry_province WHERE province = 'TJ'"))
                .as("the miss and the hit on Alice's phone, both visible to Tianjin").isEqualTo(2);

        core.clock.set(T0.plus(Duration.ofDays(181))); // Alice's closed 181 days ago, Bob's 179
        assertThat(eraser.eraseExpired(100).done()).isEqualTo(2); // Alice's application and the unattributed miss

        assertThat(personalRowsOf(aliceId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM provider_event WHERE application_id = '" + aliceId + "'"))
                .as("the events stay, without masked phones").isGreaterThanOrEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM phone_throttle")).as("Bob's stays while his application is kept")
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM network_throttle")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE application_id IS NULL")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry_province")).as("erased with their audit records").isZero();
        assertThat(core.storage.tx().inTransaction(() -> core.storage.filedRecords().find(DomainName.of("alice.cn"))))
                .as("the filed record stays").isPresent();
        assertThat(core.storage.tx().inTransaction(() -> db().bean(ClosedApplicationCounts.class)
                .between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1))))
                .containsExactly(new ClosedCount(LocalDate.of(2026, 1, 10), new ProvinceCode("TJ"), FilingType.NEW_WEBSITE,
                        "APPROVED", 1));
        // Bob's, closed 179 days ago, is whole
        assertThat(count("SELECT COUNT(*) FROM verification_target WHERE application_id = '" + bobId + "'")).isEqualTo(1);
        assertThat(core.applicationQuery.get(new beian.verify.core.port.in.GetApplicationUseCase.GetApplicationQuery(
                new Caller.Provider(RealCore.PROVIDER), bobId))).isInstanceOf(Outcome.Ok.class);
        assertThat(core.applicationQuery.get(new beian.verify.core.port.in.GetApplicationUseCase.GetApplicationQuery(
                new Caller.Provider(RealCore.PROVIDER), aliceId))).isInstanceOf(Outcome.Failed.class);

        core.clock.set(T0.plus(Duration.ofDays(183)));
        assertThat(eraser.eraseExpired(100).done()).isEqualTo(1);
        assertThat(personalRowsOf(bobId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM phone_throttle")).isZero();
        assertThat(eraser.eraseExpired(100).done()).isZero();
    }

    @Test
    void theThrottleOfAPhoneWithAnOpenApplicationStays() {
        Submission old = core.submitOk(RealCore.newWebsite("old", "old.cn", People.person("张三", ALICE_PHONE, ALICE_ID)));
        core.withdrawals.withdraw(new WithdrawApplicationCommand(RealCore.PROVIDER, old.application().applicationId()));
        core.clock.set(T0.plus(Duration.ofDays(181)));
        core.codes.then("123456");
        core.submitOk(RealCore.newWebsite("new", "new.cn", People.person("张三", ALICE_PHONE, ALICE_ID)));
        core.verify(ALICE_PHONE, People.tail(ALICE_ID), "654321");

        assertThat(eraser.eraseExpired(100).done()).isEqualTo(1);

        assertThat(personalRowsOf(old.application().applicationId())).isZero();
        assertThat(count("SELECT COUNT(*) FROM phone_throttle")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM network_throttle")).isEqualTo(1);
    }

    @Test
    void aBatchOfManyIsErasedWholeAndCountedOnce() throws SQLException {
        try (Connection c = db().database.connect()) {
            ClosedApplicationsFill.fill(c, 0, 120, T0);
        }
        core.clock.set(T0.plus(Duration.ofDays(181)));

        assertThat(eraser.eraseExpired(50).done()).isEqualTo(50);
        assertThat(eraser.eraseExpired(50).done()).isEqualTo(50);
        assertThat(eraser.eraseExpired(50).done()).isEqualTo(20);

        assertThat(count("SELECT COUNT(*) FROM application")).isZero();
        assertThat(count("SELECT COUNT(*) FROM verification_target")).isZero();
        assertThat(count("SELECT COUNT(*) FROM sms_outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry_province")).isZero();
        assertThat(count("SELECT COUNT(*) FROM phone_throttle")).isZero();
        assertThat(count("SELECT COUNT(*) FROM network_throttle")).isZero();
        assertThat(count("SELECT COUNT(*) FROM provider_event WHERE masked_phone IS NOT NULL")).isZero();
        assertThat(count("SELECT COUNT(*) FROM provider_event WHERE reason = 'WITHDRAWN'")).isEqualTo(120);
        assertThat(count("SELECT SUM(applications) FROM closed_application_count")).isEqualTo(120);
        assertThat(count("SELECT COUNT(DISTINCT province) FROM closed_application_count")).isEqualTo(2); // TJ and GS
    }
}
