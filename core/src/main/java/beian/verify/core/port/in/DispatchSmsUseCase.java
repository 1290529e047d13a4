package beian.verify.core.port.in;

/** Hands queued SMS that are due to the carrier, recording what it said; a scheduled job calls it. */
public interface DispatchSmsUseCase {
    /** Claims and sends one batch of at most {@code batchSize} messages. */
    WorkReport dispatch(int batchSize);
}
