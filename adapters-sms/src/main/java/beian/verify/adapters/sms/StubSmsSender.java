package beian.verify.adapters.sms;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.SmsMessage;
import beian.verify.core.port.out.SmsSender;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default carrier ({@code beian.sms.carrier: stub}, or unset): sends nothing, keeps what it was
 * given in memory for the development inbox ({@code GET /dev/sms}), and logs each message with the
 * phone masked and without its text. {@code @Secondary}, so a carrier a test or a team provides wins.
 */
@Singleton
@Secondary
@Requires(property = SmsCarrier.PROPERTY, value = "stub", defaultValue = "stub")
final class StubSmsSender implements SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(StubSmsSender.class);
    /** Per phone, so a long-running dev server does not grow without bound. */
    static final int KEPT_PER_PHONE = 50;

    /** One message "sent". */
    record StubMessage(String phone, String text, Instant sentAt) {
        @Override
        public String toString() {
            return "StubMessage[" + phone.substring(0, 3) + "****, " + sentAt + "]";
        }
    }

    private final Map<String, Deque<StubMessage>> inbox = new ConcurrentHashMap<>();
    private final Clock clock;

    StubSmsSender() {
        this(Clock.systemUTC());
    }

    StubSmsSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public SendResult send(SmsMessage message, String idempotencyKey) {
        PhoneNumber phone = message.phone();
        String text = SmsWording.text(message);
        String reference = "stub-" + UUID.randomUUID();
        Deque<StubMessage> messages = inbox.computeIfAbsent(phone.value(), p -> new ArrayDeque<>());
        synchronized (messages) {
            messages.addFirst(new StubMessage(phone.value(), text, clock.instant()));
            while (messages.size() > KEPT_PER_PHONE) {
                messages.removeLast();
            }
        }
        LOG.info("stub carrier: SMS to {} accepted as {} (key {})", phone.masked(), reference, idempotencyKey);
        return new SendResult.Accepted(reference);
    }

    /** What was sent to the phone, newest first. */
    List<StubMessage> sentTo(PhoneNumber phone) {
        Deque<StubMessage> messages = inbox.get(phone.value());
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
