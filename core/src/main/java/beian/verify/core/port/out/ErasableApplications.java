package beian.verify.core.port.out;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ClosedApplication;
import java.time.Instant;
import java.util.List;

/**
 * Erasing personal data past retention (DOMAIN.md "Privacy"). Every method runs in the caller's
 * transaction, so a batch is erased whole or not at all.
 */
public interface ErasableApplications {

    /**
     * Claims, oldest first, up to {@code limit} applications closed (RETURNED, APPROVED, REJECTED)
     * before {@code cutoff}: each is locked until commit, and one another transaction holds is
     * skipped, so two instances never take the same application.
     */
    List<ClosedApplication> claimClosedBefore(Instant cutoff, int limit);

    /**
     * Erases claimed applications with everything personal that points at them: the application and
     * its targets and websites (phones, names, ID-tail and code hashes, request fingerprint, reject
     * reason), its queued and sent SMS (phones, texts), its audit records, and the masked phones and
     * free text of its events (the events themselves stay, so streams keep their sequences). Then the
     * throttle rows of their phones, where no open application (PENDING_VERIFICATION or
     * READY_FOR_REVIEW) has the phone and no lock holds at {@code now}.
     */
    void erase(List<ApplicationId> ids, Instant now);

    /**
     * Erases up to {@code limit} audit records older than {@code cutoff} that name no application
     * (attempts that matched nothing); returns how many. Two instances never erase the same one twice.
     */
    int eraseUnattributedAuditBefore(Instant cutoff, int limit);
}
