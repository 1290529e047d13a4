package beian.verify.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One person with one phone who must verify one application, and so gets one code. Several roles
 * of the same person (same ID number, same phone) make a single target. Immutable: the application
 * replaces it on every change.
 *
 * @param number         1-based position within its application
 * @param idTailHash     keyed hash of the ID tail; the ID itself is never kept
 * @param codeHashes     keyed hashes of the codes the target holds, each valid until the deadline: its one
 *                       code; a target stored before codes were derived also keeps the random codes it was sent
 * @param codeDraw       the draw of the target's code, a random number (the code is derived from the
 *                       server key, the application, the target and this number, and never stored);
 *                       {@code null} until its first SMS, and for a target stored before codes were
 *                       derived until its next one
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
        Integer codeDraw,
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
        if (codeDraw != null && codeDraw < 0) {
            throw new IllegalArgumentException("code draw must not be negative");
        }
    }

    /** A target that has had no code yet. */
    public static VerificationTarget fresh(int number, Set<Role> roles, PhoneNumber phone, IdType idType, String idTailHash) {
        return new VerificationTarget(number, roles, phone, idType, idTailHash, TargetStatus.PENDING, 0,
                List.of(), null, 0, 0, null, null);
    }

    public boolean isPending() {
        return status == TargetStatus.PENDING;
    }

    public boolean hasCode(String codeHash) {
        return codeHashes.contains(codeHash);
    }

    /** Whether the target holds its one code (drawn once, repeated by every SMS after). */
    public boolean holdsItsCode() {
        return codeDraw != null;
    }

    /** The target's one code, of this draw and keyed hash; codes it held before stay valid. */
    VerificationTarget withCodeOfDraw(int draw, String codeHash) {
        if (codeDraw != null) {
            throw new IllegalStateException("target " + number + " holds its code already");
        }
        List<String> codes = new ArrayList<>(codeHashes);
        if (!codes.contains(codeHash)) {
            codes.add(codeHash);
        }
        return new VerificationTarget(number, roles, phone, idType, idTailHash, status, idFailures, codes, draw,
                smsSentCount, manualResends, lastManualResendAt, verifiedAt);
    }

    VerificationTarget verified(Instant at) {
        return new VerificationTarget(number, roles, phone, idType, idTailHash, TargetStatus.VERIFIED, idFailures,
                codeHashes, codeDraw, smsSentCount, manualResends, lastManualResendAt, at);
    }

    VerificationTarget withIdFailure(boolean failed) {
        return new VerificationTarget(number, roles, phone, idType, idTailHash,
                failed ? TargetStatus.FAILED : status, idFailures + 1, codeHashes, codeDraw, smsSentCount, manualResends,
                lastManualResendAt, verifiedAt);
    }

    VerificationTarget withSmsSent() {
        return new VerificationTarget(number, roles, phone, idType, idTailHash, status, idFailures, codeHashes,
                codeDraw, smsSentCount + 1, manualResends, lastManualResendAt, verifiedAt);
    }

    VerificationTarget withManualResend(Instant at) {
        return new VerificationTarget(number, roles, phone, idType, idTailHash, status, idFailures, codeHashes,
                codeDraw, smsSentCount, manualResends + 1, at, verifiedAt);
    }

    @Override
    public String toString() {
        return "VerificationTarget[" + number + ", " + roles + ", " + phone.masked() + ", " + status + "]";
    }
}
