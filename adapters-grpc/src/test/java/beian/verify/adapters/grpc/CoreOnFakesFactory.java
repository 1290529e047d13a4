package beian.verify.adapters.grpc;

import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.service.ApplicationService;
import beian.verify.core.testing.CoreFixture;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Instant;

/** The real core services, wired on the core's in-memory fakes, as the beans the endpoints need. */
@Factory
class CoreOnFakesFactory {
    /** A Monday, 10:00 in Shanghai: TJ and GS verify by SMS, BJ does not. */
    static final Instant START = Instant.parse("2026-03-02T02:00:00Z");

    @Singleton
    CoreFixture coreFixture() {
        return new CoreFixture(START);
    }

    @Singleton
    SubmitApplicationUseCase submissions(CoreFixture fixture) {
        return fixture.submission;
    }

    @Singleton
    ApplicationService applications(CoreFixture fixture) {
        return fixture.service;
    }
}
