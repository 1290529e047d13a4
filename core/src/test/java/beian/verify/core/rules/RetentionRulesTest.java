package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.ClosedCount;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.RetentionPeriod;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.ClosedApplicationCounts;
import beian.verify.core.service.EraseExpiredPersonalDataService;
import beian.verify.core.testing.CoreFixture;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "Privacy", retention: the personal data of an application closed (returned, approved,
 * rejected; a withdrawal is a return) longer than the configured period (180 days by default) is
 * erased with its audit records; anonymous counts and the filed records stay.
 */
class RetentionRulesTest {
    static final Caller.Reviewer TJ_REVIEWER = new Caller.Reviewer(Set.of(new ProvinceCode("TJ")));
    static final String ALICE_PHONE = "13800000001";
    static final String ALICE_ID = residentId(1);
    static final PersonInput ALICE = person("张三", ALICE_PHONE, ALICE_ID);
    static final String BOB_PHONE = "13900000002";
    static final PersonInput BOB = person("李四", BOB_PHONE, residentId(2));
    static final String CAROL_PHONE = "13700000003";
    static final PersonInput CAROL = person("王五", CAROL_PHONE, residentId(3));

    final CoreFixture world = CoreFixture.atShanghai(2026, 1, 10, 10, 0);
    final EraseExpiredPersonalDataService eraser = world.eraser(RetentionPeriod.defaults());

    private ApplicationView withdrawn(String requestId, PersonInput principal) {
        ApplicationView a = world.submitNewWebsite(requestId, requestId + ".cn", principal);
        assertThat(world.withdraw(CoreFixture.PROVIDER, a.applicationId())).isInstanceOf(Outcome.Ok.class);
        return a;
    }

    private boolean stored(ApplicationView a) {
        return world.applications.all().stream().anyMatch(s -> s.id().value().equals(a.applicationId()));
    }

    private WorkReport eraseAll() {
        return eraser.eraseExpired(1000);
    }

    @Test
    void anApplicationClosed179DaysAgoKeepsItsDataAndOneClosed181DaysAgoLosesIt() {
        ApplicationView older = withdrawn("older", ALICE);
        world.clock.advance(Duration.ofDays(2));
        ApplicationView newer = withdrawn("newer", BOB);

        world.clock.advance(Duration.ofDays(179));
        WorkReport report = eraseAll();

        assertThat(report.done()).isEqualTo(1);
        assertThat(stored(older)).isFalse();
        assertThat(world.get(new Caller.Provider(CoreFixture.PROVIDER), older.applicationId()))
                .isInstanceOfSatisfying(Outcome.Failed.class,
                        f -> assertThat(f.failure().code()).isEqualTo(ErrorCode.APPLICATION_NOT_FOUND));
        assertThat(stored(newer)).isTrue();
        assertThat(world.view(newer.applicationId()).targets()).extracting(ApplicationView.TargetView::maskedPhone)
                .containsExactly("139****0002");
    }

    @Test
    void exactlyThePeriodIsNotLongerThanThePeriod() {
        ApplicationView a = withdrawn("edge", ALICE);
        world.clock.advance(RetentionPeriod.DEFAULT);

        assertThat(eraseAll().done()).isZero();
        assertThat(stored(a)).isTrue();

        world.clock.advance(Duration.ofNanos(1000));
        assertThat(eraseAll().done()).isEqualTo(1);
        assertThat(stored(a)).isFalse();
    }

    @Test
    void openApplicationsAreNeverErasedHoweverOld() {
        ApplicationView pending = world.submitNewWebsite("pending", "pending.cn", ALICE);
        ApplicationView ready = world.submitNewWebsite("ready", "ready.cn", BOB);
        world.verify(BOB_PHONE, tail(residentId(2)), world.carrier.lastCodeTo(BOB_PHONE));

        world.clock.advance(Duration.ofDays(400));
        eraseAll();

        assertThat(stored(pending)).isTrue();
        assertThat(stored(ready)).isTrue();
        assertThat(world.view(ready.applicationId()).status())
                .isEqualTo(beian.verify.core.domain.ApplicationStatus.READY_FOR_REVIEW);
    }

