package beian.verify.app.demo;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ApproveApplicationRequest;
import beian.verify.adapters.grpc.v1.Event;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.core.domain.ResidentIdNumber;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client for a newcomer, against a service running in the dev environment (its demo keys):
 * <pre>
 *   ./mvnw -q -pl app -am test-compile -Dmaven.test.skip exec:java@demo           # submit a NEW_FILING, watch
 *   ./mvnw -q -pl app -am test-compile -Dmaven.test.skip exec:java@demo -Dexec.args="approve ID"
 * </pre>
 * {@code test-compile -Dmaven.test.skip}, not {@code compile}: exec:java resolves test dependencies, and
 * the reactor hands a module's test-jar (core's, adapters-sms's) over only from that phase on; the skip
 * keeps it from compiling or running any test.
 * {@code BEIAN_GRPC_TARGET} (default {@code localhost:50051}) and {@code BEIAN_HTTP} (default
 * {@code http://localhost:8080}, only printed) point it elsewhere.
 */
public final class DemoClient {
    static final String PROVIDER_KEY = "demo-provider-key";
    static final String REVIEWER_KEY = "demo-reviewer-key";

    private DemoClient() {
    }

    public static void main(String[] args) throws InterruptedException {
        String target = env("BEIAN_GRPC_TARGET", "localhost:50051");
        String http = env("BEIAN_HTTP", "http://localhost:8080");
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        try {
            if (args.length >= 2 && args[0].equals("approve")) {
                approve(channel, args[1]);
            } else if (args.length == 0 || args[0].equals("submit")) {
                submitAndWatch(channel, http);
            } else {
                System.err.println("usage: demo [submit] | demo approve <applicationId>");
                System.exit(2);
            }
        } catch (StatusRuntimeException e) {
            System.err.println("demo: " + e.getStatus().getCode() + " " + e.getStatus().getDescription()
                    + (e.getStatus().getCode() == Status.Code.UNAVAILABLE
                    ? " (is the service running? MICRONAUT_ENVIRONMENTS=dev ./mvnw -pl app -am mn:run)" : ""));
            System.exit(1);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void submitAndWatch(ManagedChannel channel, String http) {
        ApplicationServiceGrpc.ApplicationServiceBlockingStub provider =
                ApplicationServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(PROVIDER_KEY));
        long since = lastSequence(provider);
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        String subjectPhone = "1380013" + n;
        String websitePhone = "1390013" + n;
        String subjectId = residentId("11010519900101" + String.format("%03d", n % 1000));
        String websiteId = residentId("12010419880202" + String.format("%03d", n % 1000));
        Application application = provider.submitApplication(SubmitApplicationRequest.newBuilder()
                .setRequestId("demo-" + Instant.now().toEpochMilli())
                .setType(FilingType.NEW_FILING)
                .setProvince("TJ")
                .setSubjectName("示例科技有限公司")
                .setSubjectPrincipal(person("张三", subjectPhone, subjectId))
                .addWebsites(Website.newBuilder().setDomain("demo" + n + ".example.cn")
                        .setPrincipal(person("李四", websitePhone, websiteId)))
                .build());
        String id = application.getApplicationId();
        System.out.println("Submitted NEW_FILING " + id + " in TJ: " + application.getStatus());
        System.out.println();
        System.out.println("Two people must now verify, each on the page " + http + "/ :");
        for (String[] who : new String[][] {{"subject principal 张三", subjectPhone, subjectId},
                {"website principal 李四", websitePhone, websiteId}}) {
            System.out.println("  " + who[0] + ": phone " + who[1] + ", ID tail " + who[2].substring(12)
                    + ", code from  curl '" + http + "/dev/sms?phone=" + who[1] + "'");
        }
        System.out.println();
        System.out.println("Then approve it as the 管局's reviewer (another terminal):");
        System.out.println("  ./mvnw -q -pl app -am test-compile -Dmaven.test.skip exec:java@demo -Dexec.args=\"approve " + id + "\"");
        System.out.println();
        System.out.println("Watching the events of demo-provider (Ctrl-C to stop):");
        Iterator<Event> events = ApplicationServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(PROVIDER_KEY))
                .watchEvents(WatchEventsRequest.newBuilder().setAfterSequence(since).build());
        while (events.hasNext()) {
            Event event = events.next();
            System.out.printf(Locale.ROOT, "  #%d %-16s %s%s%s%s%n", event.getSequence(), event.getType(),
                    event.getApplicationId(),
                    event.getMaskedPhone().isEmpty() ? "" : " " + event.getMaskedPhone(),
                    event.getTriggerValue() == 0 ? "" : " " + event.getTrigger(),
                    event.getReason().isEmpty() ? "" : " (" + event.getReason() + ")");
            if (event.getApplicationId().equals(id) && (event.getType() == Event.Type.APPROVED
                    || event.getType() == Event.Type.REJECTED || event.getType() == Event.Type.RETURNED)) {
                System.out.println("The application is closed: " + event.getType());
                return;
            }
        }
    }

    private static void approve(ManagedChannel channel, String applicationId) {
        Application approved = ReviewServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(REVIEWER_KEY))
                .approveApplication(ApproveApplicationRequest.newBuilder().setApplicationId(applicationId)
                        .setFilingNumber("津ICP备" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999) + "号")
                        .build());
        System.out.println("Approved " + approved.getApplicationId() + ": " + approved.getStatus() + ", filing number "
                + approved.getFilingNumber());
    }

    /** The newest sequence so far, so the watch shows this run's events only. */
    private static long lastSequence(ApplicationServiceGrpc.ApplicationServiceBlockingStub provider) {
        long last = 0;
        Iterator<Event> events = provider.withDeadlineAfter(2, TimeUnit.SECONDS)
                .watchEvents(WatchEventsRequest.newBuilder().build());
        try {
            while (events.hasNext()) {
                last = events.next().getSequence();
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                throw e;
            }
        }
        return last;
    }

    private static Person person(String name, String phone, String idNumber) {
        return Person.newBuilder().setName(name).setPhone(phone).setIdNumber(idNumber).build();
    }

    private static String residentId(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static CallCredentials bearer(String key) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
                applier.apply(headers);
            }
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
