package beian.verify.core.service;

import beian.verify.core.domain.VerificationCode;
import beian.verify.core.port.out.CodeGenerator;
import java.security.SecureRandom;

/** Codes uniformly random over 000000-999999 from {@link SecureRandom}. */
public final class SecureRandomCodeGenerator implements CodeGenerator {
    private final SecureRandom random = new SecureRandom();

    @Override
    public VerificationCode next() {
        return new VerificationCode(String.format("%06d", random.nextInt(1_000_000)));
    }
}
