package beian.verify.app.jobs;

import beian.verify.core.domain.SmsMessage;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.testing.RecordingSmsSender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A recording carrier that also notes when (System.nanoTime) each call came and which instance made it,
 * and can be made to fail transiently for a while ("the carrier is down").
 */
public final class TimedCarrier implements SmsSender {
    public final RecordingSmsSender recording = new RecordingSmsSender();
    public final Map<String, Long> firstCallNanos = new ConcurrentHashMap<>();
    public final List<String> callers = new CopyOnWriteArrayList<>();
    private volatile BooleanSupplier down = () -> false;

    public void down(BooleanSupplier whileTrue) {
        this.down = whileTrue;
    }

    @Override
    public SendResult send(SmsMessage message, String idempotencyKey) {
        firstCallNanos.putIfAbsent(idempotencyKey, System.nanoTime());
        callers.add(Thread.currentThread().getName());
        if (down.getAsBoolean()) {
            recording.send(message, idempotencyKey);
            return new SendResult.TransientFailure("carrier down (test)");
        }
        return recording.send(message, idempotencyKey);
    }
}
