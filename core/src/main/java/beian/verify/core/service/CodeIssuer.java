package beian.verify.core.service;

import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.RandomSource;
import java.time.Instant;
import java.util.List;

/**
 * Queues the SMS that carries a target's code: the aggregate decides which code the target holds
 * (its one code, of a random draw taken at its first SMS free of the phone's other targets' codes),
 * this derives it and queues it. Every SMS to a target, first or resent, carries the same code. Callers hold the
 * phone's lock (see {@link PhoneLocks}) while they issue.
 */
final class CodeIssuer {
    private final CodeGenerator codes;
    private final Secrets secrets;
    private final RandomSource random;

    CodeIssuer(CodeGenerator codes, Secrets secrets, RandomSource random) {
        this.codes = codes;
        this.secrets = secrets;
        this.random = random;
    }

    /**
     * The SMS carrying the target's code, to be queued in the same transaction; a target without its
     * code yet gets it now.
     *
     * @param openWithSamePhone the other open applications with a target of this phone, as locked by the caller
     */
    OutboundSms issue(FilingApplication application, int targetNumber, SmsTrigger trigger,
                      List<FilingApplication> openWithSamePhone, Instant now) {
        int draw = application.codeDrawOf(targetNumber, () -> random.nextInt(Integer.MAX_VALUE),
                d -> secrets.codeDigest(codes.codeFor(application.id(), targetNumber, d)), openWithSamePhone);
        VerificationCode code = codes.codeFor(application.id(), targetNumber, draw);
        VerificationTarget target = application.target(targetNumber);
        return OutboundSms.queued("sms-" + random.token(), application.state().provider(), application.id(),
                targetNumber, target.phone(), code, trigger, now);
    }
}
