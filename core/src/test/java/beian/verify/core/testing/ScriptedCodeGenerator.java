package beian.verify.core.testing;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.port.out.CodeGenerator;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The test double of the code derivation: each new (application, target, draw) takes the next
 * scripted code, or a random one once the script is used up; the same triple gets the same code
 * again, as the real derivation does.
 */
public final class ScriptedCodeGenerator implements CodeGenerator {
    private final Deque<String> script = new ArrayDeque<>();
    private final Map<String, VerificationCode> derived = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    public synchronized ScriptedCodeGenerator then(String... codes) {
        for (String code : codes) {
            script.addLast(code);
        }
        return this;
    }

    @Override
    public synchronized VerificationCode codeFor(ApplicationId application, int targetNumber, int draw) {
        return derived.computeIfAbsent(application.value() + "#" + targetNumber + "#" + draw,
                triple -> new VerificationCode(script.isEmpty() ? String.format("%06d", random.nextInt(1_000_000))
                        : script.removeFirst()));
    }

    /** How many (application, target, draw) were asked for. */
    public synchronized int triplesAsked() {
        return derived.size();
    }
}
