package beian.verify.core.port.in;

import java.util.List;

/** The work that falls due with time; scheduled jobs call it. Each call handles one batch and reports per item. */
public interface RunDueWorkUseCase {

    /** Returns the applications whose deadline has come (VERIFICATION_TIMEOUT). */
    WorkReport returnExpired(int batchSize);

    /** Sends the automatic resend (noon the day after submission) to targets still pending. */
    WorkReport sendAutoResends(int batchSize);

    /** Hands queued SMS that are due to the carrier. */
    WorkReport dispatchSms(int batchSize);

    /** Drops captchas that expired unanswered (answered ones are gone already); returns how many. */
    int purgeExpiredCaptchas();

    /** How a batch went: items done, items found no longer due, and each item that failed. */
    record WorkReport(int done, int skipped, List<ItemError> errors) {
        public static final WorkReport EMPTY = new WorkReport(0, 0, List.of());

        public int handled() {
            return done + skipped + errors.size();
        }
    }

    record ItemError(String item, String error) {
    }
}
