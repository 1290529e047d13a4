package beian.verify.core.domain;

/** An event with its place in its provider's ordered stream. */
public record RecordedEvent(long sequence, DomainEvent event) {
}
