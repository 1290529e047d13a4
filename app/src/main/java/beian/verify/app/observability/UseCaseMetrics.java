package beian.verify.app.observability;

import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.EventType;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.VerifyCodeUseCase;
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
import java.util.List;
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

    /**
     * Counts every verify answer by its outcome, and times submission to full verification from the
     * answer that completed an application (it carries both instants: nothing is read again).
     */
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
                if (result instanceof VerifyCodeUseCase.VerifyCodeResult.Verified v && v.readyAt() != null) {
                    Timer.builder("beian.verification.duration")
                            .description("from submission to the last target verified")
                            .register(registry.get())
                            .record(Duration.between(v.submittedAt(), v.readyAt()));
                }
                return result;
            };
        }
    }

    /** Returns by reason, read off the events as they are appended. */
    @Singleton
    static final class Progress {
        private final BeanProvider<MeterRegistry> registry;

        Progress(BeanProvider<MeterRegistry> registry) {
            this.registry = registry;
        }

        void appended(List<DomainEvent> events) {
            for (DomainEvent event : events) {
                if (event.type() == EventType.RETURNED) {
                    registry.get().counter("beian.returns", "reason", tag(event.reason())).increment();
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
