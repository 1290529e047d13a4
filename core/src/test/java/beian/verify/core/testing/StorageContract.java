package beian.verify.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.ApplicationProgress;
import beian.verify.core.domain.ApplicationFacts;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.IdType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.RequestId;
import beian.verify.core.domain.ReturnReason;
import beian.verify.core.domain.Role;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.TargetStatus;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.domain.Website;
import beian.verify.core.port.out.AuditRecords;
import beian.verify.core.port.out.DuplicateRequestException;
import beian.verify.core.port.out.SentSmsLog;
import beian.verify.core.port.out.SmsOutbox;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the storage ports must do. Run against the in-memory fakes here,
 * and by the persistence adapter against H2 and MariaDB: extend it and give it fresh storage.
 */
public abstract class StorageContract {
    protected static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    protected static final ProviderId P1 = new ProviderId("provider-one");
    protected static final ProviderId P2 = new ProviderId("provider-two");
    protected static final PhoneNumber PHONE = new PhoneNumber("13800000001");
    protected static final PhoneNumber OTHER_PHONE = new PhoneNumber("13900000002");

    protected Storage s;

    /** Storage with nothing in it. */
    protected abstract Storage freshStorage();

    @BeforeEach
    void setUpStorage() {
        s = freshStorage();
    }

    /**
     * Makes every committed event readable. The fakes assign sequences as they append; a store whose
     * sequences are stamped after commit by a background sequencer overrides this to run it now.
     */
    protected void sequenceCommittedEvents() {
    }

    /** A page of a provider's stream, once what has been committed is sequenced. */
    protected List<RecordedEvent> readEvents(ProviderId provider, long after, int limit) {
        sequenceCommittedEvents();
        return tx(() -> s.events().readAfter(provider, after, limit));
    }

    protected <T> T tx(Supplier<T> work) {
        return s.tx().inTransaction(work);
    }

