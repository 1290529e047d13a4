package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.WatchEventsGrpcTest.Watcher;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import io.grpc.Status;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Open WatchEvents per provider are capped (beian.grpc.watch.max-per-provider); the rest get RESOURCE_EXHAUSTED. */
@MicronautTest
@Property(name = "beian.grpc.watch.max-per-provider", value = "3")
class WatchCapGrpcTest extends GrpcTestSupport {
    @Inject
    EventFeed feed;

    private Watcher watch(String key) {
        Watcher watcher = new Watcher(0);
        withKey(ApplicationServiceGrpc.newStub(channel), key)
                .watchEvents(WatchEventsRequest.newBuilder().setAfterSequence(0).build(), watcher);
        return watcher;
    }

    private void awaitWatching(int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (feed.watching() != count && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(feed.watching()).isEqualTo(count);
    }

    @Test
    void aProviderHoldsAtMostTheCapOfOpenWatchesTheRestAreResourceExhaustedUntilOneIsCancelled() throws Exception {
        List<Watcher> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(watch(PROVIDER_KEY));
        }
        awaitWatching(3);

        Watcher fourth = watch(PROVIDER_KEY);
        Throwable refused = fourth.ended.get(10, TimeUnit.SECONDS);
        assertThat(Status.fromThrowable(refused).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(Status.fromThrowable(refused).getDescription()).contains("beian.grpc.watch.max-per-provider");
        assertThat(open).allSatisfy(w -> assertThat(w.ended).isNotDone());

        Watcher otherProvider = watch(OTHER_PROVIDER_KEY);
        awaitWatching(4);
        assertThat(otherProvider.ended).as("another provider's watch").isNotDone();

        open.get(0).cancel();
        awaitWatching(3);
        Watcher again = watch(PROVIDER_KEY);
        awaitWatching(4);
        assertThat(again.ended).as("a watch after one was cancelled").isNotDone();

        open.forEach(Watcher::cancel);
        again.cancel();
        otherProvider.cancel();
        awaitWatching(0);
    }
}
