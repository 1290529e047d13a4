package beian.verify.core.port.out;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.VerificationCode;

/**
 * Source of verification codes, derived rather than stored (DOMAIN.md "Codes": one code per target):
 * the same (application, target, draw) gives the same code every time, on every instance; different
 * ones give codes uniform over 000000-999999 and independent of each other, which nobody without the
 * service's secret key can compute.
 */
public interface CodeGenerator {
    /**
     * The code of draw {@code draw} (a non-negative number the target keeps) of target
     * {@code targetNumber} of {@code application}.
     */
    VerificationCode codeFor(ApplicationId application, int targetNumber, int draw);
}
