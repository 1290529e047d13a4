package beian.verify.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * A filing application (备案申请) and its verification targets: the aggregate whose methods carry
 * the rules of its life. Each change records the events it causes; the caller drains them with
 * {@link #pullEvents()} in the same transaction as it saves the application, and saves only the
 * targets {@link #changedTargets()} names.
 */
public final class FilingApplication {
    /**
     * Draws tried for a target's code before giving up: each collides with a code of the phone's other
     * targets with a chance of (their codes) / 10^6, so 64 never all do in practice.
     */
    static final int CODE_DRAWS = 64;

    private ApplicationState state;
    private final List<DomainEvent> events = new ArrayList<>();
    private final Map<Integer, VerificationTarget> changed = new LinkedHashMap<>();

    private FilingApplication(ApplicationState state) {
        this.state = state;
    }

    /** Rebuilds a stored application. */
    public static FilingApplication restore(ApplicationState state) {
        return new FilingApplication(Objects.requireNonNull(state));
    }

    /**
     * A new application. With no targets it goes straight to review; otherwise it waits for every
     * target to verify until its deadline.
     */
    public static FilingApplication submit(ApplicationFacts facts, List<VerificationTarget> targets) {
        boolean verifies = !targets.isEmpty();
        ApplicationFacts kept = verifies || facts.autoResendAt() == null ? facts
                : new ApplicationFacts(facts.id(), facts.provider(), facts.requestId(), facts.requestFingerprint(),
                facts.type(), facts.province(), facts.subjectName(), facts.subjectChanged(),
                facts.subjectPrincipalPhone(), facts.submittedAt(), facts.deadline(), null);
        FilingApplication application = new FilingApplication(
                new ApplicationState(kept, targets, ApplicationProgress.submitted(verifies), 0));
        application.record(EventType.APPLICATION_SUBMITTED, null, null, null, facts.submittedAt());
        if (!verifies) {
            application.record(EventType.READY_FOR_REVIEW, null, null, null, facts.submittedAt());
        }
        return application;
    }

    /**
     * Noon (or the configured time) of the calendar day after submission in the configured zone;
     * {@code null} when that falls at or after the deadline.
     */
    public static Instant autoResendAt(Instant submittedAt, Instant deadline, VerificationSettings settings) {
        Instant at = submittedAt.atZone(settings.zone()).toLocalDate().plusDays(1)
                .atTime(settings.autoResendAt()).atZone(settings.zone()).toInstant();
        return at.isBefore(deadline) ? at : null;
    }

    public ApplicationState state() {
        return state;
    }

    public ApplicationId id() {
        return state.id();
    }

    public ApplicationFacts facts() {
        return state.facts();
    }

    public ApplicationStatus status() {
        return state.status();
    }

    public List<VerificationTarget> targets() {
        return state.targets();
    }

    public VerificationTarget target(int number) {
        return state.targets().stream().filter(t -> t.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target " + number + " in " + state.id()));
    }

    /** The targets changed since the application was restored, in the order they changed first. */
    public List<VerificationTarget> changedTargets() {
        return List.copyOf(changed.values());
    }

    /** Whether codes may still be entered: pending, and strictly before the deadline. */
    public boolean acceptsVerificationAt(Instant now) {
        return state.status() == ApplicationStatus.PENDING_VERIFICATION && now.isBefore(state.facts().deadline());
    }

    public int pendingTargets() {
        return (int) state.targets().stream().filter(VerificationTarget::isPending).count();
    }

    /** The events recorded since the last call; each is handed out once. */
    public List<DomainEvent> pullEvents() {
        List<DomainEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /**
     * The target of this phone that a code (its per-target hash given by {@code code}) belongs to.
     * A code is unique among the valid codes of one phone, so there is at most one.
     */
    public Optional<VerificationTarget> targetHolding(PhoneNumber phone, TargetDigest code) {
        return state.targets().stream()
                .filter(t -> t.phone().equals(phone) && t.hasCode(code.of(state.id(), t.number())))
                .findFirst();
    }

    /** Whether a target of this phone other than {@code exceptTarget} holds the code. */
    private boolean holdsCodeElsewhere(PhoneNumber phone, TargetDigest code, int exceptTarget) {
        return state.targets().stream().anyMatch(t -> t.number() != exceptTarget && t.phone().equals(phone)
                && t.hasCode(code.of(state.id(), t.number())));
    }

    /** The pending targets of this phone whose ID tail (its per-target hash given by {@code idTail}) matches. */
    public List<VerificationTarget> pendingTargetsOf(PhoneNumber phone, TargetDigest idTail, Instant now) {
        if (!acceptsVerificationAt(now)) {
            return List.of();
        }
        return state.targets().stream().filter(t -> t.isPending() && t.phone().equals(phone)
                && t.idTailHash().equals(idTail.of(state.id(), t.number()))).toList();
    }

    /**
     * Whether the verification platform reached at the host of {@code platformProvince} considers
     * this application: a province's host serves that province only; {@code null} (any other host)
     * serves every province.
     */
    public boolean servedBy(String platformProvince) {
        return platformProvince == null || state.province().value().equals(platformProvince);
    }

    /**
     * Too many misses locked {@code phone} until {@code lockedUntil}: an event when this application
     * has a pending target on it, so its provider can tell the person.
     */
    public void recordPhoneThrottled(PhoneNumber phone, Instant lockedUntil, Instant now) {
        if (acceptsVerificationAt(now)
                && state.targets().stream().anyMatch(t -> t.isPending() && t.phone().equals(phone))) {
            record(EventType.VERIFICATION_THROTTLED, phone, null, "LOCKED_UNTIL " + lockedUntil, now);
        }
    }

    /**
     * The draw of the one code target {@code targetNumber} holds for its whole life (DOMAIN.md "Codes",
     * revised 2026-12-07): every SMS to the target carries it. Decided at the target's first SMS: a
     * random draw ({@code newDraw}), another while the code of the draw ({@code codeOfDraw}, per target
     * as stored) is still valid for another target with the same phone, in this application or in
     * {@code openWithSamePhone}, so phone + code always points at one target. A target stored before
     * codes were derived keeps the codes it was sent and gets its code beside them the same way.
     *
     * @param newDraw           a random non-negative draw: the code then depends on a secret of the database
     *                          too, so the service's key and the application's id alone do not give it
     * @param openWithSamePhone the other open applications with a target of this phone, as locked by the caller
     *                          (this application among them or not)
     */
    public int codeDrawOf(int targetNumber, IntSupplier newDraw, IntFunction<TargetDigest> codeOfDraw,
                          List<FilingApplication> openWithSamePhone) {
        VerificationTarget target = target(targetNumber);
        if (target.holdsItsCode()) {
            return target.codeDraw();
        }
        for (int attempt = 0; attempt < CODE_DRAWS; attempt++) {
            int draw = newDraw.getAsInt();
            TargetDigest code = codeOfDraw.apply(draw);
            boolean taken = holdsCodeElsewhere(target.phone(), code, targetNumber)
                    || openWithSamePhone.stream().anyMatch(other -> !other.id().equals(id())
                    && other.targetHolding(target.phone(), code).isPresent());
            if (!taken) {
                replace(target.withCodeOfDraw(draw, code.of(id(), targetNumber)));
                return draw;
            }
        }
        throw new IllegalStateException("no code free of the phone's other targets after " + CODE_DRAWS + " draws");
    }

    /**
     * A matching code was entered for {@code targetNumber} with an ID tail whose keyed hash is
     * {@code idTailHash}. The {@code idFailureLimit}-th wrong tail fails the target and returns the
     * application.
     */
    public VerifyOutcome verify(int targetNumber, String idTailHash, Instant now, int idFailureLimit) {
        VerificationTarget target = target(targetNumber);
        boolean tailMatches = target.idTailHash().equals(idTailHash);
        if (target.status() == TargetStatus.VERIFIED && tailMatches
                && state.status() != ApplicationStatus.RETURNED && now.isBefore(state.facts().deadline())) {
            return new VerifyOutcome.AlreadyVerified(pendingTargets(), state.status());
        }
        if (!acceptsVerificationAt(now) || !target.isPending()) {
            return new VerifyOutcome.NotVerifiable();
        }
        if (!tailMatches) {
            boolean last = target.idFailures() + 1 >= idFailureLimit;
            replace(target.withIdFailure(last));
            if (last) {
                returnTo(ReturnReason.VERIFICATION_FAILED, now);
                return new VerifyOutcome.TargetFailed();
            }
            return new VerifyOutcome.IdMismatch(target.idFailures() + 1);
        }
        replace(target.verified(now));
        record(EventType.TARGET_VERIFIED, target.phone(), null, null, now);
        if (pendingTargets() == 0) {
            state = state.withProgress(state.progress().readyForReview());
            record(EventType.READY_FOR_REVIEW, null, null, null, now);
        }
        return new VerifyOutcome.TargetVerified(pendingTargets(), state.status());
    }

    /**
     * Whether the manual-resend limits of a pending target let one more go at {@code now}, recording
     * nothing: at most {@code limit} in all (then {@link ManualResendOutcome.UsedUp}, for good), and
     * not within {@code spacing} of the previous one (then {@link ManualResendOutcome.TooSoon} until
     * the spacing ends).
     */
    public ManualResendOutcome manualResendAllowance(int targetNumber, Instant now, Duration spacing, int limit) {
        VerificationTarget target = target(targetNumber);
        if (!acceptsVerificationAt(now) || !target.isPending()) {
            throw new IllegalStateException("manual resend asked for a target that is not pending");
        }
        if (target.manualResends() >= limit) {
            return new ManualResendOutcome.UsedUp();
        }
        if (target.lastManualResendAt() != null && now.isBefore(target.lastManualResendAt().plus(spacing))) {
            return new ManualResendOutcome.TooSoon(target.lastManualResendAt().plus(spacing));
        }
        return new ManualResendOutcome.Allowed();
    }

    /**
     * A person asked for the SMS again: recorded on the target when {@link #manualResendAllowance}
     * allows it, which is returned either way.
     */
    public ManualResendOutcome requestManualResend(int targetNumber, Instant now, Duration spacing, int limit) {
        ManualResendOutcome allowance = manualResendAllowance(targetNumber, now, spacing, limit);
        if (allowance instanceof ManualResendOutcome.Allowed) {
            replace(target(targetNumber).withManualResend(now));
        }
        return allowance;
    }

    /**
     * The automatic resend, once, when due and before the deadline. Returns the numbers of the
     * targets to send their code again (empty when nothing is due or nobody is pending).
     */
    public List<Integer> takeAutoResend(Instant now) {
        Instant due = state.facts().autoResendAt();
        if (state.progress().autoResendDone() || due == null || now.isBefore(due) || !acceptsVerificationAt(now)) {
            return List.of();
        }
        state = state.withProgress(state.progress().autoResendTaken());
        return state.targets().stream().filter(VerificationTarget::isPending).map(VerificationTarget::number).toList();
    }

    /** Returns the application when its deadline has come and it is still waiting for verification. */
    public Transition expire(Instant now) {
        if (state.status() != ApplicationStatus.PENDING_VERIFICATION || now.isBefore(state.facts().deadline())) {
            return new Transition.WrongStatus(state.status());
        }
        returnTo(ReturnReason.VERIFICATION_TIMEOUT, now);
        return new Transition.Done(ApplicationStatus.RETURNED);
    }

    /** The provider takes the application back before review. */
    public Transition withdraw(Instant now) {
        if (state.status() != ApplicationStatus.PENDING_VERIFICATION
                && state.status() != ApplicationStatus.READY_FOR_REVIEW) {
            return new Transition.WrongStatus(state.status());
        }
        returnTo(ReturnReason.WITHDRAWN, now);
        return new Transition.Done(ApplicationStatus.RETURNED);
    }

    /**
     * The 管局 approves. New filings (NEW_FILING, NEW_WEBSITE) need a filing number given; any
     * other type takes the given one or else the number already on file for its websites
     * ({@code onFile}, {@code null} when none).
     */
    public ApprovalOutcome approve(FilingNumber given, FilingNumber onFile, Instant now) {
        if (state.status() != ApplicationStatus.READY_FOR_REVIEW) {
            return new ApprovalOutcome.WrongStatus(state.status());
        }
        FilingType type = state.facts().type();
        if (given == null && (type == FilingType.NEW_FILING || type == FilingType.NEW_WEBSITE)) {
            return new ApprovalOutcome.FilingNumberRequired("is required to approve " + type);
        }
        FilingNumber number = given != null ? given : onFile;
        if (number == null) {
            return new ApprovalOutcome.FilingNumberRequired("is required: no filed record carries one");
        }
        state = state.withProgress(state.progress().approved(number, now));
        record(EventType.APPROVED, null, null, null, now);
        return new ApprovalOutcome.Approved(number);
    }

    /**
     * What the approval changes on file, website by website: new filings are recorded, transfers
     * move the record to this provider, changes update the principals' phones, cancellations remove
     * the record. {@code onFile} holds the records of these websites' domains that exist.
     */
    public List<FiledRecordChange> filedRecordChanges(List<Website> websites, Map<DomainName, FiledRecord> onFile) {
        if (state.status() != ApplicationStatus.APPROVED) {
            throw new IllegalStateException("filed records change only on approval; " + id() + " is " + status());
        }
        ApplicationFacts a = state.facts();
        FilingNumber number = state.progress().filingNumber();
        List<FiledRecordChange> changes = new ArrayList<>();
        for (Website website : websites) {
            FiledRecord existing = onFile.get(website.domain());
            switch (a.type()) {
                case NEW_FILING, NEW_WEBSITE -> changes.add(new FiledRecordChange.Upsert(new FiledRecord(website.domain(),
                        number, a.province(), a.provider(), a.subjectPrincipalPhone(), website.principalPhone())));
                case TRANSFER_IN -> changes.add(new FiledRecordChange.Upsert(new FiledRecord(website.domain(),
                        existing != null ? existing.filingNumber() : number, a.province(), a.provider(),
                        existing != null ? existing.subjectPrincipalPhone() : a.subjectPrincipalPhone(),
                        website.principalPhone())));
                case CHANGE_FILING -> {
                    if (existing != null) {
                        changes.add(new FiledRecordChange.Upsert(new FiledRecord(existing.domain(),
                                existing.filingNumber(), existing.province(), existing.provider(),
                                a.subjectChanged() && a.subjectPrincipalPhone() != null ? a.subjectPrincipalPhone()
                                        : existing.subjectPrincipalPhone(),
                                website.principalPhone())));
                    }
                }
                case CANCEL_WEBSITE, CANCEL_SUBJECT -> changes.add(new FiledRecordChange.Delete(website.domain()));
                case CANCEL_ACCESS -> {
                    // The filing stays on file; only the provider's access ends, which is not recorded here.
                }
            }
        }
        return changes;
    }

    /** The 管局 rejects, saying why. */
    public Transition reject(String reason, Instant now) {
        if (state.status() != ApplicationStatus.READY_FOR_REVIEW) {
            return new Transition.WrongStatus(state.status());
        }
        state = state.withProgress(state.progress().rejected(reason, now));
        record(EventType.REJECTED, null, null, reason, now);
        return new Transition.Done(ApplicationStatus.REJECTED);
    }

    /** The carrier accepted an SMS to a target. */
    public void recordSmsSent(int targetNumber, SmsTrigger trigger, Instant now) {
        VerificationTarget target = target(targetNumber);
        replace(target.withSmsSent());
        record(EventType.SMS_SENT, target.phone(), trigger, null, now);
    }

    /** An SMS to a target was given up: refused for good, or retries ran out. */
    public void recordSmsFailed(int targetNumber, SmsTrigger trigger, String reason, Instant now) {
        record(EventType.SMS_FAILED, target(targetNumber).phone(), trigger, reason, now);
    }

    /** An SMS ceiling held the target's SMS back until {@code until}; it is not lost. */
    public void recordSmsHeldBack(int targetNumber, SmsTrigger trigger, String reason, Instant until, Instant now) {
        record(EventType.SMS_HELD_BACK, target(targetNumber).phone(), trigger, reason + ", until " + until, now);
    }

    /** The carrier reported whether an SMS reached the phone. */
    public void recordDelivery(int targetNumber, boolean delivered, String reason, Instant now) {
        record(delivered ? EventType.SMS_DELIVERED : EventType.SMS_UNDELIVERED, target(targetNumber).phone(),
                null, reason, now);
    }

    private void returnTo(ReturnReason reason, Instant now) {
        state = state.withProgress(state.progress().returned(reason, now));
        record(EventType.RETURNED, null, null, reason.name(), now);
    }

    private void replace(VerificationTarget target) {
        List<VerificationTarget> targets = new ArrayList<>(state.targets());
        targets.replaceAll(t -> t.number() == target.number() ? target : t);
        state = state.withTargets(targets);
        changed.put(target.number(), target);
    }

    private void record(EventType type, PhoneNumber phone, SmsTrigger trigger, String reason, Instant at) {
        events.add(new DomainEvent(state.provider(), type, state.id(), phone == null ? null : phone.masked(),
                trigger, reason, at));
    }

    @Override
    public String toString() {
        return "FilingApplication[" + state.id() + ", " + state.facts().type() + ", " + state.province() + ", "
                + state.status() + "]";
    }
}
