package beian.verify.core.port.in;

import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.IdType;
import beian.verify.core.domain.ProviderId;
import java.util.List;

/** An access provider submits a filing application; idempotent per (provider, request id). */
public interface SubmitApplicationUseCase {

    Outcome<Submission> submit(SubmitApplicationCommand command);

    /**
     * The submission as received. Raw strings: the use case validates them and names the field at fault.
     *
     * @param subjectPrincipal may be {@code null} for types that do not need it
     * @param subjectChanged   CHANGE_FILING only: the subject's information changes
     */
    record SubmitApplicationCommand(
            ProviderId provider,
            String requestId,
            FilingType type,
            String province,
            String subjectName,
            PersonInput subjectPrincipal,
            List<WebsiteInput> websites,
            boolean subjectChanged) {
    }

    /** A principal as submitted; {@code idType} null means RESIDENT_ID. */
    record PersonInput(String name, String phone, IdType idType, String idNumber) {
        @Override
        public String toString() {
            return "PersonInput[***]";
        }
    }

    record WebsiteInput(String domain, PersonInput principal) {
    }

    /** The application, and whether this was a replay of an earlier identical submission. */
    record Submission(ApplicationView application, boolean replayed) {
    }
}
