package beian.verify.adapters.grpc;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.Event;
import beian.verify.adapters.grpc.v1.GetApplicationRequest;
import beian.verify.adapters.grpc.v1.ListApplicationsRequest;
import beian.verify.adapters.grpc.v1.ListApplicationsResponse;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import beian.verify.adapters.grpc.v1.WithdrawApplicationRequest;
import beian.verify.core.port.in.GetApplicationUseCase;
import beian.verify.core.port.in.GetApplicationUseCase.GetApplicationQuery;
import beian.verify.core.port.in.ListApplicationsUseCase;
import beian.verify.core.port.in.ListApplicationsUseCase.ListApplicationsQuery;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.WithdrawApplicationUseCase;
import beian.verify.core.port.in.WithdrawApplicationUseCase.WithdrawApplicationCommand;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** ApplicationService for access providers: translates messages to the use cases and back, nothing more. */
@Singleton
class ApplicationGrpcEndpoint extends ApplicationServiceGrpc.ApplicationServiceImplBase {
    private final SubmitApplicationUseCase submissions;
    private final GetApplicationUseCase applications;
    private final ListApplicationsUseCase lists;
    private final WithdrawApplicationUseCase withdrawals;
    private final EventFeed events;

    ApplicationGrpcEndpoint(SubmitApplicationUseCase submissions, GetApplicationUseCase applications,
                            ListApplicationsUseCase lists, WithdrawApplicationUseCase withdrawals, EventFeed events) {
        this.submissions = submissions;
        this.applications = applications;
        this.lists = lists;
        this.withdrawals = withdrawals;
        this.events = events;
    }

    @Override
    public void submitApplication(SubmitApplicationRequest request, StreamObserver<Application> observer) {
        Replies.reply("SubmitApplication", observer,
                () -> submissions.submit(GrpcMapper.command(CallerInterceptor.provider().id(), request)),
                submission -> GrpcMapper.application(submission.application()));
    }

    @Override
    public void getApplication(GetApplicationRequest request, StreamObserver<Application> observer) {
        Replies.reply("GetApplication", observer,
                () -> applications.get(new GetApplicationQuery(CallerInterceptor.provider(), request.getApplicationId())),
                GrpcMapper::application);
    }

    @Override
    public void listApplications(ListApplicationsRequest request, StreamObserver<ListApplicationsResponse> observer) {
        Replies.reply("ListApplications", observer,
                () -> lists.list(new ListApplicationsQuery(CallerInterceptor.provider().id(),
                        GrpcMapper.status(request.getStatus()), request.getPageSize(), request.getPageToken())),
                GrpcMapper::page);
    }

    @Override
    public void withdrawApplication(WithdrawApplicationRequest request, StreamObserver<Application> observer) {
        Replies.reply("WithdrawApplication", observer,
                () -> withdrawals.withdraw(new WithdrawApplicationCommand(CallerInterceptor.provider().id(),
                        request.getApplicationId())), GrpcMapper::application);
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<Event> observer) {
        if (request.getAfterSequence() < 0) {
            observer.onError(GrpcErrors.invalid("after_sequence", "must not be negative"));
            return;
        }
        events.watch(CallerInterceptor.provider().id(), request.getAfterSequence(),
                (ServerCallStreamObserver<Event>) observer);
    }
}
