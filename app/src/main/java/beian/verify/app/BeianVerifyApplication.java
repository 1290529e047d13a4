package beian.verify.app;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts the beian-verify service. */
public final class BeianVerifyApplication {
    /** A setting named in Micronaut's words for one nobody gave ("Could not resolve placeholder ${x}", …). */
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{([a-zA-Z0-9._-]+)(?::[^}]*)?}");

    private BeianVerifyApplication() {
    }

    public static void main(String[] args) {
        new OneLineFailure().mainClass(BeianVerifyApplication.class).args(args).start();
    }

    /**
     * What an operator reads when the service cannot start: one line naming what to set (the setting and its
     * environment variable), not a stack trace; when {@link ProductionGuard} refuses, one line per problem. {@code BEIAN_STARTUP_TRACE=true} prints the whole trace too.
     */
    static String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeploymentRefusedException refused) {
                return refused.getMessage(); // every problem, one a line
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher unresolved = UNRESOLVED.matcher(message);
            if (message.toLowerCase(Locale.ROOT).contains("resolv") && unresolved.find()) {
                String key = unresolved.group(1);
                return "beian-verify cannot start: " + key + " is not set (environment variable "
                        + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
                        + "; docs/configuration.md)";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "beian-verify cannot start: " + message.lines().findFirst().orElse(message).strip();
    }

    /** Micronaut's start, with the failure told in one line. */
    private static final class OneLineFailure extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            System.err.println(explain(exception));
            if ("true".equalsIgnoreCase(System.getenv("BEIAN_STARTUP_TRACE"))) {
                exception.printStackTrace();
            }
            System.exit(1);
        }
    }
}
