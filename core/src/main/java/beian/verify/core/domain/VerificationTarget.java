package beian.verify.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One person with one phone who must verify one application, and so gets codes. Several roles of
 * the same person (same ID number, same phone) make a single target. Immutable: the application
 * replaces it on every change.
 *
 * @param number         1-based position within its application
 * @param idTailHash     keyed hash of the ID tail; the ID itself is never kept
 * @param codeHashes     keyed hashes of every code sent; each stays valid until the deadline
 * @param manualResends  manual resends so far
 */
public record VerificationTarget(
        int number,
        Set<Role> roles,
        PhoneNumber phone,
        IdType idType,
        String idTailHash,
        TargetStatus status,
        int idFailures,
        List<String> codeHashes,
        int smsSentCount,
        int manualResends,
        Instant lastManualResendAt,
        Instant verifiedAt) {

    public VerificationTarget {
        if (number < 1) {
            throw new IllegalArgumentException("target number must be positive");
        }
        roles = Set.copyOf(roles);
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(idType, "idType");
        Objects.requireNonNull(idTailHash, "idTailHash");
        Objects.requireNonNull(status, "status");
        codeHashes = List.copyOf(codeHashes);
    }

    /** A target that has had no code yet. */
    public static VerificationTarget fresh(int number, Set<Role> roles, PhoneNumber phone, IdType idType, String idTailHash) {
        return new VerificationTarget(number, roles, phone, idType, idTailHash, TargetStatus.PENDING, 0,
                List.of(), 0, 0, null, null);
    }

    public boolean isPending() {
        return status == TargetStatus.PENDING;
    }

    public boolean hasCode(String codeHash) {
        return codeHashes.contains(codeHash);
    }

    VerificationTarget withCode(String codeHash) {
        List<String> codes = new ArrayList<>(codeHashes);
        codes.add(codeHash);
        return new VerificationTarget(number, roles, phone, idType, idTailHash, status, idFailures, codes,
                smsSentCount, manualResends, lastManualResendAt, verifiedAt);
    }

    VerificationTarget verified(Instant at) {
        return new VerificationTarget(number, roles, phone, idType, idTailHash, TargetStatus.VERIFIED, idFailures,
                codeHashes, smsSentCount, manualResends, lastManualResendAt, at);
    }

    VerificationTarget withIdFailure(boolean failed) {
        return new VerificationTarget(number, roles, phone, idType, idTailHash,
                failed ? TargetStatus.FAILED : status, idFailures + 1, codeHashes, smsSentCount, manualResends,
                lastManualResendAt, verifiedAt);
    }

    VerificationTarget withSmsSent() {
        return new VerificationTarget(number, roles, phone, idType, idTailHash, status, idFailures, codeHashes,
                smsSentCount + 1, manualResends, lastManualResendAt, verifiedAt);
    }

    VerificationTarget withManualResend(Instant at) {
        return new VerificationTarget(number, roles, phone, idType, idTailHash, status, idFailures, codeHashes,
                smsSentCount, manualResends + 1, at, verifiedAt);
    }

    @Override
    public String toString() {
        return "VerificationTarget[" + number + ", " + roles + ", " + phone.masked() + ", " + status + "]";
    }
}
