package beian.verify.core.testing;

import beian.verify.core.domain.VerificationCode;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.service.SecureRandomCodeGenerator;
import java.util.ArrayDeque;
import java.util.Deque;

/** Hands out scripted codes first, random ones after. */
public final class ScriptedCodeGenerator implements CodeGenerator {
    private final Deque<String> script = new ArrayDeque<>();
    private final CodeGenerator random = new SecureRandomCodeGenerator();

    public synchronized ScriptedCodeGenerator then(String... codes) {
        for (String code : codes) {
            script.addLast(code);
        }
        return this;
    }

    @Override
    public synchronized VerificationCode next() {
        return script.isEmpty() ? random.next() : new VerificationCode(script.removeFirst());
    }
}
