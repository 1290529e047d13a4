package beian.verify.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A filing application (备案申请) and its verification targets: the aggregate whose methods carry
 * the rules of its life. Each change records the events it causes; the caller drains them with
 * {@link #pullEvents()} in the same transaction as it saves the application.
 */
public final class FilingApplication {
    private ApplicationRecord state;
    private final List<DomainEvent> events = new ArrayList<>();

    private FilingApplication(ApplicationRecord state) {
        this.state = state;
    }

    /** Rebuilds a stored application. */
    public static FilingApplication restore(ApplicationRecord record) {
        return new FilingApplication(Objects.requireNonNull(record));
    }

    /**
     * A new application. With no targets it goes straight to review; otherwise it waits for every
     * target to verify until {@code submittedAt + deadline}.
     */
    public static FilingApplication submit(ApplicationRecord draft, Instant autoResendAt) {
        boolean verify = !draft.targets().isEmpty();
        ApplicationRecord record = new ApplicationRecord(draft.id(), draft.provider(), draft.requestId(),
                draft.requestFingerprint(), draft.type(), draft.province(), draft.subjectName(),
                draft.subjectChanged(), draft.subjectPrincipalPhone(), draft.websites(), draft.targets(),
                verify ? ApplicationStatus.PENDING_VERIFICATION : ApplicationStatus.READY_FOR_REVIEW, null,
                draft.submittedAt(), draft.deadline(), verify ? autoResendAt : null, false, null, null, 0);
        FilingApplication application = new FilingApplication(record);
        application.record(EventType.APPLICATION_SUBMITTED, null, null, null, draft.submittedAt());
        if (!verify) {
            application.record(EventType.READY_FOR_REVIEW, null, null, null, draft.submittedAt());
        }
        return application;
    }

    public ApplicationRecord state() {
        return state;
    }

    public ApplicationId id() {
        return state.id();
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

    /** Whether codes may still be entered: pending, and strictly before the deadline. */
    public boolean acceptsVerificationAt(Instant now) {
        return state.status() == ApplicationStatus.PENDING_VERIFICATION && now.isBefore(state.deadline());
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

    /** Adds a code (its keyed hash) to a target; earlier codes stay valid. */
    public void addCode(int targetNumber, String codeHash) {
        replace(target(targetNumber).withCode(codeHash));
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
                && state.status() != ApplicationStatus.RETURNED && now.isBefore(state.deadline())) {
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
            setStatus(ApplicationStatus.READY_FOR_REVIEW, null);
            record(EventType.READY_FOR_REVIEW, null, null, null, now);
        }
        return new VerifyOutcome.TargetVerified(pendingTargets(), state.status());
    }

    /**
     * A person asked for the SMS again. Allowed for a pending target at most {@code limit} times in
     * all, and not within {@code spacing} of the previous one.
     */
    public ManualResendOutcome requestManualResend(int targetNumber, Instant now, Duration spacing, int limit) {
        VerificationTarget target = target(targetNumber);
        if (!acceptsVerificationAt(now) || !target.isPending()) {
            throw new IllegalStateException("manual resend asked for a target that is not pending");
        }
        boolean tooSoon = target.lastManualResendAt() != null
                && now.isBefore(target.lastManualResendAt().plus(spacing));
        if (tooSoon || target.manualResends() >= limit) {
            return new ManualResendOutcome.TooFrequent();
        }
        replace(target.withManualResend(now));
        return new ManualResendOutcome.Allowed();
    }

    /**
     * The automatic resend, once, when due and before the deadline. Returns the numbers of the
     * targets to send a new code to (empty when nothing is due or nobody is pending).
     */
    public List<Integer> takeAutoResend(Instant now) {
        if (state.autoResendDone() || state.autoResendAt() == null || now.isBefore(state.autoResendAt())
                || !acceptsVerificationAt(now)) {
            return List.of();
        }
        state = copy(state.status(), state.returnReason(), state.targets(), true, state.filingNumber(), state.rejectReason());
        return state.targets().stream().filter(VerificationTarget::isPending).map(VerificationTarget::number).toList();
    }

    /** Returns the application when its deadline has come and it is still waiting for verification. */
    public Transition expire(Instant now) {
        if (state.status() != ApplicationStatus.PENDING_VERIFICATION || now.isBefore(state.deadline())) {
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

    /** The 管局 approves: the filing number is set; the caller writes the filed records. */
    public Transition approve(FilingNumber filingNumber, Instant now) {
        if (state.status() != ApplicationStatus.READY_FOR_REVIEW) {
            return new Transition.WrongStatus(state.status());
        }
        state = copy(ApplicationStatus.APPROVED, null, state.targets(), state.autoResendDone(), filingNumber, null);
        record(EventType.APPROVED, null, null, null, now);
        return new Transition.Done(ApplicationStatus.APPROVED);
    }

    /** The 管局 rejects, saying why. */
    public Transition reject(String reason, Instant now) {
        if (state.status() != ApplicationStatus.READY_FOR_REVIEW) {
            return new Transition.WrongStatus(state.status());
        }
        state = copy(ApplicationStatus.REJECTED, null, state.targets(), state.autoResendDone(), null, reason);
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

    /** The carrier reported whether an SMS reached the phone. */
    public void recordDelivery(int targetNumber, boolean delivered, String reason, Instant now) {
        record(delivered ? EventType.SMS_DELIVERED : EventType.SMS_UNDELIVERED, target(targetNumber).phone(),
                null, reason, now);
    }

    private void returnTo(ReturnReason reason, Instant now) {
        setStatus(ApplicationStatus.RETURNED, reason);
        record(EventType.RETURNED, null, null, reason.name(), now);
    }

    private void setStatus(ApplicationStatus status, ReturnReason reason) {
        state = copy(status, reason, state.targets(), state.autoResendDone(), state.filingNumber(), state.rejectReason());
    }

    private void replace(VerificationTarget changed) {
        List<VerificationTarget> targets = new ArrayList<>(state.targets());
        targets.replaceAll(t -> t.number() == changed.number() ? changed : t);
        state = copy(state.status(), state.returnReason(), targets, state.autoResendDone(), state.filingNumber(),
                state.rejectReason());
    }

    private ApplicationRecord copy(ApplicationStatus status, ReturnReason reason, List<VerificationTarget> targets,
                                   boolean autoResendDone, FilingNumber filingNumber, String rejectReason) {
        ApplicationRecord s = state;
        return new ApplicationRecord(s.id(), s.provider(), s.requestId(), s.requestFingerprint(), s.type(),
                s.province(), s.subjectName(), s.subjectChanged(), s.subjectPrincipalPhone(), s.websites(), targets,
                status, reason, s.submittedAt(), s.deadline(), s.autoResendAt(), autoResendDone, filingNumber,
                rejectReason, s.version());
    }

    private void record(EventType type, PhoneNumber phone, SmsTrigger trigger, String reason, Instant at) {
        events.add(new DomainEvent(state.provider(), type, state.id(), phone == null ? null : phone.masked(),
                trigger, reason, at));
    }

    @Override
    public String toString() {
        return "FilingApplication[" + state.id() + ", " + state.type() + ", " + state.province() + ", " + state.status() + "]";
    }
}
