package beian.verify.core.domain;

/** What entering a matching code did to a target. */
public sealed interface VerifyOutcome {
    /** The target is verified now; {@code pendingTargets} of the application remain. */
    record TargetVerified(int pendingTargets, ApplicationStatus applicationStatus) implements VerifyOutcome {
    }

    /** The target had been verified before; the same answer as then. */
    record AlreadyVerified(int pendingTargets, ApplicationStatus applicationStatus) implements VerifyOutcome {
    }

    /** Code right, ID tail wrong: one more ID failure, not yet the last. */
    record IdMismatch(int idFailures) implements VerifyOutcome {
    }

    /** The ID failure that fails the target and returns the application. */
    record TargetFailed() implements VerifyOutcome {
    }

    /** The target cannot be verified (application not pending, deadline passed, target failed). */
    record NotVerifiable() implements VerifyOutcome {
    }
}
