package beian.verify.core.service;

import beian.verify.core.domain.ApplicationFacts;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.Province;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.domain.Verifier;
import beian.verify.core.domain.Website;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.RetryAfter;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.DuplicateRequestException;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.RequestCounters;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An access provider submits a filing application: validated, checked against the filed records
 * for a transfer, given its targets by the policy table and a first code per target, and stored
 * with its SMS and events in one transaction. Idempotent per (provider, request id).
 */
public final class SubmitApplicationService implements SubmitApplicationUseCase {
    /**
     * TRANSFER_IN submissions whose principal phone differs from the filed record, per provider per
     * clock hour: each tests a phone against a filed domain, so past this many the provider's
     * TRANSFER_IN submissions are refused (TOO_MANY_ATTEMPTS) until the hour ends. Each is audited.
     */
    public static final int TRANSFER_MISMATCHES_PER_HOUR = 10;
    private static final Duration MISMATCH_WINDOW = Duration.ofHours(1);

    private final ProvinceCatalog provinces;
    private final VerificationPolicy policy;
    private final VerificationSettings settings;
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final ApplicationRepository applications;
    private final FiledRecordRepository filedRecords;
    private final PhoneThrottleRepository throttles;
    private final SmsOutbox outbox;
    private final EventStore events;
    private final DispatchSignal dispatchSignal;
    private final AuditTrail audit;
    private final RequestCounters counters;
    private final Secrets secrets;
    private final CodeIssuer codeIssuer;

    public SubmitApplicationService(ProvinceCatalog provinces, VerificationPolicy policy,
                                    VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                                    ApplicationRepository applications, FiledRecordRepository filedRecords,
                                    PhoneThrottleRepository throttles, SmsOutbox outbox, EventStore events,
                                    KeyedHasher hasher, CodeGenerator codes, RandomSource random,
                                    DispatchSignal dispatchSignal, AuditTrail audit, RequestCounters counters) {
        this.provinces = provinces;
        this.policy = policy;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.applications = applications;
        this.filedRecords = filedRecords;
        this.throttles = throttles;
        this.outbox = outbox;
        this.events = events;
        this.dispatchSignal = dispatchSignal;
        this.audit = audit;
        this.counters = counters;
        this.secrets = new Secrets(hasher);
        this.codeIssuer = new CodeIssuer(codes, secrets, random);
    }

