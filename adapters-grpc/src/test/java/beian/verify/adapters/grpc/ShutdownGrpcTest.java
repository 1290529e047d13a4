package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.Event;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the service ends open watches at once, telling clients to watch again from their sequence. */
class ShutdownGrpcTest {

    @Test
    void openWatchesEndWithUnavailableAndDoNotHoldTheShutdownUp() throws Exception {
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, "test").getApplicationContext();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1",
                context.getBean(GrpcEmbeddedServer.class).getPort()).usePlaintext().build();
        try {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            GrpcTestSupport.withKey(ApplicationServiceGrpc.newStub(channel), GrpcTestSupport.PROVIDER_KEY)
                    .watchEvents(WatchEventsRequest.getDefaultInstance(), new StreamObserver<Event>() {
                        @Override
                        public void onNext(Event value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            ended.complete(t);
                        }

                        @Override
                        public void onCompleted() {
                            ended.complete(null);
                        }
                    });
            EventFeed feed = context.getBean(EventFeed.class);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (feed.watching() == 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(feed.watching()).isEqualTo(1);

            long start = System.nanoTime();
            context.close();
            System.out.printf("BENCHMARK gRPC shutdown with an open watch: %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

            Throwable error = ended.get(10, TimeUnit.SECONDS);
            assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(Status.fromThrowable(error).getDescription()).contains("after_sequence");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            if (context.isRunning()) {
                context.close();
            }
        }
    }
}
