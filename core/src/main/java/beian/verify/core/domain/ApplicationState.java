package beian.verify.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * A filing application as storage keeps it, and as {@link FilingApplication#restore} rebuilds the
 * aggregate from: the submitted facts, the targets, the progress. Its websites are stored beside
 * it and loaded only where a use case needs them (approval).
 *
 * @param version bumped on every save; storage may use it for optimistic locking
 */
public record ApplicationState(
        ApplicationFacts facts,
        List<VerificationTarget> targets,
        ApplicationProgress progress,
        long version) {

    public ApplicationState {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(progress, "progress");
        targets = List.copyOf(targets);
    }

    public ApplicationId id() {
        return facts.id();
    }

    public ProviderId provider() {
        return facts.provider();
    }

    public ProvinceCode province() {
        return facts.province();
    }

    public ApplicationStatus status() {
        return progress.status();
    }

    ApplicationState withTargets(List<VerificationTarget> changed) {
        return new ApplicationState(facts, changed, progress, version);
    }

    ApplicationState withProgress(ApplicationProgress changed) {
        return new ApplicationState(facts, targets, changed, version);
    }
}
