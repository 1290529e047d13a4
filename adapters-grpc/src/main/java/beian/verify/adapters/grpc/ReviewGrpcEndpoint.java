package beian.verify.adapters.grpc;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApproveApplicationRequest;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsRequest;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsResponse;
import beian.verify.adapters.grpc.v1.ListApplicationsResponse;
import beian.verify.adapters.grpc.v1.ListReadyForReviewRequest;
import beian.verify.adapters.grpc.v1.RejectApplicationRequest;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.core.port.in.ImportFiledRecordsUseCase;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.ImportReport;
import beian.verify.core.port.in.ManageApplicationUseCase;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.QueryApplicationsUseCase;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** ReviewService for the 管局 review system: translates messages to the use cases and back, nothing more. */
@Singleton
class ReviewGrpcEndpoint extends ReviewServiceGrpc.ReviewServiceImplBase {
    private final QueryApplicationsUseCase queries;
    private final ManageApplicationUseCase management;
    private final ImportFiledRecordsUseCase imports;

    ReviewGrpcEndpoint(QueryApplicationsUseCase queries, ManageApplicationUseCase management,
                       ImportFiledRecordsUseCase imports) {
        this.queries = queries;
        this.management = management;
        this.imports = imports;
    }

    @Override
    public void listReadyForReview(ListReadyForReviewRequest request, StreamObserver<ListApplicationsResponse> observer) {
        Replies.reply("ListReadyForReview", observer,
                () -> queries.listReadyForReview(CallerInterceptor.reviewer(), request.getProvince(),
                        request.getPageSize(), request.getPageToken()), GrpcMapper::page);
    }

    @Override
    public void approveApplication(ApproveApplicationRequest request, StreamObserver<Application> observer) {
        Replies.reply("ApproveApplication", observer,
                () -> management.approve(CallerInterceptor.reviewer(), request.getApplicationId(),
                        request.getFilingNumber()), GrpcMapper::application);
    }

    @Override
    public void rejectApplication(RejectApplicationRequest request, StreamObserver<Application> observer) {
        Replies.reply("RejectApplication", observer,
                () -> management.reject(CallerInterceptor.reviewer(), request.getApplicationId(), request.getReason()),
                GrpcMapper::application);
    }

    /**
     * Per-record refusals come back in the response; a refusal of the whole request (too many
     * records, index -1) is the call's status.
     */
    @Override
    public void importFiledRecords(ImportFiledRecordsRequest request, StreamObserver<ImportFiledRecordsResponse> observer) {
        Replies.reply("ImportFiledRecords", observer, () -> {
            ImportReport report = imports.importRecords(CallerInterceptor.reviewer(),
                    GrpcMapper.records(request.getRecordsList()));
            return report.failures().stream().filter(f -> f.index() < 0).findFirst()
                    .<Outcome<ImportReport>>map(f -> Outcome.failed(f.failure()))
                    .orElseGet(() -> Outcome.ok(report));
        }, GrpcMapper::importReport);
    }
}
