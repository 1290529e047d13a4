package beian.verify.core.port.out;

import java.time.Instant;

/** The application's clock. Everything in the core asks it for "now"; tests and the dev environment move it. */
public interface AppClock {
    Instant now();
}
