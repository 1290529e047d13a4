package beian.verify.app;

import java.util.List;

/** The service will not start as configured: every problem {@link DeploymentChecks} found, one a line. */
final class DeploymentRefusedException extends RuntimeException {
    private final List<String> problems;

    DeploymentRefusedException(boolean dev, List<String> problems) {
        super(message(dev, problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }

    private static String message(boolean dev, List<String> problems) {
        StringBuilder text = new StringBuilder("beian-verify cannot start: ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append(dev ? " in the dev environment" : " outside the dev environment")
                .append(" (docs/configuration.md):");
        for (int i = 0; i < problems.size(); i++) {
            text.append("\n  ").append(i + 1).append(". ").append(problems.get(i));
        }
        return text.toString();
    }
}