    protected void run(Runnable work) {
        s.tx().inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** The websites every contract application is stored with. */
    public static final List<Website> WEBSITES = List.of(new Website(DomainName.of("a.cn"), PHONE),
            new Website(DomainName.of("b.cn"), OTHER_PHONE));

    /** A pending application submitted at {@code at} with targets on PHONE (two roles) and OTHER_PHONE. */
    public static ApplicationState application(ProviderId provider, String requestId, Instant at) {
        ApplicationId id = ApplicationId.newId(at);
        List<VerificationTarget> targets = List.of(
                new VerificationTarget(1, Set.of(Role.SUBJECT_PRINCIPAL, Role.WEBSITE_PRINCIPAL), PHONE, IdType.RESIDENT_ID,
                        "tail-hash-1", TargetStatus.PENDING, 2, List.of("code-hash-a", "code-hash-b"), 2_000_000_000, 1, 1,
                        at.plusSeconds(90), null),
                VerificationTarget.fresh(2, Set.of(Role.WEBSITE_PRINCIPAL), OTHER_PHONE, IdType.PASSPORT, "tail-hash-2"));
        ApplicationFacts facts = new ApplicationFacts(id, provider, new RequestId(requestId), "fingerprint-" + requestId,
                FilingType.NEW_FILING, new ProvinceCode("TJ"), "天津示例科技有限公司", false, PHONE, at,
                at.plus(Duration.ofHours(48)), at.plus(Duration.ofHours(26)));
        return new ApplicationState(facts, targets, ApplicationProgress.submitted(true), 0);
    }

    static ApplicationState with(ApplicationState a, ApplicationStatus status, ReturnReason reason) {
        return new ApplicationState(a.facts(), a.targets(), new ApplicationProgress(status, reason,
                a.progress().autoResendDone(), a.progress().filingNumber(), a.progress().rejectReason(),
                status.isClosed() ? a.facts().deadline() : null), a.version());
    }

    static ApplicationState ignoringVersion(ApplicationState a) {
        return new ApplicationState(a.facts(), a.targets(), a.progress(), 0);
    }

    /** Stores the application with {@link #WEBSITES}, inside the caller's transaction. */
    protected void insert(ApplicationState a) {
        s.applications().insert(FilingApplication.restore(a), WEBSITES);
    }

    @Test
    void theSentSmsLogAnswersPerPhoneAndPerProvinceSinceAnInstant() {
        Instant t0 = Instant.parse("2026-11-28T02:00:00.123456Z");
        ProvinceCode tj = new ProvinceCode("TJ");
        run(() -> {
            s.sentSms().record(PHONE, tj, t0);
            s.sentSms().record(PHONE, tj, t0.plusSeconds(90));
            s.sentSms().record(OTHER_PHONE, new ProvinceCode("GS"), t0.plusSeconds(100));
        });

        assertThat(tx(() -> s.sentSms().sentToPhoneSince(PHONE, t0.minusSeconds(1))))
                .containsExactlyInAnyOrder(t0, t0.plusSeconds(90));
        assertThat(tx(() -> s.sentSms().sentToPhoneSince(PHONE, t0))).containsExactly(t0.plusSeconds(90));
        assertThat(tx(() -> s.sentSms().sentInProvinceSince(tj, t0.minusSeconds(1)))).isEqualTo(2);
        assertThat(tx(() -> s.sentSms().sentInProvinceSince(new ProvinceCode("GS"), t0))).isEqualTo(1);
    }

    @Test
    void theSentSmsLogRecordsSeveralAtOnceAndAnswersForSeveralPhonesAtOnce() {
        Instant t0 = Instant.parse("2026-11-28T02:00:00.123456Z");
        // phones and a province of their own: a store's sent log may outlive one contract test
        ProvinceCode hubei = new ProvinceCode("HB");
        PhoneNumber first = new PhoneNumber("13700000011");
        PhoneNumber second = new PhoneNumber("13700000012");
        PhoneNumber silent = new PhoneNumber("13700000013");
        run(() -> s.sentSms().recordAll(List.of(new SentSmsLog.Sent(first, hubei, t0),
                new SentSmsLog.Sent(first, hubei, t0.plusSeconds(90)), new SentSmsLog.Sent(second, hubei, t0.plusSeconds(100)))));

        java.util.Map<PhoneNumber, List<Instant>> sent = tx(() -> s.sentSms().sentToPhonesSince(
                List.of(first, second, silent), t0));
        assertThat(sent.keySet()).containsExactlyInAnyOrder(first, second, silent);
        assertThat(sent.get(first)).containsExactly(t0.plusSeconds(90));
        assertThat(sent.get(second)).containsExactly(t0.plusSeconds(100));
        assertThat(sent.get(silent)).isEmpty();
        assertThat(tx(() -> s.sentSms().sentInProvinceSince(hubei, t0.minusSeconds(1)))).isEqualTo(3);
        run(() -> s.sentSms().recordAll(List.of()));
    }

    @Test
    void severalApplicationsAreReadAtOnceInIdOrderAndUpdatedAtOnceAtTheirVersions() {
        ApplicationState a = application(P1, "r1", T0);
        ApplicationState b = application(P2, "r2", T0.plusSeconds(1));
        run(() -> {
            insert(a);
            insert(b);
        });
        ApplicationId missing = ApplicationId.newId(T0.plusSeconds(2));

        List<ApplicationState> read = tx(() -> s.queries().findByIds(List.of(missing, b.id(), a.id(), b.id())));
        assertThat(read).map(StorageContract::ignoringVersion).containsExactlyElementsOf(
                java.util.stream.Stream.of(a, b).sorted(java.util.Comparator.comparing(ApplicationState::id)).toList());
        assertThat(tx(() -> s.queries().findByIds(List.of()))).isEmpty();

        List<FilingApplication> changed = read.stream().map(FilingApplication::restore).toList();
        changed.get(0).recordSmsSent(2, SmsTrigger.INITIAL, T0.plusSeconds(5));
        changed.get(1).recordSmsSent(1, SmsTrigger.INITIAL, T0.plusSeconds(6));
        changed.get(1).recordSmsSent(2, SmsTrigger.INITIAL, T0.plusSeconds(6));
        changed.get(1).withdraw(T0.plusSeconds(8)); // closed in the same batch: its closing time is written too
        assertThat(changed.get(1).state().progress().closedAt()).isNotNull();
        run(() -> s.applications().updateAll(changed));

        for (FilingApplication c : changed) {
            ApplicationState reread = tx(() -> s.queries().findById(c.id())).orElseThrow();
            assertThat(ignoringVersion(reread)).isEqualTo(ignoringVersion(c.state()));
            assertThat(reread.version()).isGreaterThan(c.state().version());
        }
        // the same loaded versions again: stale, so nothing of the batch is written
        List<FilingApplication> stale = read.stream().map(FilingApplication::restore).toList();
        stale.get(0).recordSmsFailed(1, SmsTrigger.INITIAL, "late", T0.plusSeconds(7));
        assertThatThrownBy(() -> run(() -> s.applications().updateAll(stale))).isInstanceOf(RuntimeException.class);
        assertThat(tx(() -> s.queries().findById(stale.get(0).id())).orElseThrow().targets())
                .isEqualTo(changed.get(0).state().targets());
    }

    @Test
    void anInsertedApplicationReadsBackWhole() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));

        assertThat(tx(() -> s.queries().findById(a.id())).map(StorageContract::ignoringVersion)).contains(a);
        assertThat(tx(() -> s.applications().lockById(a.id())).map(StorageContract::ignoringVersion)).contains(a);
        assertThat(tx(() -> s.applications().websitesOf(a.id()))).isEqualTo(WEBSITES);
        assertThat(tx(() -> s.applications().findByRequest(P1, new RequestId("r1"))).map(ApplicationState::id))
                .contains(a.id());
        assertThat(tx(() -> s.applications().findByRequest(P2, new RequestId("r1")))).isEmpty();
    }

    @Test
    void severalApplicationsAreLockedAtOnceInIdOrderAndOnesThatDoNotExistAreLeftOut() {
        ApplicationState a = application(P1, "r1", T0);
        ApplicationState b = application(P1, "r2", T0.plusSeconds(1));
        run(() -> {
            insert(a);
            insert(b);
        });
        ApplicationId missing = ApplicationId.newId(T0.plusSeconds(2));

        assertThat(tx(() -> s.applications().lockByIds(List.of(missing, b.id(), a.id()))))
                .map(StorageContract::ignoringVersion)
                .containsExactlyElementsOf(java.util.stream.Stream.of(a, b).sorted(java.util.Comparator.comparing(ApplicationState::id)).toList());
        assertThat(tx(() -> s.applications().lockByIds(List.of()))).isEmpty();
    }

    @Test
    void aSecondApplicationWithTheSameProviderAndRequestIdIsRefused() {
        run(() -> insert(application(P1, "r1", T0)));

        assertThatThrownBy(() -> run(() -> insert(application(P1, "r1", T0.plusSeconds(1)))))
                .isInstanceOf(DuplicateRequestException.class);
        run(() -> insert(application(P2, "r1", T0.plusSeconds(2))));
    }

    @Test
    void anUpdateStoresWhatTheAggregateChangedAndBumpsTheVersion() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));
        FilingApplication changed = FilingApplication.restore(tx(() -> s.applications().lockById(a.id())).orElseThrow());
        changed.codeDrawOf(2, () -> 1_234_567_890, draw -> (application, target) -> "code-hash-c" + draw, List.of());
        changed.recordSmsSent(2, SmsTrigger.INITIAL, T0.plusSeconds(5));
        changed.verify(2, "tail-hash-2", T0.plusSeconds(10), 5);
        changed.verify(1, "tail-hash-1", T0.plusSeconds(11), 5);
        changed.approve(new FilingNumber("津ICP备1号-1"), null, T0.plusSeconds(12));
        run(() -> s.applications().update(changed));

        ApplicationState reread = tx(() -> s.applications().lockById(a.id())).orElseThrow();
        assertThat(ignoringVersion(reread)).isEqualTo(ignoringVersion(changed.state()));
        assertThat(reread.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(reread.targets().get(1).status()).isEqualTo(TargetStatus.VERIFIED);
        assertThat(reread.version()).isGreaterThan(a.version());
    }

    @Test
    void aStaleUpdateIsRefused() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));
        ApplicationState loaded = tx(() -> s.queries().findById(a.id())).orElseThrow();
        FilingApplication first = FilingApplication.restore(loaded);
        first.withdraw(T0.plusSeconds(1));
        run(() -> s.applications().update(first));

        FilingApplication stale = FilingApplication.restore(loaded);
        stale.verify(2, "tail-hash-2", T0.plusSeconds(2), 5);
        assertThatThrownBy(() -> run(() -> s.applications().update(stale))).isInstanceOf(RuntimeException.class);
        ApplicationState reread = tx(() -> s.queries().findById(a.id())).orElseThrow();
        assertThat(reread.status()).isEqualTo(ApplicationStatus.RETURNED);
        assertThat(reread.targets().get(1).status()).isEqualTo(TargetStatus.PENDING);
    }

    @Test
    void severalApplicationsAreUpdatedTogetherEachWithItsChangesAndItsVersionBumped() {
        ApplicationState a = application(P1, "r1", T0);
        ApplicationState b = application(P1, "r2", T0.plusSeconds(1));
        ApplicationState c = application(P2, "r3", T0.plusSeconds(2));
        run(() -> List.of(a, b, c).forEach(this::insert));
        List<FilingApplication> changed = tx(() -> s.applications().lockByIds(List.of(a.id(), b.id(), c.id())))
                .stream().map(FilingApplication::restore).toList();
        changed.get(0).expire(a.facts().deadline());
        changed.get(1).verify(2, "tail-hash-2", T0.plusSeconds(10), 5);
        changed.get(2).withdraw(T0.plusSeconds(11));
        run(() -> s.applications().updateAll(changed));

        for (FilingApplication expected : changed) {
            ApplicationState reread = tx(() -> s.queries().findById(expected.state().id())).orElseThrow();
            assertThat(ignoringVersion(reread)).isEqualTo(ignoringVersion(expected.state()));
            assertThat(reread.version()).isGreaterThan(expected.state().version());
        }
        assertThat(tx(() -> s.queries().findById(b.id())).orElseThrow().targets().get(1).status())
                .isEqualTo(TargetStatus.VERIFIED);
        run(() -> s.applications().updateAll(List.of()));
    }

    @Test
    void updatingSeveralTogetherIsRefusedWhenOneIsStaleAndTheTransactionLeavesNoneChanged() {
        List<ApplicationState> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) { // more than a driver's smallest rewritten batch
            stored.add(application(P1, "r" + i, T0.plusSeconds(i)));
        }
        run(() -> stored.forEach(this::insert));
        List<ApplicationState> loaded = tx(() -> s.applications().lockByIds(stored.stream().map(ApplicationState::id).toList()));
        FilingApplication first = FilingApplication.restore(loaded.get(3));
        first.withdraw(T0.plusSeconds(20));
        run(() -> s.applications().update(first));

        List<FilingApplication> batch = loaded.stream().map(FilingApplication::restore).toList();
        batch.forEach(x -> x.expire(x.state().facts().deadline()));
        assertThatThrownBy(() -> run(() -> s.applications().updateAll(batch)))
                .isInstanceOf(RuntimeException.class);
        ApplicationState withdrawn = tx(() -> s.queries().findById(loaded.get(3).id())).orElseThrow();
        assertThat(withdrawn.progress().returnReason()).isEqualTo(ReturnReason.WITHDRAWN);
        for (int i : new int[] {0, 1, 2, 4}) {
            assertThat(tx(() -> s.queries().findById(loaded.get(i).id())).orElseThrow().status())
                    .isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
        }
    }

    @Test
    void openApplicationsByPhoneAreThosePendingOrReadyBeforeTheirDeadline() {
        ApplicationState pending = application(P1, "r1", T0);
        ApplicationState ready = with(application(P1, "r2", T0.plusSeconds(1)), ApplicationStatus.READY_FOR_REVIEW, null);
        ApplicationState returned = with(application(P1, "r3", T0.plusSeconds(2)), ApplicationStatus.RETURNED,
                ReturnReason.WITHDRAWN);
        ApplicationState old = application(P2, "r4", T0.minus(Duration.ofHours(49)));
        run(() -> List.of(pending, ready, returned, old).forEach(this::insert));

        assertThat(tx(() -> s.applications().lockOpenByPhone(PHONE, T0.plusSeconds(10))))
                .extracting(ApplicationState::id).containsExactly(pending.id(), ready.id());
        assertThat(tx(() -> s.applications().lockOpenByPhone(new PhoneNumber("13700000000"), T0))).isEmpty();
        assertThat(tx(() -> s.applications().lockOpenByPhone(OTHER_PHONE, ready.facts().deadline()))).isEmpty();
    }

    @Test
    void theProvincesOfAPhonesOpenApplicationsAreThoseOfTheApplicationsLockOpenByPhoneLoads() {
        ApplicationState tianjin = application(P1, "r1", T0);
        ApplicationState gansu = inProvince(application(P1, "r2", T0.plusSeconds(1)), "GS");
        ApplicationState returned = inProvince(with(application(P1, "r3", T0.plusSeconds(2)), ApplicationStatus.RETURNED,
                ReturnReason.WITHDRAWN), "HB");
        run(() -> List.of(tianjin, gansu, returned).forEach(this::insert));

        assertThat(tx(() -> s.applications().provincesOpenOnPhone(PHONE, T0.plusSeconds(10))))
                .containsExactlyInAnyOrder(new ProvinceCode("TJ"), new ProvinceCode("GS"));
        assertThat(tx(() -> s.applications().provincesOpenOnPhone(new PhoneNumber("13700000000"), T0))).isEmpty();
        assertThat(tx(() -> s.applications().provincesOpenOnPhone(PHONE, gansu.facts().deadline()))).isEmpty();
    }

    static ApplicationState inProvince(ApplicationState a, String province) {
        ApplicationFacts f = a.facts();
        return new ApplicationState(new ApplicationFacts(f.id(), f.provider(), f.requestId(), f.requestFingerprint(),
                f.type(), new ProvinceCode(province), f.subjectName(), f.subjectChanged(), f.subjectPrincipalPhone(),
                f.submittedAt(), f.deadline(), f.autoResendAt()), a.targets(), a.progress(), a.version());
    }

    @Test
    void anAuditEntryIsListedOnceForTheProvincesThatSeeItInTheOrderRecordedAndForNoOther() {
        ProvinceCode tj = new ProvinceCode("TJ");
        ProvinceCode gs = new ProvinceCode("GS");
        ApplicationId matched = ApplicationId.newId(T0);
        run(() -> {
            // a miss on Gansu's host on a phone with an application open in Tianjin (and one in Gansu)
            s.audit().record(AuditEntry.of(T0, AuditAction.VERIFY, PHONE.value(), "RECORD_NOT_FOUND", "203.0.113.1", gs,
                    null, Set.of(tj, gs)));
            s.audit().record(AuditEntry.of(T0.plusSeconds(1), AuditAction.VERIFY, PHONE.value(), "VERIFIED", "203.0.113.1",
                    tj, matched, Set.of(tj)));
            // a miss on a host naming no province, on a phone with no open application
            s.audit().record(AuditEntry.of(T0.plusSeconds(2), AuditAction.RESEND, OTHER_PHONE.value(), "RECORD_NOT_FOUND",
                    "203.0.113.2", null, null, Set.of()));
        });
        AuditRecords.Scope both = AuditRecords.Scope.visibleToAnyOf(Set.of(tj, gs));

        List<AuditRecords.Stored> all = auditPage(both, null, null, null, null, 0, 10);
        assertThat(all).extracting(x -> x.entry().outcome()).containsExactly("RECORD_NOT_FOUND", "VERIFIED");
        AuditEntry miss = all.get(0).entry();
        assertThat(miss.visibleTo()).containsExactlyInAnyOrder(tj, gs);
        assertThat(miss.province()).isEqualTo(gs);
        assertThat(miss.maskedPhone()).isEqualTo("138****0001");
        assertThat(miss.at()).isEqualTo(T0);
        assertThat(all.get(1).entry().applicationId()).isEqualTo(matched);
        assertThat(all.get(1).position()).isGreaterThan(all.get(0).position());
        // a page at a time, each entry once
        List<AuditRecords.Stored> first = auditPage(both, null, null, null, null, 0, 1);
        List<AuditRecords.Stored> second = auditPage(both, null, null, null, null, first.get(0).position(), 1);
        assertThat(second).extracting(x -> x.entry().outcome()).containsExactly("VERIFIED");
        assertThat(auditPage(both, null, null, null, null, second.get(0).position(), 1)).isEmpty();

        assertThat(auditPage(AuditRecords.Scope.visibleToAnyOf(Set.of(gs)), null, null, null, null, 0, 10))
                .extracting(x -> x.entry().outcome()).containsExactly("RECORD_NOT_FOUND");
        assertThat(auditPage(AuditRecords.Scope.visibleToAnyOf(Set.of(new ProvinceCode("HB"))), null, null, null, null,
                0, 10)).isEmpty();
        assertThat(auditPage(AuditRecords.Scope.visibleToAnyOf(Set.of()), null, null, null, null, 0, 10)).isEmpty();
        assertThat(auditPage(AuditRecords.Scope.nationalView(), null, null, null, null, 0, 10)).hasSize(3);
        List<AuditRecords.Stored> none = auditPage(AuditRecords.Scope.nationalView(), OTHER_PHONE, null, null, null, 0, 10);
        assertThat(none).extracting(x -> x.entry().visibleTo()).containsExactly(Set.of());
        // narrowed by phone, application and time
        assertThat(auditPage(both, PHONE, null, null, null, 0, 10)).hasSize(2);
        assertThat(auditPage(both, OTHER_PHONE, null, null, null, 0, 10)).isEmpty();
        assertThat(auditPage(both, null, matched, null, null, 0, 10)).extracting(x -> x.entry().outcome())
                .containsExactly("VERIFIED");
        assertThat(auditPage(both, null, null, T0.plusSeconds(1), null, 0, 10)).extracting(x -> x.entry().outcome())
                .containsExactly("VERIFIED");
        assertThat(auditPage(both, null, null, null, T0.plusSeconds(1), 0, 10)).extracting(x -> x.entry().outcome())
                .containsExactly("RECORD_NOT_FOUND");
    }

    private List<AuditRecords.Stored> auditPage(AuditRecords.Scope scope, PhoneNumber phone, ApplicationId applicationId,
                                                Instant from, Instant to, long after, int limit) {
        return tx(() -> s.auditRecords().list(scope, phone, applicationId, from, to, after, limit));
    }

    @Test
    void openApplicationsOfSeveralPhonesComeOnceEachInIdOrder() {
        ApplicationState first = application(P1, "r1", T0);
        ApplicationState second = application(P2, "r2", T0.plusSeconds(1));
        ApplicationState returned = with(application(P1, "r3", T0.plusSeconds(2)), ApplicationStatus.RETURNED,
                ReturnReason.WITHDRAWN);
        run(() -> List.of(second, returned, first).forEach(this::insert));

        // each application has a target of both phones: found through either, listed once
        assertThat(tx(() -> s.applications().lockOpenByPhones(List.of(OTHER_PHONE, PHONE), T0.plusSeconds(10))))
                .extracting(ApplicationState::id).containsExactly(first.id(), second.id());
        assertThat(tx(() -> s.applications().lockOpenByPhones(List.of(new PhoneNumber("13700000000"), PHONE),
                T0.plusSeconds(10)))).extracting(ApplicationState::id).containsExactly(first.id(), second.id());
        assertThat(tx(() -> s.applications().lockOpenByPhones(List.of(PHONE), second.facts().deadline()))).isEmpty();
        assertThat(tx(() -> s.applications().lockOpenByPhones(List.of(), T0))).isEmpty();
        assertThat(tx(() -> s.applications().lockOpenByPhones(List.of(PHONE), T0.plusSeconds(10))).get(0))
                .isEqualTo(tx(() -> s.applications().lockOpenByPhone(PHONE, T0.plusSeconds(10))).get(0));
    }

    @Test
    void applicationsAreDueForReturnAtTheirDeadline() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));

        assertThat(tx(() -> s.due().findDueForReturn(a.facts().deadline().minusMillis(1), 10))).isEmpty();
        assertThat(tx(() -> s.due().findDueForReturn(a.facts().deadline(), 10))).containsExactly(a.id());
    }

    @Test
    void applicationsAreDueForTheAutoResendFromItsInstantUntilDoneOrTheDeadline() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));

        assertThat(tx(() -> s.due().findDueForAutoResend(a.facts().autoResendAt().minusMillis(1), 10))).isEmpty();
        assertThat(tx(() -> s.due().findDueForAutoResend(a.facts().autoResendAt(), 10))).containsExactly(a.id());
        assertThat(tx(() -> s.due().findDueForAutoResend(a.facts().deadline(), 10))).isEmpty();
        FilingApplication resent = FilingApplication.restore(tx(() -> s.applications().lockById(a.id())).orElseThrow());
        resent.takeAutoResend(a.facts().autoResendAt());
        run(() -> s.applications().update(resent));
        assertThat(tx(() -> s.due().findDueForAutoResend(a.facts().autoResendAt(), 10))).isEmpty();
    }

    @Test
    void listsAreInIdOrderAfterTheCursorFilteredAndLimited() {
        ApplicationState a = application(P1, "r1", T0);
        ApplicationState b = with(application(P1, "r2", T0.plusSeconds(1)), ApplicationStatus.READY_FOR_REVIEW, null);
        ApplicationState c = application(P1, "r3", T0.plusSeconds(2));
        ApplicationState d = application(P2, "r4", T0.plusSeconds(3));
        run(() -> List.of(c, a, d, b).forEach(this::insert));

        assertThat(tx(() -> s.queries().listByProvider(P1, null, null, 2))).extracting(ApplicationState::id)
                .containsExactly(a.id(), b.id());
        assertThat(tx(() -> s.queries().listByProvider(P1, null, b.id(), 2))).extracting(ApplicationState::id)
                .containsExactly(c.id());
        assertThat(tx(() -> s.queries().listByProvider(P1, ApplicationStatus.READY_FOR_REVIEW, null, 10)))
                .extracting(ApplicationState::id).containsExactly(b.id());
        assertThat(tx(() -> s.queries().listByStatusAndProvinces(ApplicationStatus.PENDING_VERIFICATION,
                List.of(new ProvinceCode("TJ")), a.id(), 10))).extracting(ApplicationState::id)
                .containsExactly(c.id(), d.id());
        assertThat(tx(() -> s.queries().listByStatusAndProvinces(ApplicationStatus.PENDING_VERIFICATION,
                List.of(new ProvinceCode("GS")), null, 10))).isEmpty();
    }

    @Test
    void filedRecordsAreUpsertedAndDeletedByDomain() {
        FiledRecord r = new FiledRecord(DomainName.of("a.cn"), new FilingNumber("津ICP备1号-1"), new ProvinceCode("TJ"),
                P1, null, PHONE);
        run(() -> s.filedRecords().upsert(r));
        FiledRecord moved = new FiledRecord(r.domain(), r.filingNumber(), r.province(), P2, OTHER_PHONE, OTHER_PHONE);
        run(() -> s.filedRecords().upsert(moved));

        assertThat(tx(() -> s.filedRecords().find(DomainName.of("a.cn")))).contains(moved);
        run(() -> s.filedRecords().delete(DomainName.of("a.cn")));
        assertThat(tx(() -> s.filedRecords().find(DomainName.of("a.cn")))).isEmpty();
    }

    @Test
    void eachProviderHasItsOwnIncreasingSequence() {
        ApplicationId id = ApplicationId.newId(T0);
        run(() -> s.events().append(List.of(
                new DomainEvent(P1, EventType.APPLICATION_SUBMITTED, id, null, null, null, T0),
                new DomainEvent(P2, EventType.APPLICATION_SUBMITTED, id, null, null, null, T0),
                new DomainEvent(P1, EventType.SMS_SENT, id, "138****0001", SmsTrigger.INITIAL, null, T0.plusSeconds(1)))));
        run(() -> s.events().append(List.of(new DomainEvent(P1, EventType.RETURNED, id, null, null, "WITHDRAWN",
                T0.plusSeconds(2)))));

        List<RecordedEvent> p1 = readEvents(P1, 0, 10);
        assertThat(p1).extracting(e -> e.event().type())
                .containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT, EventType.RETURNED);
        assertThat(p1).extracting(RecordedEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(p1.get(1).event()).isEqualTo(new DomainEvent(P1, EventType.SMS_SENT, id, "138****0001",
                SmsTrigger.INITIAL, null, T0.plusSeconds(1)));
        assertThat(readEvents(P1, p1.get(0).sequence(), 1)).containsExactly(p1.get(1));
        assertThat(readEvents(P2, 0, 10)).hasSize(1);
    }

    @Test
    void manyEventsAppendedAtOnceKeepTheirOrderInEachProvidersStream() {
        List<DomainEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 1203; i++) { // more than one multi-row insert's worth
            ProviderId provider = i % 3 == 0 ? P2 : P1;
            events.add(new DomainEvent(provider, EventType.RETURNED, ApplicationId.newId(T0.plusSeconds(i)), null, null,
                    "VERIFICATION_TIMEOUT", T0.plusSeconds(i)));
        }
        run(() -> s.events().append(events));

        for (ProviderId provider : List.of(P1, P2)) {
            List<RecordedEvent> stream = readEvents(provider, 0, 2000);
            assertThat(stream).extracting(RecordedEvent::event)
                    .containsExactlyElementsOf(events.stream().filter(e -> e.provider().equals(provider)).toList());
            assertThat(stream).extracting(RecordedEvent::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(stream.get(stream.size() - 1).sequence() - stream.get(0).sequence()).as("no gap")
                    .isEqualTo(stream.size() - 1);
        }
    }

    @Test
    void queuedSmsIsClaimedOnceUntilItsLeaseRunsOut() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));
        OutboundSms sms = OutboundSms.queued("sms-1", P1, a.id(), 1, PHONE, new VerificationCode("123456"), SmsTrigger.INITIAL, T0);
        run(() -> s.outbox().enqueue(sms));

        List<OutboundSms> first = tx(() -> s.outbox().claimDue(T0, T0.plusSeconds(30), 10));
        assertThat(first).extracting(OutboundSms::id).containsExactly("sms-1");
        assertThat(first.get(0).code()).isEqualTo(new VerificationCode("123456"));
        assertThat(tx(() -> s.outbox().claimDue(T0.plusSeconds(29), T0.plusSeconds(59), 10))).isEmpty();
        assertThat(tx(() -> s.outbox().claimDue(T0.plusSeconds(30), T0.plusSeconds(60), 10))).hasSize(1);
    }

    @Test
    void anSmsRetriedLaterIsNotDueBeforeThenAndASentOneNeverAgain() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));
        OutboundSms sms = OutboundSms.queued("sms-1", P1, a.id(), 2, OTHER_PHONE, new VerificationCode("654321"), SmsTrigger.MANUAL_RESEND, T0);
        run(() -> s.outbox().enqueue(sms));
        run(() -> s.outbox().update(sms.retryAt(T0.plusSeconds(60), "network")));

        assertThat(tx(() -> s.outbox().claimDue(T0.plusSeconds(59), T0.plusSeconds(90), 10))).isEmpty();
        OutboundSms again = tx(() -> s.outbox().claimDue(T0.plusSeconds(60), T0.plusSeconds(90), 10)).get(0);
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.lastError()).isEqualTo("network");
        run(() -> s.outbox().update(again.sent("carrier-ref-1")));

        assertThat(tx(() -> s.outbox().claimDue(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), 10))).isEmpty();
        OutboundSms sent = tx(() -> s.outbox().find("sms-1")).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
        assertThat(sent.code()).isNull();
        assertThat(sent.phone()).isEqualTo(OTHER_PHONE);
        assertThat(sent.trigger()).isEqualTo(SmsTrigger.MANUAL_RESEND);
        assertThat(sent.carrierReference()).isEqualTo("carrier-ref-1");

        OutboundSms byReference = tx(() -> s.outbox().lockByCarrierReference("carrier-ref-1")).orElseThrow();
        run(() -> s.outbox().update(byReference.delivered(OutboundSms.Delivery.UNDELIVERED)));
        assertThat(tx(() -> s.outbox().find("sms-1")).orElseThrow().delivery()).isEqualTo(OutboundSms.Delivery.UNDELIVERED);
        assertThat(tx(() -> s.outbox().lockByCarrierReference("no-such-ref"))).isEmpty();
    }

    @Test
    void severalSmsAreReadAndUpdatedAtOnceAndAMissingOneFailsTheUpdate() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));
        OutboundSms one = OutboundSms.queued("sms-1", P1, a.id(), 1, PHONE, new VerificationCode("123456"), SmsTrigger.INITIAL, T0);
        OutboundSms two = OutboundSms.queued("sms-2", P1, a.id(), 2, OTHER_PHONE, new VerificationCode("654321"), SmsTrigger.INITIAL, T0);
        run(() -> {
            s.outbox().enqueue(one);
            s.outbox().enqueue(two);
        });

        assertThat(tx(() -> s.outbox().findAll(List.of("sms-2", "no-such", "sms-1")))).extracting(OutboundSms::id)
                .containsExactlyInAnyOrder("sms-1", "sms-2");
        run(() -> s.outbox().updateAll(List.of(one.sent("ref-1"), two.retryAt(T0.plusSeconds(60), "network"))));

        OutboundSms sent = tx(() -> s.outbox().find("sms-1")).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
        assertThat(sent.code()).isNull();
        assertThat(sent.phone()).isEqualTo(PHONE);
        assertThat(sent.carrierReference()).isEqualTo("ref-1");
        OutboundSms retried = tx(() -> s.outbox().find("sms-2")).orElseThrow();
        assertThat(retried).isEqualTo(two.retryAt(T0.plusSeconds(60), "network"));

        OutboundSms ghost = OutboundSms.queued("sms-3", P1, a.id(), 1, PHONE, new VerificationCode("111111"), SmsTrigger.INITIAL, T0);
        assertThatThrownBy(() -> run(() -> s.outbox().updateAll(List.of(two.failed("gave up"), ghost.failed("gave up")))))
                .isInstanceOf(RuntimeException.class);
        assertThat(tx(() -> s.outbox().find("sms-2")).orElseThrow().status()).isEqualTo(OutboundSms.OutboxStatus.QUEUED);
    }

    @Test
    void severalSmsQueuedAtOnceReadBackAsQueued() {
        ApplicationState a = application(P1, "r1", T0);
        run(() -> insert(a));
        OutboundSms one = OutboundSms.queued("sms-1", P1, a.id(), 1, PHONE, new VerificationCode("123456"), SmsTrigger.INITIAL, T0);
        OutboundSms two = OutboundSms.queued("sms-2", P1, a.id(), 2, OTHER_PHONE, new VerificationCode("654321"),
                SmsTrigger.MANUAL_RESEND, T0.plusSeconds(1));
        run(() -> {
            s.outbox().enqueueAll(List.of(one, two));
            s.outbox().enqueueAll(List.of());
        });

        assertThat(tx(() -> s.outbox().find("sms-1"))).contains(one);
        assertThat(tx(() -> s.outbox().find("sms-2"))).contains(two);
        assertThat(tx(() -> s.outbox().claimDue(T0.plusSeconds(1), T0.plusSeconds(30), 10))).extracting(OutboundSms::id)
                .containsExactlyInAnyOrder("sms-1", "sms-2");
    }

    @Test
    void theSmsStillQueuedOfSomeApplicationsAreReadWithTheirTargetAndWhenEachIsDue() {
        ApplicationState a = application(P1, "r1", T0);
        ApplicationState b = application(P2, "r2", T0);
        ApplicationState c = application(P1, "r3", T0);
        run(() -> {
            insert(a);
            insert(b);
            insert(c);
        });
        OutboundSms due = OutboundSms.queued("sms-1", P1, a.id(), 1, PHONE, new VerificationCode("123456"), SmsTrigger.INITIAL, T0);
        OutboundSms held = OutboundSms.queued("sms-2", P1, a.id(), 2, OTHER_PHONE, new VerificationCode("654321"),
                SmsTrigger.AUTO_RESEND, T0).heldBack(T0.plusSeconds(60), "phone ceiling: 1 SMS a minute");
        OutboundSms sent = OutboundSms.queued("sms-3", P1, a.id(), 1, PHONE, new VerificationCode("111111"),
                SmsTrigger.MANUAL_RESEND, T0).sent("ref-3");
        OutboundSms cancelled = OutboundSms.queued("sms-4", P1, a.id(), 1, PHONE, new VerificationCode("222222"),
                SmsTrigger.MANUAL_RESEND, T0).cancelled();
        OutboundSms ofB = OutboundSms.queued("sms-5", P2, b.id(), 1, PHONE, new VerificationCode("333333"),
                SmsTrigger.INITIAL, T0.plusSeconds(5)).leased(T0.plusSeconds(35));
        OutboundSms ofC = OutboundSms.queued("sms-6", P1, c.id(), 1, PHONE, new VerificationCode("444444"), SmsTrigger.INITIAL, T0);
        run(() -> s.outbox().enqueueAll(List.of(due, held, sent, cancelled, ofB, ofC)));

        assertThat(tx(() -> s.outbox().queuedOf(List.of(a.id(), b.id())))).containsExactlyInAnyOrder(
                new SmsOutbox.Queued(a.id(), 1, T0), new SmsOutbox.Queued(a.id(), 2, T0.plusSeconds(60)),
                new SmsOutbox.Queued(b.id(), 1, T0.plusSeconds(5)));
        assertThat(tx(() -> s.outbox().queuedOf(List.of()))).isEmpty();
    }

    @Test
    void holdingSeveralPhonesCreatesMissingThrottlesAndKeepsStoredOnes() {
        PhoneThrottle stored = new PhoneThrottle(PHONE, List.of(T0, T0.plusSeconds(5)), null);
        run(() -> s.throttles().save(stored));

        run(() -> s.throttles().holdAll(List.of(PHONE, OTHER_PHONE)));
        run(() -> s.throttles().holdAll(List.of(PHONE, OTHER_PHONE)));
        run(() -> s.throttles().holdAll(List.of()));

        assertThat(tx(() -> s.throttles().lock(PHONE))).isEqualTo(stored);
        assertThat(tx(() -> s.throttles().lock(OTHER_PHONE))).isEqualTo(PhoneThrottle.none(OTHER_PHONE));
    }

    @Test
    void aPhoneThrottleReadsBackAsSaved() {
        assertThat(tx(() -> s.throttles().lock(PHONE))).isEqualTo(PhoneThrottle.none(PHONE));
        PhoneThrottle t = new PhoneThrottle(PHONE, List.of(T0, T0.plusSeconds(5)), null);
        run(() -> s.throttles().save(t));
        PhoneThrottle locked = new PhoneThrottle(PHONE, List.of(), T0.plus(Duration.ofHours(1)));
        run(() -> s.throttles().save(locked));
        run(() -> s.throttles().save(t));

        assertThat(tx(() -> s.throttles().lock(PHONE))).isEqualTo(t);
        assertThat(tx(() -> s.throttles().lock(OTHER_PHONE))).isEqualTo(PhoneThrottle.none(OTHER_PHONE));
    }

    @Test
    void aCaptchaIsMarkedUsedOnceAndExpiredMarksArePurged() {
        assertThat(tx(() -> s.captchas().markUsed("c1", T0.plusSeconds(300)))).isTrue();
        assertThat(tx(() -> s.captchas().markUsed("c2", T0.plusSeconds(10)))).isTrue();

        assertThat(tx(() -> s.captchas().markUsed("c1", T0.plusSeconds(300)))).isFalse();
        assertThat(tx(() -> s.captchas().purgeExpired(T0.plusSeconds(11)))).isEqualTo(1);
        assertThat(tx(() -> s.captchas().markUsed("c1", T0.plusSeconds(300)))).isFalse();
        assertThat(tx(() -> s.captchas().markUsed("c2", T0.plusSeconds(10)))).isTrue(); // its mark was purged
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        ApplicationState a = application(P1, "r1", T0);
        assertThatThrownBy(() -> run(() -> {
            insert(a);
            s.events().append(List.of(new DomainEvent(P1, EventType.APPLICATION_SUBMITTED, a.id(), null, null, null, T0)));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(tx(() -> s.queries().findById(a.id()))).isEmpty();
        assertThat(readEvents(P1, 0, 10)).isEmpty();
    }

    @Test
    void instantsKeepMicrosecondPrecisionAtLeast() {
        Instant precise = T0.plusNanos(123_456_000);
        ApplicationState a = application(P1, "r1", precise);
        run(() -> insert(a));

        assertThat(tx(() -> s.queries().findById(a.id())).orElseThrow().facts().submittedAt())
                .isEqualTo(precise.truncatedTo(ChronoUnit.MICROS));
    }

}
