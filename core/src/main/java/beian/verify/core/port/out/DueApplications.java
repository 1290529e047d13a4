package beian.verify.core.port.out;

import beian.verify.core.domain.ApplicationId;
import java.time.Instant;
import java.util.List;

/** What time has made due, selected from storage (never kept in memory), for the scheduled work. */
public interface DueApplications {

    /** Ids of PENDING_VERIFICATION applications whose deadline is at or before {@code now}. */
    List<ApplicationId> findDueForReturn(Instant now, int limit);

    /** Ids of PENDING_VERIFICATION applications whose automatic resend is due and not done, before their deadline. */
    List<ApplicationId> findDueForAutoResend(Instant now, int limit);
}
