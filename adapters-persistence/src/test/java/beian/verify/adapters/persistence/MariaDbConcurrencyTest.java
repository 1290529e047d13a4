package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.ClientNetwork;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.TargetStatus;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.People;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md's "counts stay exact under concurrent requests", on a real MariaDB with the core's real
 * services: many threads at once, each request in its own transaction on its own connection.
 */
class MariaDbConcurrencyTest {
    static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
    static final int THREADS = 20;
    static PersistenceContext db;
    RealCore core;

    @BeforeAll
    static void start() {
        db = PersistenceContext.mariaDb("concurrency");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void fresh() {
        db.clear();
        core = new RealCore(db, NOW);
    }

    private ApplicationState stored(ApplicationId id) {
        return core.storage.tx().inTransaction(() -> core.storage.queries().findById(id)).orElseThrow();
    }

    private List<RecordedEvent> events() {
        db.bean(EventSequencer.class).sequenceCommitted();
        return core.storage.tx().inTransaction(() -> core.storage.events().readAfter(RealCore.PROVIDER, 0, 100_000));
    }

    private static Map<String, Long> tally(List<VerifyCodeResult> results) {
        return results.stream().collect(Collectors.groupingBy(
                r -> r instanceof VerifyCodeResult.Refused f ? f.code().name() : "VERIFIED", Collectors.counting()));
    }

    @Test
    void twentyConcurrentWrongIdEntriesOnOneTargetCountExactlyFiveFailuresAndReturnOnce() throws Exception {
        String id = People.residentId(7);
        Submission s = core.submitOk(RealCore.newWebsite("wrong-id", "wrong-id.cn", People.person("王五", "13700000007", id)));
        core.dispatch();
        String code = core.carrier.lastCodeTo("13700000007");

        List<VerifyCodeResult> results = Concurrently.run(THREADS, () -> core.verify("13700000007", "99999X", code));

        ApplicationState after = stored(new ApplicationId(s.application().applicationId()));
        assertThat(after.targets().get(0).idFailures()).isEqualTo(5);
        assertThat(after.targets().get(0).status()).isEqualTo(TargetStatus.FAILED);
        assertThat(after.status()).isEqualTo(ApplicationStatus.RETURNED);
        assertThat(events()).extracting(e -> e.event().type()).filteredOn(t -> t == EventType.RETURNED).hasSize(1);
        assertThat(tally(results)).containsEntry(ErrorCode.VERIFICATION_FAILED.name(), 1L)
                .doesNotContainKey("VERIFIED");
    }

    @Test
    void oneCodeVerifiedTwiceAtOnceGivesOneTargetVerifiedEvent() throws Exception {
        String id = People.residentId(8);
        Submission s = core.submitOk(RealCore.newWebsite("twice", "twice.cn", People.person("赵六", "13700000008", id)));
        core.dispatch();
        String code = core.carrier.lastCodeTo("13700000008");

        List<VerifyCodeResult> results = Concurrently.run(THREADS, () -> core.verify("13700000008", People.tail(id), code));

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(VerifyCodeResult.Verified.class));
        assertThat(events()).extracting(e -> e.event().type()).filteredOn(t -> t == EventType.TARGET_VERIFIED).hasSize(1);
        assertThat(events()).extracting(e -> e.event().type()).filteredOn(t -> t == EventType.READY_FOR_REVIEW).hasSize(1);
        assertThat(stored(new ApplicationId(s.application().applicationId())).status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
    }

    @Test
    void theSameSubmissionManyTimesAtOnceGivesOneApplicationAndOneSms() throws Exception {
        SubmitApplicationCommand command = RealCore.newWebsite("same", "same.cn",
                People.person("孙七", "13700000009", People.residentId(9)));

        List<Outcome<Submission>> outcomes = Concurrently.run(THREADS, () -> core.submission.submit(command));

        Set<String> ids = new HashSet<>();
        for (Outcome<Submission> o : outcomes) {
            assertThat(o).isInstanceOf(Outcome.Ok.class);
            ids.add(((Outcome.Ok<Submission>) o).value().application().applicationId());
        }
        assertThat(ids).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !((Outcome.Ok<Submission>) o).value().replayed()).hasSize(1);
        assertThat(events()).extracting(e -> e.event().type())
                .filteredOn(t -> t == EventType.APPLICATION_SUBMITTED).hasSize(1);
        core.dispatch();
        assertThat(core.carrier.callsTo("13700000009")).hasSize(1);
        assertThat(core.storage.tx().inTransaction(() -> core.storage.queries()
                .listByProvider(RealCore.PROVIDER, null, null, 100))).hasSize(1);
    }

