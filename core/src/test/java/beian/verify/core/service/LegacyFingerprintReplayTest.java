package beian.verify.core.service;

import static beian.verify.core.testing.People.person;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationFacts;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.HmacTestHasher;
import beian.verify.core.testing.People;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Applications stored before the fingerprint left out full ID numbers keep their fingerprint (it
 * cannot be recomputed: the full numbers are not stored); a replay of such a request is still
 * recognised, by the legacy form computed from the replayed request and compared only.
 */
class LegacyFingerprintReplayTest {
    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);

    @Test
    void aReplayOfARequestStoredWithAFullIdFingerprintIsStillAReplay() {
        SubmitApplicationCommand command = world.command("legacy-1", FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new WebsiteInput("legacy.cn", person("李四", "13900000002", People.residentId(7)))));
        SubmissionDraft draft = SubmissionDraft.parse(command);
        String legacy = new HmacTestHasher().hash("request", draft.legacyCanonical());
        assertThat(legacy).isNotEqualTo(new HmacTestHasher().hash("request", draft.canonical()));
        ApplicationFacts facts = new ApplicationFacts(ApplicationId.newId(world.clock.now()), CoreFixture.PROVIDER,
                new RequestId("legacy-1"), legacy, FilingType.NEW_WEBSITE, new ProvinceCode("TJ"), null, false, null,
                world.clock.now(), world.clock.now().plus(Duration.ofHours(48)), world.clock.now().plus(Duration.ofHours(24)));
        world.tx.inTransaction(() -> {
            world.applications.insert(FilingApplication.submit(facts, List.of()), List.of());
            return null;
        });

        Outcome<Submission> replay = world.submission.submit(command);

        assertThat(replay).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok<Submission>) replay).value().replayed()).isTrue();
        assertThat(((Outcome.Ok<Submission>) replay).value().application().applicationId()).isEqualTo(facts.id().value());
    }
}
