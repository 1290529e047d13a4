package beian.verify.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc.ApplicationServiceBlockingStub;
import beian.verify.adapters.grpc.v1.ApproveApplicationRequest;
import beian.verify.adapters.grpc.v1.Event;
import beian.verify.adapters.grpc.v1.FiledRecord;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.GetApplicationRequest;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsRequest;
import beian.verify.adapters.grpc.v1.ListApplicationsRequest;
import beian.verify.adapters.grpc.v1.ListApplicationsResponse;
import beian.verify.adapters.grpc.v1.ListReadyForReviewRequest;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.RejectApplicationRequest;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc.ReviewServiceBlockingStub;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Target;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.adapters.grpc.v1.WithdrawApplicationRequest;
import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.in.DispatchSmsUseCase;
import beian.verify.core.port.in.VerifyCodeUseCase;
import beian.verify.core.testing.People;
import beian.verify.core.testing.RecordingSmsSender;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issue's scenarios over the real gRPC server, the real persistence adapter and a real MariaDB
 * (a database of this class's own, dropped afterwards), with two instances of the service on the
 * same database. The only stand-in is the SMS carrier: the core's recording one, to read the codes.
 */
class GrpcEndToEndTest {
    static final String PROVIDER_KEY = "e2e-provider-key";
    static final String OTHER_KEY = "e2e-other-provider-key";
    static final String REVIEWER_KEY = "e2e-reviewer-all-key";
    static final String TJ_REVIEWER_KEY = "e2e-reviewer-tj-key";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    static TestDatabase database;
    static ApplicationContext instanceA;
    static ApplicationContext instanceB;
    static ManagedChannel channelA;
    static ManagedChannel channelB;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.mariaDb("grpc");
        instanceA = instance();
        instanceB = instance();
        channelA = channel(instanceA);
        channelB = channel(instanceB);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ManagedChannel channel : new ManagedChannel[] {channelA, channelB}) {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        for (ApplicationContext context : new ApplicationContext[] {instanceA, instanceB}) {
            if (context != null) {
                context.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    private static ApplicationContext instance() {
        Map<String, Object> p = new HashMap<>(database.properties());
        p.put("beian.test.recording-carrier", "true");
        // The transfer-in texts the principal seconds after the filing did: the carriers' one-a-minute ceiling
        // (SmsCeilingRulesTest) would hold it back. The hour and day ceilings stay on.
        p.put("beian.sms.ceilings.per-phone-per-minute", "0");
        p.put("beian.grpc.keys[0].sha256", sha256(PROVIDER_KEY));
        p.put("beian.grpc.keys[0].provider", "e2e-provider");
        p.put("beian.grpc.keys[1].sha256", sha256(OTHER_KEY));
        p.put("beian.grpc.keys[1].provider", "e2e-other-provider");
        p.put("beian.grpc.keys[2].sha256", sha256(REVIEWER_KEY));
        p.put("beian.grpc.keys[2].reviewer-provinces", List.of("ALL"));
        p.put("beian.grpc.keys[3].sha256", sha256(TJ_REVIEWER_KEY));
        p.put("beian.grpc.keys[3].reviewer-provinces", List.of("TJ"));
        return ApplicationContext.run(EmbeddedServer.class, p, "test").getApplicationContext();
    }

    private static ManagedChannel channel(ApplicationContext instance) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", instance.getBean(GrpcEmbeddedServer.class).getPort())
                .usePlaintext().build();
    }

    static String sha256(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- clients and people ------------------------------------------------------------------

    static <S extends AbstractStub<S>> S withKey(S stub, String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static ApplicationServiceBlockingStub applications(ManagedChannel channel, String key) {
        return withKey(ApplicationServiceGrpc.newBlockingStub(channel), key);
    }

    static ReviewServiceBlockingStub reviews(ManagedChannel channel, String key) {
        return withKey(ReviewServiceGrpc.newBlockingStub(channel), key);
    }

    static String phone(int n) {
        return String.format("137%08d", n);
    }

    static Person person(String name, int n) {
        return Person.newBuilder().setName(name).setPhone(phone(n)).setIdNumber(People.residentId(n)).build();
    }

    static SubmitApplicationRequest newFiling(String province) {
        int n = SERIAL.incrementAndGet();
        return SubmitApplicationRequest.newBuilder().setRequestId("e2e-" + n).setType(FilingType.NEW_FILING)
                .setProvince(province).setSubjectName("端到端科技有限公司").setSubjectPrincipal(person("张三", 2 * n))
                .addWebsites(Website.newBuilder().setDomain("e2e-site" + n + ".cn").setPrincipal(person("李四", 2 * n + 1)))
                .build();
    }

    static SubmitApplicationRequest transferIn(String domain, Person principal) {
        return SubmitApplicationRequest.newBuilder().setRequestId("e2e-transfer-" + SERIAL.incrementAndGet())
                .setType(FilingType.TRANSFER_IN).setProvince("TJ")
                .addWebsites(Website.newBuilder().setDomain(domain).setPrincipal(principal)).build();
    }

    static GetApplicationRequest get(String id) {
        return GetApplicationRequest.newBuilder().setApplicationId(id).build();
    }

    static ApproveApplicationRequest approve(String id, String number) {
        return ApproveApplicationRequest.newBuilder().setApplicationId(id).setFilingNumber(number).build();
    }

    /** Hands queued SMS to the carrier, then the person types the newest code with the ID tail on the page. */
    static void verify(Person person) {
        instanceA.getBean(DispatchSmsUseCase.class).dispatch(100);
        instanceB.getBean(DispatchSmsUseCase.class).dispatch(100);
        String code = lastCode(person.getPhone());
        IssueCaptchaUseCase.IssuedCaptcha captcha = instanceA.getBean(IssueCaptchaUseCase.class).issue();
        VerifyCodeUseCase.VerifyCodeResult result = instanceA.getBean(VerifyCodeUseCase.class).verify(
                new VerifyCodeUseCase.VerifyCodeCommand(person.getPhone(), People.tail(person.getIdNumber()), code,
                        captcha.captchaId(), captcha.answer(), "203.0.113.7"));
        assertThat(result).isInstanceOf(VerifyCodeUseCase.VerifyCodeResult.Verified.class);
    }

    /** The newest code either instance's carrier handed to the phone. */
    static String lastCode(String phone) {
        List<RecordingSmsSender.Sent> sent = new ArrayList<>(instanceA.getBean(RecordingSmsSender.class).callsTo(phone));
        sent.addAll(instanceB.getBean(RecordingSmsSender.class).callsTo(phone));
        assertThat(sent).as("SMS to %s", phone).isNotEmpty();
        return sent.get(sent.size() - 1).code();
    }

    static StatusRuntimeException failure(Runnable call, Status.Code code, String reason) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).startsWith(reason + ": ").doesNotContainIgnoringCase("sql");
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        assertThat(details).isNotNull();
        assertThat(details.getDetailsList()).anySatisfy(any -> {
            assertThat(any.is(ErrorInfo.class)).isTrue();
            try {
                assertThat(any.unpack(ErrorInfo.class).getReason()).isEqualTo(reason);
            } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                throw new AssertionError(ex);
            }
        });
        return e;
    }

    // --- the scenarios -----------------------------------------------------------------------

    @Test
    void aFullLifecycleFromSubmissionToApprovalThenATransferInByASecondProvider() {
        var provider = applications(channelA, PROVIDER_KEY);
        var other = applications(channelB, OTHER_KEY); // the second provider talks to the other instance
        SubmitApplicationRequest filing = newFiling("TJ");
        String domain = filing.getWebsites(0).getDomain();

        Application submitted = provider.submitApplication(filing);
        assertThat(submitted.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);
        assertThat(provider.submitApplication(filing).getApplicationId()).isEqualTo(submitted.getApplicationId());

        verify(filing.getSubjectPrincipal());
        verify(filing.getWebsites(0).getPrincipal());
        Application ready = provider.getApplication(get(submitted.getApplicationId()));
        assertThat(ready.getStatus()).isEqualTo(Application.Status.READY_FOR_REVIEW);
        assertThat(ready.getTargetsList()).allSatisfy(t -> {
            assertThat(t.getStatus()).isEqualTo(Target.Status.VERIFIED);
            assertThat(t.getSmsSentCount()).isEqualTo(1);
        });
        assertThat(reviews(channelB, TJ_REVIEWER_KEY).listReadyForReview(ListReadyForReviewRequest.newBuilder()
                .setProvince("TJ").setPageSize(500).build()).getApplicationsList())
                .extracting(Application::getApplicationId).contains(submitted.getApplicationId());

        Application approved = reviews(channelB, TJ_REVIEWER_KEY).approveApplication(
                approve(submitted.getApplicationId(), "津ICP备26009999号"));
        assertThat(approved.getStatus()).isEqualTo(Application.Status.APPROVED);
        failure(() -> reviews(channelA, REVIEWER_KEY).rejectApplication(RejectApplicationRequest.newBuilder()
                .setApplicationId(submitted.getApplicationId()).setReason("晚了").build()),
                Status.Code.FAILED_PRECONDITION, "WRONG_STATUS");

        Person principal = filing.getWebsites(0).getPrincipal();
        failure(() -> other.submitApplication(transferIn(domain, principal.toBuilder().setPhone(phone(99_999)).build())),
                Status.Code.FAILED_PRECONDITION, "TRANSFER_PHONE_MISMATCH");
        failure(() -> other.submitApplication(transferIn("e2e-unfiled-" + SERIAL.incrementAndGet() + ".cn", principal)),
                Status.Code.FAILED_PRECONDITION, "FILED_RECORD_NOT_FOUND");
        Application transfer = other.submitApplication(transferIn(domain, principal));
        assertThat(transfer.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);
        failure(() -> provider.getApplication(get(transfer.getApplicationId())), Status.Code.NOT_FOUND,
                "APPLICATION_NOT_FOUND");
        verify(principal);
        Application moved = reviews(channelA, REVIEWER_KEY).approveApplication(approve(transfer.getApplicationId(), ""));
        assertThat(moved.getStatus()).isEqualTo(Application.Status.APPROVED);
        assertThat(moved.getFilingNumber()).isEqualTo("津ICP备26009999号");
        assertThat(moved.getProviderId()).isEqualTo("e2e-other-provider");
    }

    @Test
    void theAuthorizationRulesHoldOnTheRealServer() {
        Application mine = applications(channelA, PROVIDER_KEY).submitApplication(newFiling("BJ"));
        failure(() -> applications(channelA, OTHER_KEY).getApplication(get(mine.getApplicationId())),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        failure(() -> applications(channelA, OTHER_KEY).withdrawApplication(WithdrawApplicationRequest.newBuilder()
                .setApplicationId(mine.getApplicationId()).build()), Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        failure(() -> reviews(channelA, TJ_REVIEWER_KEY).approveApplication(approve(mine.getApplicationId(), "京ICP备1号")),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        failure(() -> ApplicationServiceGrpc.newBlockingStub(channelA).listApplications(
                ListApplicationsRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED");
        failure(() -> applications(channelA, "not-a-key").listApplications(ListApplicationsRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED");
        failure(() -> reviews(channelA, PROVIDER_KEY).listReadyForReview(ListReadyForReviewRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "PERMISSION_DENIED");
        assertThat(applications(channelA, PROVIDER_KEY).getApplication(get(mine.getApplicationId())).getStatus())
                .isEqualTo(Application.Status.READY_FOR_REVIEW);
    }

    @Test
    void badInputIsNamedAndNeverStored() {
        var provider = applications(channelA, PROVIDER_KEY);
        SubmitApplicationRequest bad = newFiling("TJ").toBuilder().setSubjectName("x'); DROP TABLE application; --")
                .setWebsites(0, Website.newBuilder().setDomain("bad domain").setPrincipal(person("王五", 1))).build();
        StatusRuntimeException e = failure(() -> provider.submitApplication(bad), Status.Code.INVALID_ARGUMENT,
                "INVALID_ARGUMENT");
        assertThat(e.getStatus().getDescription()).startsWith("INVALID_ARGUMENT: websites[0].domain: ");
        failure(() -> provider.getApplication(get("0190a5b2-7c3e-7abc-8def-0123456789ab")), Status.Code.NOT_FOUND,
                "APPLICATION_NOT_FOUND");
        failure(() -> provider.getApplication(get("1 OR 1=1")), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");

        var imported = reviews(channelA, REVIEWER_KEY).importFiledRecords(ImportFiledRecordsRequest.newBuilder()
                .addRecords(FiledRecord.newBuilder().setDomain("e2e-import.cn").setFilingNumber("津ICP备1号")
                        .setProvince("TJ").setProviderId("earlier").setWebsitePrincipalPhone(phone(5)))
                .addRecords(FiledRecord.newBuilder().setDomain("e2e-import2.cn").setFilingNumber("津ICP备2号")
                        .setProvince("TJ").setProviderId("Bad Provider!").setWebsitePrincipalPhone(phone(6)))
                .build());
        assertThat(imported.getImported()).isEqualTo(1);
        assertThat(imported.getFailures(0).getField()).isEqualTo("records[1].provider_id");
    }

    @Test
    void listsPageWithOpaqueTokens() {
        var other = applications(channelA, OTHER_KEY);
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(other.submitApplication(newFiling("BJ")).getApplicationId());
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            ListApplicationsResponse page = other.listApplications(ListApplicationsRequest.newBuilder()
                    .setPageSize(2).setPageToken(token).build());
            assertThat(page.getApplicationsCount()).isLessThanOrEqualTo(2);
            page.getApplicationsList().forEach(a -> seen.add(a.getApplicationId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty() && seen.size() < 1000);
        assertThat(seen).containsAll(submitted).doesNotHaveDuplicates();
    }

    /** Replay, then live events written through the OTHER instance, in order, phones masked. */
    @Test
    void eventsReplayThenFollowLiveEventsWrittenByAnotherInstance() throws Exception {
        var provider = applications(channelA, PROVIDER_KEY);
        SubmitApplicationRequest first = newFiling("TJ");
        String firstId = provider.submitApplication(first).getApplicationId();

        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        List<Instant> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClientCallStreamObserver<?>[] call = new ClientCallStreamObserver<?>[1];
        withKey(ApplicationServiceGrpc.newStub(channelA), PROVIDER_KEY).watchEvents(WatchEventsRequest.getDefaultInstance(),
                new ClientResponseObserver<WatchEventsRequest, Event>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<WatchEventsRequest> requestStream) {
                        call[0] = requestStream;
                    }

                    @Override
                    public void onNext(Event value) {
                        arrivals.add(Instant.now());
                        events.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        // replay: everything of this provider so far, ending with the first application's submission
        List<Event> replayed = new ArrayList<>();
        Event e;
        do {
            e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("replayed event").isNotNull();
            replayed.add(e);
        } while (!(e.getApplicationId().equals(firstId) && e.getType() == Event.Type.APPLICATION_SUBMITTED));
        assertThat(replayed.get(0).getSequence()).isEqualTo(1);

        Instant written = Instant.now();
        SubmitApplicationRequest second = newFiling("TJ");
        String secondId = applications(channelB, PROVIDER_KEY).submitApplication(second).getApplicationId();
        Event live = events.poll(10, TimeUnit.SECONDS);
        assertThat(live).isNotNull();
        long latency = Duration.between(written, arrivals.get(arrivals.size() - events.size() - 1)).toMillis();
        System.out.printf("BENCHMARK WatchEvents on MariaDB: an event written by instance B reached a watcher on "
                + "instance A after %d ms (poll interval 200 ms)%n", latency);
        assertThat(live.getApplicationId()).isEqualTo(secondId);
        assertThat(live.getType()).isEqualTo(Event.Type.APPLICATION_SUBMITTED);

        verify(second.getSubjectPrincipal());
        List<Event> after = new ArrayList<>(List.of(live));
        while (after.stream().noneMatch(x -> x.getType() == Event.Type.TARGET_VERIFIED)) {
            Event next = events.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("events up to TARGET_VERIFIED").isNotNull();
            after.add(next);
        }
        List<Event> all = new ArrayList<>(replayed);
        all.addAll(after);
        assertThat(all).extracting(Event::getSequence).isSorted().doesNotHaveDuplicates();
        assertThat(all).filteredOn(x -> !x.getMaskedPhone().isEmpty())
                .allSatisfy(x -> assertThat(x.getMaskedPhone()).matches("1\\d{2}\\*{4}\\d{4}"));
        assertThat(all.toString()).doesNotContain(second.getSubjectPrincipal().getPhone(),
                first.getSubjectPrincipal().getPhone());
        String phone = second.getSubjectPrincipal().getPhone();
        assertThat(after).filteredOn(x -> x.getType() == Event.Type.TARGET_VERIFIED).singleElement()
                .satisfies(x -> assertThat(x.getMaskedPhone()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7)));
        call[0].cancel("done", null);
    }

    @Test
    void healthIsServingOnTheRealDatabaseWithoutAKey() {
        // the indicator gRPC health follows by default (beian.grpc.health.indicators: jdbc) is there and UP
        List<io.micronaut.management.health.indicator.HealthResult> results = instanceA
                .getBeansOfType(io.micronaut.management.health.indicator.HealthIndicator.class).stream()
                .map(i -> reactor.core.publisher.Mono.from(i.getResult()).block(Duration.ofSeconds(10)))
                .filter(java.util.Objects::nonNull).toList();
        assertThat(results).anySatisfy(r -> {
            assertThat(r.getName()).isEqualTo("jdbc");
            assertThat(r.getStatus()).isEqualTo(io.micronaut.health.HealthStatus.UP);
        });
        assertThat(HealthGrpc.newBlockingStub(channelA).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        assertThat(HealthGrpc.newBlockingStub(channelB).check(HealthCheckRequest.newBuilder()
                .setService(ReviewServiceGrpc.SERVICE_NAME).build()).getStatus()).isEqualTo(ServingStatus.SERVING);
    }
}
