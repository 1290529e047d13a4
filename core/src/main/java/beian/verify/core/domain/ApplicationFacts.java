package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What was submitted, fixed for the application's whole life: who, what, where and by when.
 *
 * @param requestFingerprint    keyed hash of the submission's content, to tell a replay from a reused request id
 * @param subjectPrincipalPhone the subject principal's phone ({@code null} when the type names none)
 * @param autoResendAt          when the automatic resend is due ({@code null}: none, e.g. it would fall after the deadline)
 */
public record ApplicationFacts(
        ApplicationId id,
        ProviderId provider,
        RequestId requestId,
        String requestFingerprint,
        FilingType type,
        ProvinceCode province,
        String subjectName,
        boolean subjectChanged,
        PhoneNumber subjectPrincipalPhone,
        Instant submittedAt,
        Instant deadline,
        Instant autoResendAt) {

    public ApplicationFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(deadline, "deadline");
    }
}
