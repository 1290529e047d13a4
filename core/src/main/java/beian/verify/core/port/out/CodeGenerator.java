package beian.verify.core.port.out;

import beian.verify.core.domain.VerificationCode;

/** Source of verification codes: uniformly random over 000000-999999 from a cryptographically strong generator. */
public interface CodeGenerator {
    VerificationCode next();
}
