package beian.verify.core.port.out;

/** Tells the SMS dispatcher that messages were queued, so they go out at once rather than at its next tick. */
public interface DispatchSignal {
    void messagesQueued();

    /** A signal nobody listens to (the dispatcher's schedule alone sends). */
    DispatchSignal NONE = () -> { };
}