    @Test
    void concurrentSubmissionsForOnePhoneNeverGiveTwoOpenTargetsTheSameCode() throws Exception {
        for (int i = 0; i < THREADS; i++) {
            core.codes.then("111111");
        }
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

        Concurrently.run(THREADS, () -> {
            int i = n.incrementAndGet();
            return core.submitOk(RealCore.newWebsite("same-phone-" + i, "same-phone-" + i + ".cn",
                    People.person("周八", "13700000011", People.residentId(100 + i))));
        });
        core.dispatch();

        List<String> codes = core.carrier.callsTo("13700000011").stream().map(c -> c.code()).toList();
        assertThat(codes).hasSize(THREADS).doesNotHaveDuplicates().contains("111111");
    }

    @Test
    void twentyConcurrentWrongCodesFromOneNetworkCountExactlyTheTenMissesThatLockItOut() throws Exception {
        List<VerifyCodeResult> results = Concurrently.run(THREADS, () -> core.verify("13700000010", "123456", "000000"));

        assertThat(tally(results)).isEqualTo(Map.of(ErrorCode.RECORD_NOT_FOUND.name(), 10L,
                ErrorCode.TOO_MANY_ATTEMPTS.name(), 10L));
        PhoneNumber phone = new PhoneNumber("13700000010");
        assertThat(core.storage.tx().inTransaction(() -> core.storage.throttles().network(phone,
                ClientNetwork.of(RealCore.ADDRESS))).isLocked(NOW)).isTrue();
        assertThat(core.storage.tx().inTransaction(() -> core.storage.throttles().lock(phone)).isLocked(NOW)).isFalse();
    }

    @Test
    void concurrentWrongCodesFromManyNetworksCountExactlyTheHundredMissesThatLockThePhoneAndTellOnce()
            throws Exception {
        core.submitOk(RealCore.newWebsite("throttled", "throttled.cn", People.person("赵六", "13700000012",
                People.residentId(12))));
        core.dispatch();
        AtomicInteger networks = new AtomicInteger();

        List<List<VerifyCodeResult>> results = Concurrently.run(THREADS, () -> {
            String address = "10.9.0." + networks.incrementAndGet(); // 20 networks, 7 misses each: 140 in all
            List<VerifyCodeResult> own = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                own.add(core.verifyFrom(address, "13700000012", "123456", "000000"));
            }
            return own;
        });

