package beian.verify.adapters.grpc;

import beian.verify.core.port.in.ApproveApplicationUseCase;
import beian.verify.core.port.in.GetApplicationUseCase;
import beian.verify.core.port.in.ImportFiledRecordsUseCase;
import beian.verify.core.port.in.ListApplicationsUseCase;
import beian.verify.core.port.in.ListAuditRecordsUseCase;
import beian.verify.core.port.in.ListReadyForReviewUseCase;
import beian.verify.core.port.in.ReadEventsUseCase;
import beian.verify.core.port.in.RejectApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.WithdrawApplicationUseCase;
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
    GetApplicationUseCase applications(CoreFixture fixture) {
        return fixture.applicationQuery;
    }

    @Singleton
    ListApplicationsUseCase lists(CoreFixture fixture) {
        return fixture.applicationList;
    }

    @Singleton
    WithdrawApplicationUseCase withdrawals(CoreFixture fixture) {
        return fixture.withdrawals;
    }

    @Singleton
    ReadEventsUseCase events(CoreFixture fixture) {
        return fixture.eventReader;
    }

    @Singleton
    ListAuditRecordsUseCase audit(CoreFixture fixture) {
        return fixture.auditList;
    }

    @Singleton
    ListReadyForReviewUseCase readyForReview(CoreFixture fixture) {
        return fixture.reviewList;
    }

    @Singleton
    ApproveApplicationUseCase approvals(CoreFixture fixture) {
        return fixture.approvals;
    }

    @Singleton
    RejectApplicationUseCase rejections(CoreFixture fixture) {
        return fixture.rejections;
    }

    @Singleton
    ImportFiledRecordsUseCase imports(CoreFixture fixture) {
        return fixture.imports;
    }
}