    @Override
    public Outcome<Submission> submit(SubmitApplicationCommand command) {
        SubmissionDraft draft;
        try {
            draft = SubmissionDraft.parse(command);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        Optional<Province> province = provinces.find(draft.province());
        if (province.isEmpty()) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, FieldPath.of(InputField.PROVINCE),
                    draft.province() + " is not served"));
        }
        String fingerprint = secrets.fingerprint(draft.canonical());
        Outcome<Submission> outcome;
        try {
            outcome = transactions.inTransaction(() -> submit(command, draft, province.get(), fingerprint));
        } catch (DuplicateRequestException e) {
            // A concurrent submission of the same request committed first: a second, deliberate
            // transaction reads it and answers as a replay.
            outcome = transactions.inTransaction(() -> replay(
                    applications.findByRequest(command.provider(), draft.requestId()).orElseThrow(), fingerprint, draft));
        }
        if (outcome instanceof Outcome.Ok<Submission> ok && !ok.value().replayed()
                && !ok.value().application().targets().isEmpty()) {
            dispatchSignal.messagesQueued(); // after commit, so the dispatcher finds them
        }
        return outcome;
    }

    private Outcome<Submission> submit(SubmitApplicationCommand command, SubmissionDraft draft, Province province,
                                       String fingerprint) {
        Optional<ApplicationState> existing = applications.findByRequest(command.provider(), draft.requestId());
        if (existing.isPresent()) {
            return replay(existing.get(), fingerprint, draft);
        }
        Instant now = clock.now();
        if (draft.type() == FilingType.TRANSFER_IN) {
            Optional<Failure> refused = checkTransfer(command, draft, now);
            if (refused.isPresent()) {
                return Outcome.failed(refused.get());
            }
        }
        ApplicationId id = ApplicationId.newId(now);
        Instant deadline = now.plus(settings.deadline());
        List<Verifier> verifiers = province.requiresVerificationAt(now)
                ? policy.verifiersFor(draft.type(), draft.subject(), draft.websitePrincipals(), draft.subjectChanged())
                : List.of();
        List<VerificationTarget> targets = new ArrayList<>();
        for (Verifier verifier : verifiers) {
            int number = targets.size() + 1;
            targets.add(VerificationTarget.fresh(number, verifier.roles(), verifier.person().phone(),
                    verifier.person().id().type(), secrets.idTail(id, number, verifier.person().id().tail())));
        }
        FilingApplication application = FilingApplication.submit(new ApplicationFacts(id, command.provider(),
                draft.requestId(), fingerprint, draft.type(), draft.province(), draft.subjectName(),
                draft.subjectChanged(), draft.subject() == null ? null : draft.subject().phone(), now, deadline,
                FilingApplication.autoResendAt(now, deadline, settings)), targets);
        List<PhoneNumber> phones = targets.stream().map(VerificationTarget::phone).distinct().toList();
        PhoneLocks.lock(throttles, phones);
        // the open applications of every target's phone, once: the issuer looks only at those of the target's phone
        List<FilingApplication> samePhones = applications.lockOpenByPhones(phones, now).stream()
                .map(FilingApplication::restore).toList();
        List<OutboundSms> messages = new ArrayList<>();
        for (VerificationTarget target : targets) {
            messages.add(codeIssuer.issue(application, target.number(), SmsTrigger.INITIAL, samePhones, now));
        }
        applications.insert(application, draft.websites().stream()
                .map(w -> new Website(w.domain(), w.principal().phone())).toList());
        outbox.enqueueAll(messages);
        events.append(application.pullEvents());
        return Outcome.ok(new Submission(Views.of(application.state()), false));
    }

    /**
     * The same request again: answered with the application it made. A fingerprint stored before
     * fingerprints left out full ID numbers is recognised by the legacy form, computed from this
     * request and compared only (docs/decisions.md).
     */
    private Outcome<Submission> replay(ApplicationState existing, String fingerprint, SubmissionDraft draft) {
        String stored = existing.facts().requestFingerprint();
        if (!stored.equals(fingerprint) && !stored.equals(secrets.fingerprint(draft.legacyCanonical()))) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, FieldPath.of(InputField.REQUEST_ID),
                    "was already used for a different submission (application " + existing.id() + ")"));
        }
        return Outcome.ok(new Submission(Views.of(existing), true));
    }

    /**
     * The filed records must exist and name the same principal phone. A provider past its mismatches
     * of the hour learns nothing more: every TRANSFER_IN is refused before any record is read. A
     * mismatch is counted (in the store every instance shares) and audited, filed under the
     * submission's province with the phone tried and the provider.
     */
    private Optional<Failure> checkTransfer(SubmitApplicationCommand command, SubmissionDraft draft, Instant now) {
        String key = "transfer-mismatch|" + command.provider().value();
        Instant window = now.truncatedTo(ChronoUnit.HOURS);
        if (counters.count(key, window) >= TRANSFER_MISMATCHES_PER_HOUR) {
            return Optional.of(tooManyMismatches(window, now));
        }
        Optional<Failure> refused = checkRecords(draft);
        if (refused.isPresent() && refused.get().code() == ErrorCode.TRANSFER_PHONE_MISMATCH) {
            long mismatches = counters.increment(key, window, window.plus(MISMATCH_WINDOW.multipliedBy(2)));
            audit.record(AuditEntry.of(now, AuditAction.TRANSFER_IN, mismatchedPhone(draft).value(),
                    ErrorCode.TRANSFER_PHONE_MISMATCH.name(), "provider:" + command.provider().value(),
                    draft.province(), null));
            if (mismatches > TRANSFER_MISMATCHES_PER_HOUR) {
                return Optional.of(tooManyMismatches(window, now)); // a concurrent one got the last
            }
        }
        return refused;
    }

    /** Refused until the clock hour of {@code window} ends, and the wait says so. */
    private static Failure tooManyMismatches(Instant window, Instant now) {
        Instant hourEnds = window.plus(MISMATCH_WINDOW);
        return Failure.of(ErrorCode.TOO_MANY_ATTEMPTS, TRANSFER_MISMATCHES_PER_HOUR + " TRANSFER_IN submissions this hour"
                + " named a phone that differs from the filed record; TRANSFER_IN is refused until " + hourEnds)
                .withRetryAfter(RetryAfter.until(now, hourEnds));
    }

    /** The principal phone of the first website whose filed record names another. */
    private PhoneNumber mismatchedPhone(SubmissionDraft draft) {
        return draft.websites().stream()
                .filter(w -> filedRecords.find(w.domain()).filter(r -> !r.websitePrincipalPhone().equals(w.principal().phone()))
                        .isPresent())
                .findFirst().orElseThrow().principal().phone();
    }

    private Optional<Failure> checkRecords(SubmissionDraft draft) {
        for (int i = 0; i < draft.websites().size(); i++) {
            SubmissionDraft.WebsiteDraft website = draft.websites().get(i);
            FieldPath path = FieldPath.of(InputField.WEBSITES, i);
            Optional<FiledRecord> record = filedRecords.find(website.domain());
            if (record.isEmpty()) {
                return Optional.of(new Failure(ErrorCode.FILED_RECORD_NOT_FOUND, path.then(InputField.DOMAIN),
                        "no filed record for " + website.domain() + ": only a filed website can be transferred in"));
            }
            if (!record.get().websitePrincipalPhone().equals(website.principal().phone())) {
                return Optional.of(new Failure(ErrorCode.TRANSFER_PHONE_MISMATCH,
                        path.then(InputField.PRINCIPAL).then(InputField.PHONE),
                        "the website principal's phone differs from the filed record: have the original provider"
                                + " change it first; if that provider cannot be reached, cancel the filing and"
                                + " submit NEW_WEBSITE"));
            }
        }
        return Optional.empty();
    }
}
