package beian.verify.adapters.grpc;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApproveApplicationRequest;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsRequest;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsResponse;
import beian.verify.adapters.grpc.v1.ListApplicationsResponse;
import beian.verify.adapters.grpc.v1.ListReadyForReviewRequest;
import beian.verify.adapters.grpc.v1.RejectApplicationRequest;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.core.port.in.ApproveApplicationUseCase;
import beian.verify.core.port.in.ApproveApplicationUseCase.ApproveApplicationCommand;
import beian.verify.core.port.in.ImportFiledRecordsUseCase;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.ImportFiledRecordsCommand;
import beian.verify.adapters.grpc.v1.ListAuditRecordsRequest;
import beian.verify.adapters.grpc.v1.ListAuditRecordsResponse;
import beian.verify.core.port.in.ListAuditRecordsUseCase;
import beian.verify.core.port.in.ListAuditRecordsUseCase.ListAuditRecordsQuery;
import beian.verify.core.port.in.ListReadyForReviewUseCase;
import beian.verify.core.port.in.ListReadyForReviewUseCase.ListReadyForReviewQuery;
import beian.verify.core.port.in.RejectApplicationUseCase;
import beian.verify.core.port.in.RejectApplicationUseCase.RejectApplicationCommand;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** ReviewService for the 管局 review system: translates messages to the use cases and back, nothing more. */
@Singleton
class ReviewGrpcEndpoint extends ReviewServiceGrpc.ReviewServiceImplBase {
    private final ListReadyForReviewUseCase readyForReview;
    private final ApproveApplicationUseCase approvals;
    private final RejectApplicationUseCase rejections;
    private final ImportFiledRecordsUseCase imports;
    private final ListAuditRecordsUseCase audit;

    ReviewGrpcEndpoint(ListReadyForReviewUseCase readyForReview, ApproveApplicationUseCase approvals,
                       RejectApplicationUseCase rejections, ImportFiledRecordsUseCase imports,
                       ListAuditRecordsUseCase audit) {
        this.readyForReview = readyForReview;
        this.approvals = approvals;
        this.rejections = rejections;
        this.imports = imports;
        this.audit = audit;
    }

    @Override
    public void listAuditRecords(ListAuditRecordsRequest request, StreamObserver<ListAuditRecordsResponse> observer) {
        Replies.reply("ListAuditRecords", observer,
                () -> audit.list(new ListAuditRecordsQuery(CallerInterceptor.reviewer(), request.getProvince(),
                        request.getPhone(), request.getApplicationId(),
                        request.hasFrom() ? GrpcMapper.instant(request.getFrom()) : null,
                        request.hasTo() ? GrpcMapper.instant(request.getTo()) : null,
                        request.getPageSize(), request.getPageToken())), GrpcMapper::auditPage);
    }

    @Override
    public void listReadyForReview(ListReadyForReviewRequest request, StreamObserver<ListApplicationsResponse> observer) {
        Replies.reply("ListReadyForReview", observer,
                () -> readyForReview.list(new ListReadyForReviewQuery(CallerInterceptor.reviewer(), request.getProvince(),
                        request.getPageSize(), request.getPageToken())), GrpcMapper::page);
    }

    @Override
    public void approveApplication(ApproveApplicationRequest request, StreamObserver<Application> observer) {
        Replies.reply("ApproveApplication", observer,
                () -> approvals.approve(new ApproveApplicationCommand(CallerInterceptor.reviewer(),
                        request.getApplicationId(), request.getFilingNumber())), GrpcMapper::application);
    }

    @Override
    public void rejectApplication(RejectApplicationRequest request, StreamObserver<Application> observer) {
        Replies.reply("RejectApplication", observer,
                () -> rejections.reject(new RejectApplicationCommand(CallerInterceptor.reviewer(),
                        request.getApplicationId(), request.getReason())), GrpcMapper::application);
    }

    /** Per-record refusals come back in the response; a refusal of the whole request is the call's status. */
    @Override
    public void importFiledRecords(ImportFiledRecordsRequest request, StreamObserver<ImportFiledRecordsResponse> observer) {
        Replies.reply("ImportFiledRecords", observer,
                () -> imports.importRecords(new ImportFiledRecordsCommand(CallerInterceptor.reviewer(),
                        GrpcMapper.records(request.getRecordsList()))), GrpcMapper::importReport);
    }
}
