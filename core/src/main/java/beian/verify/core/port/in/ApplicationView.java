package beian.verify.core.port.in;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ReturnReason;
import beian.verify.core.domain.Role;
import beian.verify.core.domain.TargetStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What a caller may see of an application: phones masked, no hashes. */
public record ApplicationView(
        String applicationId,
        String providerId,
        String requestId,
        FilingType type,
        String province,
        ApplicationStatus status,
        ReturnReason returnReason,
        Instant submittedAt,
        Instant deadline,
        List<TargetView> targets,
        String filingNumber,
        String rejectReason) {

    /** One verification target as shown to its provider. */
    public record TargetView(int number, Set<Role> roles, String maskedPhone, TargetStatus status, int smsSentCount) {
    }
}
