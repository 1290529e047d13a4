package beian.verify.archfixtures.core.framework;

import beian.verify.archfixtures.adapters.sms.SmsFixture;
import io.micronaut.core.annotation.NonNull;

/** Violates rule 1 in three separate ways. */
public final class FrameworkInCore {

    private FrameworkInCore() {
    }

    /** Only an annotation: still a dependency on Micronaut. */
    public static final class AnnotatedWithMicronaut {
        @NonNull
        public String name() {
            return "x";
        }
    }

    /** A framework type in a field. */
    public static final class HoldsAJakartaType {
        jakarta.inject.Provider<String> provider;
    }

    /** The core reaching out to an adapter. */
    public static final class UsesAnAdapter {
        SmsFixture sms = new SmsFixture();
    }
}
