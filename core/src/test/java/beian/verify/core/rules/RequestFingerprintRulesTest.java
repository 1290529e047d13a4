package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ResidentIdNumber;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replay fingerprint of a submission (API.md idempotency) is taken over what the service keeps:
 * of each ID only its type and last six characters, never the full number (issue #11).
 */
class RequestFingerprintRulesTest {
    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);

    /** Two valid resident IDs that differ before their last six characters and share those. */
    static String[] twoIdsWithOneTail() {
        String serial = "0012"; // birth-date day digits and serial: the tail is "120012"-ish plus the check
        String first = People.residentId("11010519900112" + serial.substring(1));
        for (int region = 110106; region < 119999; region++) {
            String other = People.residentId(region + "19900112" + serial.substring(1));
            if (other.endsWith(first.substring(12))) {
                return new String[] {first, other};
            }
        }
        throw new AssertionError("no second ID with the tail of " + ResidentIdNumber.class.getSimpleName());
    }

    private SubmitApplicationCommand command(String requestId, String idNumber) {
        return world.command(requestId, FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new WebsiteInput("fp.cn", person("李四", "13900000002", idNumber))));
    }

    private String storedFingerprint(Outcome<Submission> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        String id = ((Outcome.Ok<Submission>) outcome).value().application().applicationId();
        return world.tx.inTransaction(() -> world.applications.findById(new ApplicationId(id)).orElseThrow())
                .facts().requestFingerprint();
    }

    @Test
    void theFingerprintDependsOnTheIdTailNotOnTheFullIdNumber() {
        String[] ids = twoIdsWithOneTail();
        assertThat(ids[0]).isNotEqualTo(ids[1]);

        String one = storedFingerprint(world.submission.submit(command("fp-1", ids[0])));
        String two = storedFingerprint(world.submission.submit(command("fp-2", ids[1])));

        assertThat(two).as("IDs that differ only before their tails").isEqualTo(one);
    }

    @Test
    void aReplayWhoseIdsDifferOnlyBeforeTheirTailsIsTheSameRequest() {
        String[] ids = twoIdsWithOneTail();
        world.submitOk(command("fp-3", ids[0]));

        Outcome<Submission> again = world.submission.submit(command("fp-3", ids[1]));

        assertThat(again).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok<Submission>) again).value().replayed()).isTrue();
    }

    @Test
    void aReplayWithAnotherIdTailIsStillADifferentSubmission() {
        world.submitOk(command("fp-4", People.residentId(4)));

        Outcome<Submission> other = world.submission.submit(command("fp-4", People.residentId(5)));

        assertThat(other).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed<Submission>) other).failure().code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
}
