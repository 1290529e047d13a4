package beian.verify.core.domain;

/** The outcome of a status change asked of an application. */
public sealed interface Transition {
    /** The change happened. */
    record Done(ApplicationStatus newStatus) implements Transition {
    }

    /** The application is not in a status that allows the change. */
    record WrongStatus(ApplicationStatus current) implements Transition {
    }
}