        assertThat(tally(results.stream().flatMap(List::stream).toList())).isEqualTo(Map.of(
                ErrorCode.RECORD_NOT_FOUND.name(), 100L, ErrorCode.TOO_MANY_ATTEMPTS.name(), 40L));
        assertThat(events()).extracting(e -> e.event().type())
                .filteredOn(t -> t == EventType.VERIFICATION_THROTTLED).hasSize(1);
    }

    /**
     * DOMAIN.md "Manual resend" (2026-12-07): 您的短信已发送成功 only for an SMS that goes out now. Three people
     * share each of six phones (a family's phone), each with an application of their own, so no per-target
     * limit stands in the way; all eighteen ask for a resend at once. Each phone's ceiling (1 SMS a minute) lets
     * exactly one go: the phone's throttle row (then its open applications) is locked before the ceiling is
     * counted, so the later resends of a phone see the earlier one's queued SMS and answer the wait.
     */
    @Test
    void concurrentResendsOfPeopleSharingAPhoneAreSentOncePerPhoneAndTheOthersAreToldTheWait() throws Exception {
        RealCore capped = new RealCore(db, NOW, beian.verify.core.domain.SmsCeilings.defaults());
        int phones = 6;
        int peoplePerPhone = 3; // three first SMS and one resend: within 5 an hour, so only the minute holds back
        List<String[]> askers = new ArrayList<>();
        for (int person = 0; person < peoplePerPhone; person++) {
            for (int p = 0; p < phones; p++) {
                String phone = "1370000100" + p;
                String id = People.residentId(600 + p * 10 + person);
                capped.submitOk(RealCore.newWebsite("share-" + p + "-" + person, "share" + p + "-" + person + ".cn",
                        People.person("家人" + person, phone, id)));
                askers.add(new String[] {phone, People.tail(id)});
            }
            capped.dispatch(); // each phone's first SMS of this round goes: a minute since its last
            capped.clock.advance(Duration.ofSeconds(61));
        }
        capped.clock.advance(Duration.ofMinutes(2));
        assertThat(capped.carrier.calls()).hasSize(phones * peoplePerPhone);
        AtomicInteger next = new AtomicInteger();

        List<Object[]> results = Concurrently.run(askers.size(), () -> {
            String[] asker = askers.get(next.getAndIncrement());
            return new Object[] {asker[0], capped.resendWithoutDispatch(asker[0], asker[1])};
        });

        Map<String, List<ResendSmsResult>> byPhone = results.stream().collect(Collectors.groupingBy(
                r -> (String) r[0], Collectors.mapping(r -> (ResendSmsResult) r[1], Collectors.toList())));
        assertThat(byPhone).hasSize(phones);
        byPhone.forEach((phone, answers) -> {
            assertThat(answers).as(phone).filteredOn(a -> a instanceof ResendSmsResult.Sent).hasSize(1);
            assertThat(answers).as(phone).filteredOn(a -> a instanceof ResendSmsResult.Refused)
                    .containsOnly(ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT, Duration.ofMinutes(1)))
                    .hasSize(peoplePerPhone - 1);
        });
        capped.dispatch();
        assertThat(capped.carrier.calls()).as("every accepted resend at the carrier at once")
                .hasSize(phones * peoplePerPhone + phones);
        assertThat(events()).extracting(e -> e.event().type()).doesNotContain(EventType.SMS_HELD_BACK);
    }

    @Test
    void dispatchersClaimingQueuedSmsAtOnceNeverClaimTheSameOne() throws Exception {
        ApplicationId app = ApplicationId.newId(NOW);
        int messages = 300;
        core.storage.tx().inTransaction(() -> {
            for (int i = 0; i < messages; i++) {
                core.storage.outbox().enqueue(OutboundSms.queued("sms-" + i, RealCore.PROVIDER, app, 1,
                        new PhoneNumber("13700000011"), new VerificationCode("123456"), SmsTrigger.INITIAL, NOW.minusSeconds(i)));
            }
            return null;
        });
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger emptyClaimsWhileOthersHeld = new AtomicInteger();

        Concurrently.run(4, () -> {
            while (true) {
                List<OutboundSms> batch = core.storage.tx().inTransaction(() -> {
                    List<OutboundSms> got = core.storage.outbox().claimDue(NOW, NOW.plusSeconds(30), 7);
                    pause(); // hold the row locks a while, so the other dispatchers meet them
                    return got;
                });
                if (batch.isEmpty()) {
                    if (claimed.size() >= messages) {
                        return null;
                    }
                    emptyClaimsWhileOthersHeld.incrementAndGet();
                    continue;
                }
                batch.forEach(m -> claimed.add(m.id()));
            }
        });

        assertThat(claimed).hasSize(messages).doesNotHaveDuplicates();
    }

    @Test
    void aReaderThatHasSeenSequenceNNeverLaterFindsASmallerOneWithConcurrentWriters() throws Exception {
        ProviderId provider = RealCore.PROVIDER;
        ApplicationId app = ApplicationId.newId(NOW);
        int writers = 8;
        int appendsPerWriter = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writersLeft = new AtomicInteger(writers);
        List<Long> seenByReader = Collections.synchronizedList(new ArrayList<>());
        List<String> violations = Collections.synchronizedList(new ArrayList<>());

        AtomicInteger roles = new AtomicInteger();
        Concurrently.run(writers + 1, () -> {
            if (roles.getAndIncrement() == 0) {
                // the reader: polls from the last sequence it has seen, as a provider does
                long last = 0;
                while (true) {
                    boolean done = !writing.get();
                    if (done) {
                        db.bean(EventSequencer.class).sequenceCommitted(); // what the background pass has not stamped yet
                    }
                    long from = last;
                    List<RecordedEvent> page = core.storage.tx().inTransaction(
                            () -> core.storage.events().readAfter(provider, from, 50));
                    for (RecordedEvent e : page) {
                        if (e.sequence() != last + 1) {
                            violations.add("after " + last + " the reader got " + e.sequence());
                        }
                        last = e.sequence();
                        seenByReader.add(e.sequence());
                    }
                    if (done && page.isEmpty()) {
                        return null;
                    }
                }
            }
            try {
                write(provider, app, appendsPerWriter);
            } finally {
                if (writersLeft.decrementAndGet() == 0) {
                    writing.set(false); // also when a writer failed: the reader must stop, the test then fails
                }
            }
            return null;
        });

        List<Long> all = events().stream().map(RecordedEvent::sequence).toList();
        assertThat(violations).isEmpty();
        assertThat(seenByReader).isEqualTo(all);
        assertThat(all).hasSizeGreaterThanOrEqualTo(writers * appendsPerWriter)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
    }

    @Test
    void manyConcurrentSubmissionsOfOneProviderGetGapFreeSequencesThatAReaderSeesOnlyIncreasing() throws Exception {
        int submitters = 16;
        int perSubmitter = 15;
        AtomicBoolean submitting = new AtomicBoolean(true);
        AtomicInteger submittersLeft = new AtomicInteger(submitters);
        AtomicInteger next = new AtomicInteger();
        List<Long> seenByReader = Collections.synchronizedList(new ArrayList<>());
        List<String> violations = Collections.synchronizedList(new ArrayList<>());

        AtomicInteger roles = new AtomicInteger();
        Concurrently.run(submitters + 1, () -> {
            if (roles.getAndIncrement() == 0) {
                long last = 0;
                while (true) {
                    boolean done = !submitting.get();
                    if (done) {
                        db.bean(EventSequencer.class).sequenceCommitted();
                    }
                    long from = last;
                    List<RecordedEvent> page = core.storage.tx().inTransaction(
                            () -> core.storage.events().readAfter(RealCore.PROVIDER, from, 50));
                    for (RecordedEvent e : page) {
                        if (e.sequence() != last + 1) {
                            violations.add("after " + last + " the reader got " + e.sequence());
                        }
                        last = e.sequence();
                        seenByReader.add(e.sequence());
                    }
                    if (done && page.isEmpty()) {
                        return null;
                    }
                }
            }
            try {
                for (int i = 0; i < perSubmitter; i++) {
                    int n = next.incrementAndGet();
                    core.submitOk(RealCore.newWebsite("one-provider-" + n, "one-provider-" + n + ".cn",
                            People.person("钱九", String.format("136%08d", n), People.residentId(n))));
                }
            } finally {
                if (submittersLeft.decrementAndGet() == 0) {
                    submitting.set(false);
                }
            }
            return null;
        });

        List<RecordedEvent> all = events();
        assertThat(violations).isEmpty();
        assertThat(seenByReader).isEqualTo(all.stream().map(RecordedEvent::sequence).toList());
        assertThat(all).extracting(RecordedEvent::sequence)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
        assertThat(all).extracting(e -> e.event().type()).filteredOn(t -> t == EventType.APPLICATION_SUBMITTED)
                .hasSize(submitters * perSubmitter);
    }

    /** Appends 1-3 events per transaction, committing a moment after taking the sequences. */
    private void write(ProviderId provider, ApplicationId app, int appends) {
        for (int i = 0; i < appends; i++) {
            int count = 1 + ThreadLocalRandom.current().nextInt(3);
            core.storage.tx().inTransaction(() -> {
                List<DomainEvent> batch = new ArrayList<>();
                for (int k = 0; k < count; k++) {
                    batch.add(new DomainEvent(provider, EventType.SMS_SENT, app, "137****0012", SmsTrigger.INITIAL,
                            null, NOW));
                }
                core.storage.events().append(batch);
                pause(); // commit late, as a slow use case does: the window where out-of-order commits appear
                return null;
            });
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
