package beian.verify.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a filing application holds, as one immutable value: what storage keeps, and what
 * {@link FilingApplication#restore(ApplicationRecord)} rebuilds the aggregate from.
 *
 * @param requestFingerprint keyed hash of the submission's content, to tell a replay from a reused request id
 * @param autoResendAt       when the automatic resend is due ({@code null}: none, e.g. it would fall after the deadline)
 * @param version            bumped on every save; storage may use it for optimistic locking
 */
public record ApplicationRecord(
        ApplicationId id,
        ProviderId provider,
        RequestId requestId,
        String requestFingerprint,
        FilingType type,
        ProvinceCode province,
        String subjectName,
        boolean subjectChanged,
        PhoneNumber subjectPrincipalPhone,
        List<Website> websites,
        List<VerificationTarget> targets,
        ApplicationStatus status,
        ReturnReason returnReason,
        Instant submittedAt,
        Instant deadline,
        Instant autoResendAt,
        boolean autoResendDone,
        FilingNumber filingNumber,
        String rejectReason,
        long version) {

    public ApplicationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(deadline, "deadline");
        websites = List.copyOf(websites);
        targets = List.copyOf(targets);
    }
}
