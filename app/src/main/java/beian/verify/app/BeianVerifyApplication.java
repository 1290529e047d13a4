package beian.verify.app;

import io.micronaut.runtime.Micronaut;

/** Starts the beian-verify service. */
public final class BeianVerifyApplication {

    private BeianVerifyApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(BeianVerifyApplication.class, args);
    }
}