    @Test
    void everyClosedStatusIsErasedReturnedApprovedRejectedAndWithdrawn() {
        ApplicationView withdrawn = withdrawn("withdrawn", ALICE);
        ApplicationView approved = world.submitNewWebsite("approved", "approved.cn", BOB);
        world.verify(BOB_PHONE, tail(residentId(2)), world.carrier.lastCodeTo(BOB_PHONE));
        assertThat(world.approve(TJ_REVIEWER, approved.applicationId(), "津ICP备12345678号"))
                .isInstanceOf(Outcome.Ok.class);
        ApplicationView rejected = world.submitNewWebsite("rejected", "rejected.cn", CAROL);
        world.verify(CAROL_PHONE, tail(residentId(3)), world.carrier.lastCodeTo(CAROL_PHONE));
        assertThat(world.reject(TJ_REVIEWER, rejected.applicationId(), "张三 的材料不全")).isInstanceOf(Outcome.Ok.class);
        ApplicationView failed = world.submitNewWebsite("failed", "failed.cn", person("赵六", "13600000004", residentId(4)));
        String code = world.carrier.lastCodeTo("13600000004");
        for (int i = 0; i < 5; i++) {
            world.verify("13600000004", "00000X", code);
        }
        ApplicationView timedOut = world.submitNewWebsite("timeout", "timeout.cn", person("孙七", "13500000005", residentId(5)));
        world.clock.advance(Duration.ofHours(49));
        world.returns.returnExpired(100);

        world.clock.advance(Duration.ofDays(181));
        WorkReport report = eraseAll();

        assertThat(report.done()).isGreaterThanOrEqualTo(5);
        for (ApplicationView a : List.of(withdrawn, approved, rejected, failed, timedOut)) {
            assertThat(stored(a)).as(a.requestId()).isFalse();
        }
    }

    @Test
    void erasureTakesPhonesNamesHashesSmsTextsAndAuditRecords() {
        ApplicationView a = world.submitNewFiling("nf", ALICE, BOB);
        world.verify(ALICE_PHONE, tail(ALICE_ID), world.carrier.lastCodeTo(ALICE_PHONE));
        world.withdraw(CoreFixture.PROVIDER, a.applicationId());
        ApplicationId id = new ApplicationId(a.applicationId());
        assertThat(world.outbox.all()).anyMatch(s -> s.applicationId().equals(id));
        assertThat(world.audit.entries()).anyMatch(e -> id.equals(e.applicationId()));

        world.clock.advance(Duration.ofDays(181));
        eraseAll();

        assertThat(world.applications.all()).noneMatch(s -> s.id().equals(id)); // phones, name, ID-tail and code hashes
        assertThat(world.outbox.all()).noneMatch(s -> s.applicationId().equals(id)); // phones and SMS texts
        assertThat(world.audit.entries()).noneMatch(e -> id.equals(e.applicationId()));
    }

    @Test
    void theEventsStayWithoutMaskedPhonesOrFreeText() {
        ApplicationView rejected = world.submitNewWebsite("rejected", "rejected.cn", ALICE);
        world.verify(ALICE_PHONE, tail(ALICE_ID), world.carrier.lastCodeTo(ALICE_PHONE));
        world.reject(TJ_REVIEWER, rejected.applicationId(), "张三 的材料不全");
        ApplicationView withdrawn = withdrawn("withdrawn", BOB);
        List<RecordedEvent> before = world.eventsOf(CoreFixture.PROVIDER);
        assertThat(before).anyMatch(e -> e.event().maskedPhone() != null);

        world.clock.advance(Duration.ofDays(181));
        eraseAll();

        List<RecordedEvent> after = world.eventsOf(CoreFixture.PROVIDER);
        assertThat(after).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(before.stream().map(RecordedEvent::sequence).toList());
        assertThat(after).extracting(e -> e.event().type())
                .containsExactlyElementsOf(before.stream().map(e -> e.event().type()).toList());
        assertThat(after).allMatch(e -> e.event().maskedPhone() == null);
        assertThat(after).filteredOn(e -> e.event().type() == EventType.REJECTED)
                .allMatch(e -> e.event().reason() == null);
        assertThat(after).filteredOn(e -> e.event().type() == EventType.RETURNED)
                .extracting(e -> e.event().reason()).containsExactly("WITHDRAWN");
        assertThat(after).filteredOn(e -> e.event().type() == EventType.RETURNED)
                .extracting(e -> e.event().applicationId().value()).containsExactly(withdrawn.applicationId());
    }

