package beian.verify.core.service;

import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.RandomSource;
import java.time.Instant;
import java.util.List;

/**
 * Draws a target's new code and writes the SMS that carries it. A code never equals one still
 * valid for another target with the same phone, so phone + code always points at one target.
 */
final class CodeIssuer {
    private static final int MAX_DRAWS = 64;

    private final CodeGenerator codes;
    private final Secrets secrets;
    private final RandomSource random;
    private final ProvinceCatalog provinces;
    private final VerificationSettings settings;

    CodeIssuer(CodeGenerator codes, Secrets secrets, RandomSource random, ProvinceCatalog provinces,
               VerificationSettings settings) {
        this.codes = codes;
        this.secrets = secrets;
        this.random = random;
        this.provinces = provinces;
        this.settings = settings;
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
            if (!heldByAnotherTarget(code, application, target, openWithSamePhone)) {
                application.addCode(targetNumber, secrets.code(application.id(), targetNumber, code));
                String host = provinces.find(application.state().province()).flatMap(p -> p.host())
                        .orElseThrow(() -> new IllegalStateException(
                                "province " + application.state().province() + " verifies but has no platform host"));
                String text = SmsText.compose(code, host, application.state().deadline(), settings.zone());
                return OutboundSms.queued("sms-" + random.token(), application.state().provider(), application.id(),
                        targetNumber, target.phone(), text, trigger, now);
            }
        }
        throw new IllegalStateException("no code free of the phone's other targets after " + MAX_DRAWS + " draws");
    }

    private boolean heldByAnotherTarget(VerificationCode code, FilingApplication application,
                                        VerificationTarget target, List<FilingApplication> others) {
        for (VerificationTarget t : application.targets()) {
            if (t.number() != target.number() && t.phone().equals(target.phone())
                    && t.hasCode(secrets.code(application.id(), t.number(), code))) {
                return true;
            }
        }
        for (FilingApplication other : others) {
            if (other.id().equals(application.id())) {
                continue;
            }
            for (VerificationTarget t : other.targets()) {
                if (t.phone().equals(target.phone()) && t.hasCode(secrets.code(other.id(), t.number(), code))) {
                    return true;
                }
            }
        }
        return false;
    }
}
