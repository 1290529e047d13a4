package beian.verify.app.observability;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.EventType;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.VerifyCodeUseCase;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.ProviderId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * The business meters, counted where the core's answers pass the app's wiring, so neither the core nor an
 * adapter knows about them:
 * <ul>
 *   <li>{@code beian.submissions} by {@code type} and {@code province}: applications accepted (replays not counted);</li>
 *   <li>{@code beian.verifications} by {@code outcome}: every answer to a verify (VERIFIED, RECORD_NOT_FOUND, …);</li>
 *   <li>{@code beian.returns} by {@code reason}: applications returned to their provider;</li>
 *   <li>{@code beian.verification.duration}: from submission to the last target verified (READY_FOR_REVIEW).</li>
 * </ul>
 * A transaction that rolls back after counting leaves a counter a hair high, never low.
 */
final class UseCaseMetrics {
    private UseCaseMetrics() {
    }

    static String tag(Object value) {
        return value == null ? "none" : value.toString().toLowerCase(Locale.ROOT);
    }

    /** Counts accepted submissions. */
    @Singleton
    static final class Submissions implements BeanCreatedEventListener<SubmitApplicationUseCase> {
        private final BeanProvider<MeterRegistry> registry;

        Submissions(BeanProvider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public SubmitApplicationUseCase onCreated(BeanCreatedEvent<SubmitApplicationUseCase> event) {
            SubmitApplicationUseCase submit = event.getBean();
            return command -> {
                Outcome<SubmitApplicationUseCase.Submission> outcome = submit.submit(command);
                if (outcome instanceof Outcome.Ok<SubmitApplicationUseCase.Submission> ok && !ok.value().replayed()) {
                    registry.get().counter("beian.submissions", "type", tag(command.type()),
                            "province", String.valueOf(command.province()).toUpperCase(Locale.ROOT)).increment();
                }
                return outcome;
            };
        }
    }

    /** Counts every verify answer by its outcome. */
    @Singleton
    static final class Verifications implements BeanCreatedEventListener<VerifyCodeUseCase> {
        private final BeanProvider<MeterRegistry> registry;

        Verifications(BeanProvider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public VerifyCodeUseCase onCreated(BeanCreatedEvent<VerifyCodeUseCase> event) {
            VerifyCodeUseCase verify = event.getBean();
            return command -> {
                VerifyCodeUseCase.VerifyCodeResult result = verify.verify(command);
                registry.get().counter("beian.verifications", "outcome", tag(result.outcome())).increment();
                return result;
            };
        }
    }

    /**
     * Returns by reason, and the time from submission to full verification, read off the events as
     * they are appended. The READY_FOR_REVIEW event carries no submission time, so the application is
     * read once more then (one primary-key read per application, in the same transaction).
     */
    @Singleton
    static final class Progress {
        private final BeanProvider<MeterRegistry> registry;
        private final BeanProvider<ApplicationQueries> applications;

        Progress(BeanProvider<MeterRegistry> registry, BeanProvider<ApplicationQueries> applications) {
            this.registry = registry;
            this.applications = applications;
        }

        void appended(List<DomainEvent> events) {
            Set<ApplicationId> submittedNow = new HashSet<>();
            for (DomainEvent event : events) {
                if (event.type() == EventType.APPLICATION_SUBMITTED) {
                    submittedNow.add(event.applicationId()); // straight to review: nobody verified
                } else if (event.type() == EventType.RETURNED) {
                    registry.get().counter("beian.returns", "reason", tag(event.reason())).increment();
                } else if (event.type() == EventType.READY_FOR_REVIEW && !submittedNow.contains(event.applicationId())) {
                    applications.get().findById(event.applicationId()).ifPresent(application ->
                            Timer.builder("beian.verification.duration")
                                    .description("from submission to the last target verified")
                                    .register(registry.get())
                                    .record(Duration.between(application.facts().submittedAt(), event.occurredAt())));
                }
            }
        }
    }

    @Singleton
    static final class ProgressOfEvents implements BeanCreatedEventListener<EventStore> {
        private final Progress progress;

        ProgressOfEvents(Progress progress) {
            this.progress = progress;
        }

        @Override
        public EventStore onCreated(BeanCreatedEvent<EventStore> event) {
            EventStore events = event.getBean();
            return new EventStore() {
                @Override
                public void append(List<DomainEvent> appended) {
                    events.append(appended);
                    progress.appended(appended);
                }

                @Override
                public List<RecordedEvent> readAfter(ProviderId provider, long afterSequence, int limit) {
                    return events.readAfter(provider, afterSequence, limit);
                }
            };
        }
    }
}