    @Test
    void anonymousCountsSurviveErasurePerDayProvinceTypeAndOutcome() {
        withdrawn("w1", ALICE);
        withdrawn("w2", BOB);
        ApplicationView approved = world.submitNewWebsite("approved", "approved.cn", CAROL);
        world.verify(CAROL_PHONE, tail(residentId(3)), world.carrier.lastCodeTo(CAROL_PHONE));
        world.approve(TJ_REVIEWER, approved.applicationId(), "津ICP备12345678号");
        LocalDate day = LocalDate.of(2026, 1, 10);

        world.clock.advance(Duration.ofDays(181));
        eraseAll();

        assertThat(world.applications.all()).isEmpty();
        assertThat(world.tx.inTransaction(() -> world.retention.between(day, day.plusDays(1)))).containsExactlyInAnyOrder(
                new ClosedCount(day, new ProvinceCode("TJ"), FilingType.NEW_WEBSITE, "RETURNED_WITHDRAWN", 2),
                new ClosedCount(day, new ProvinceCode("TJ"), FilingType.NEW_WEBSITE, "APPROVED", 1));
    }

    @Test
    void theDayOfACountIsTheDayClosedInTheConfiguredZone() {
        world.clock.set(beian.verify.core.testing.MutableClock.shanghai(2026, 1, 10, 23, 30)); // 15:30 UTC
        withdrawn("late", ALICE);

        world.clock.advance(Duration.ofDays(181));
        eraseAll();

        assertThat(world.tx.inTransaction(() -> world.retention.between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1))))
                .extracting(ClosedCount::day).containsExactly(LocalDate.of(2026, 1, 10));
    }

    @Test
    void theFiledRecordsStay() {
        ApplicationView approved = world.submitNewWebsite("approved", "approved.cn", ALICE);
        world.verify(ALICE_PHONE, tail(ALICE_ID), world.carrier.lastCodeTo(ALICE_PHONE));
        world.approve(TJ_REVIEWER, approved.applicationId(), "津ICP备12345678号");

        world.clock.advance(Duration.ofDays(181));
        eraseAll();

        assertThat(stored(approved)).isFalse();
        assertThat(world.tx.inTransaction(() -> world.filedRecords.find(DomainName.of("approved.cn"))))
                .hasValueSatisfying(r -> assertThat(r.websitePrincipalPhone()).isEqualTo(new PhoneNumber(ALICE_PHONE)));
    }

    @Test
    void throttleRowsOfPhonesWithNothingOpenAreErasedAndKeptWhileAnotherApplicationHasThePhone() {
        withdrawn("alice-old", ALICE);
        withdrawn("bob-old", BOB);
        world.verify(ALICE_PHONE, tail(ALICE_ID), "111111"); // misses: a throttle row per phone and per network
        world.verify(BOB_PHONE, tail(residentId(2)), "111111");
        world.clock.advance(Duration.ofDays(181));
        world.submitNewWebsite("bob-new", "bob-new.cn", BOB); // Bob has something open again
        world.clock.advance(Duration.ofHours(1));
        world.verify(BOB_PHONE, tail(residentId(2)), "222222");
        world.clock.advance(Duration.ofHours(2));
        assertThat(world.throttles.phonesStored()).containsExactlyInAnyOrder(new PhoneNumber(ALICE_PHONE),
                new PhoneNumber(BOB_PHONE));
        assertThat(world.throttles.networksStored()).hasSize(2);

        eraseAll();

        assertThat(world.throttles.phonesStored()).containsExactly(new PhoneNumber(BOB_PHONE));
        assertThat(world.throttles.networksStored()).containsExactly(new PhoneNumber(BOB_PHONE));
    }

    @Test
    void aPhoneLockedNowKeepsItsThrottleRows() {
        withdrawn("alice-old", ALICE);
        world.clock.advance(Duration.ofDays(181));
        for (int i = 0; i < world.settings.codeMissLimit(); i++) {
            world.verify(ALICE_PHONE, tail(ALICE_ID), String.format("%06d", 100000 + i));
        }

        eraseAll();

        assertThat(world.throttles.networksStored()).containsExactly(new PhoneNumber(ALICE_PHONE)); // locked: stays
        assertThat(world.throttles.phonesStored()).isEmpty(); // the phone-wide count is not locked: it goes
    }

    @Test
    void auditRecordsThatNameNoApplicationGoAfterThePeriod() {
        world.verify("13300000009", "000000", "123456"); // a miss: nobody's attempt, audited with no application
        world.clock.advance(Duration.ofDays(10));
        world.verify("13300000009", "000000", "654321");
        assertThat(world.audit.entries()).hasSize(2).allMatch(e -> e.applicationId() == null);

        world.clock.advance(Duration.ofDays(175));
        eraseAll();

        assertThat(world.audit.entries()).extracting(AuditEntry::at).containsExactly(world.clock.now()
                .minus(Duration.ofDays(175)));
    }

    @Test
    void aBatchIsErasedWholeOrNotAtAll() {
        ApplicationView a = withdrawn("a", ALICE);
        ApplicationView b = withdrawn("b", BOB);
        world.clock.advance(Duration.ofDays(181));
        ClosedApplicationCounts failing = new ClosedApplicationCounts() {
            @Override
            public void add(ClosedCount count) {
                throw new IllegalStateException("the database went away");
            }

            @Override
            public List<ClosedCount> between(LocalDate from, LocalDate to) {
                return List.of();
            }
        };
        EraseExpiredPersonalDataService crashing = new EraseExpiredPersonalDataService(RetentionPeriod.defaults(),
                world.settings.zone(), world.tx, world.clock, world.retention, failing);

        assertThatThrownBy(() -> crashing.eraseExpired(10)).isInstanceOf(IllegalStateException.class);

        assertThat(stored(a)).isTrue();
        assertThat(stored(b)).isTrue();
        assertThat(eraseAll().done()).isEqualTo(2); // the next run takes the batch again
        assertThat(world.tx.inTransaction(() -> world.retention.between(LocalDate.MIN, LocalDate.MAX)))
                .extracting(ClosedCount::applications).containsExactly(2L);
    }

    @Test
    void erasureGoesInBatchesOfTheConfiguredSizeOldestFirst() {
        ApplicationView first = withdrawn("first", ALICE);
        world.clock.advance(Duration.ofMinutes(1));
        ApplicationView second = withdrawn("second", BOB);
        world.clock.advance(Duration.ofMinutes(1));
        ApplicationView third = withdrawn("third", CAROL);
        world.clock.advance(Duration.ofDays(181));

        assertThat(eraser.eraseExpired(2).done()).isEqualTo(2);
        assertThat(stored(first)).isFalse();
        assertThat(stored(second)).isFalse();
        assertThat(stored(third)).isTrue();
        assertThat(eraser.eraseExpired(2).done()).isEqualTo(1);
        assertThat(eraser.eraseExpired(2).done()).isZero();
    }

    @Test
    void theRetentionPeriodIsConfiguration() {
        ApplicationView a = withdrawn("a", ALICE);
        EraseExpiredPersonalDataService monthly = world.eraser(new RetentionPeriod(Duration.ofDays(30)));
        world.clock.advance(Duration.ofDays(29));
        monthly.eraseExpired(10);
        assertThat(stored(a)).isTrue();

        world.clock.advance(Duration.ofDays(2));
        monthly.eraseExpired(10);
        assertThat(stored(a)).isFalse();
        assertThatThrownBy(() -> new RetentionPeriod(Duration.ofHours(23))).isInstanceOf(IllegalArgumentException.class);
    }
}
