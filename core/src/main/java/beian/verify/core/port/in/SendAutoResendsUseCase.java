package beian.verify.core.port.in;

/** The automatic resend at noon the day after submission, to targets still pending; a scheduled job calls it. */
public interface SendAutoResendsUseCase {
    /** Handles one batch of at most {@code batchSize} due applications. */
    WorkReport sendAutoResends(int batchSize);
}
