package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Event;
import beian.verify.core.domain.EventType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every kind of event the core records has its wire name, so the mapper never meets one it cannot send. */
class EventTypeMappingTest {
    @Test
    void everyEventTypeOfTheCoreHasAProtoEventType() {
        assertThat(Arrays.stream(EventType.values()).map(t -> Event.Type.valueOf(t.name())))
                .doesNotContainNull()
                .contains(Event.Type.VERIFICATION_THROTTLED);
    }
}
