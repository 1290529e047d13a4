package beian.verify.core.service;

import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.TargetDigest;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.RandomSource;
import java.time.Instant;
import java.util.List;

/**
 * Draws a target's new code and queues the SMS that carries it. A code never equals one still
 * valid for another target with the same phone, so phone + code always points at one target.
 * Callers hold the phone's lock (see {@link PhoneLocks}) while they issue.
 */
final class CodeIssuer {
    private static final int MAX_DRAWS = 64;

    private final CodeGenerator codes;
    private final Secrets secrets;
    private final RandomSource random;

    CodeIssuer(CodeGenerator codes, Secrets secrets, RandomSource random) {
        this.codes = codes;
        this.secrets = secrets;
        this.random = random;
    }

    /**
     * Adds a fresh code to the target and returns its SMS, to be queued in the same transaction.
     *
     * @param openWithSamePhone the other open applications with a target of this phone, as locked by the caller
     */
    OutboundSms issue(FilingApplication application, int targetNumber, SmsTrigger trigger,
                      List<FilingApplication> openWithSamePhone, Instant now) {
        VerificationTarget target = application.target(targetNumber);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            VerificationCode code = codes.next();
            TargetDigest digest = secrets.codeDigest(code);
            boolean taken = application.holdsCodeElsewhere(target.phone(), digest, targetNumber)
                    || openWithSamePhone.stream().anyMatch(other -> !other.id().equals(application.id())
                    && other.targetHolding(target.phone(), digest).isPresent());
            if (!taken) {
                application.addCode(targetNumber, digest.of(application.id(), targetNumber));
                return OutboundSms.queued("sms-" + random.token(), application.state().provider(), application.id(),
                        targetNumber, target.phone(), code, trigger, now);
            }
        }
        throw new IllegalStateException("no code free of the phone's other targets after " + MAX_DRAWS + " draws");
    }
}
