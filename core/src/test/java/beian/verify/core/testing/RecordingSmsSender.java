package beian.verify.core.testing;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.SmsMessage;
import beian.verify.core.port.out.SmsSender;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A carrier that records what it was given and answers as scripted (Accepted by default). */
public final class RecordingSmsSender implements SmsSender {
    /** One call to the carrier. */
    public record Sent(SmsMessage message, String idempotencyKey) {
        public PhoneNumber phone() {
            return message.phone();
        }

        /** The code the message carries. */
        public String code() {
            return message.code().value();
        }
    }

    private final List<Sent> calls = new CopyOnWriteArrayList<>();
    private final Deque<SendResult> script = new ArrayDeque<>();
    private int counter;

    public synchronized RecordingSmsSender then(SendResult... results) {
        for (SendResult r : results) {
            script.addLast(r);
        }
        return this;
    }

    @Override
    public synchronized SendResult send(SmsMessage message, String idempotencyKey) {
        calls.add(new Sent(message, idempotencyKey));
        return script.isEmpty() ? new SendResult.Accepted("ref-" + (++counter)) : script.removeFirst();
    }

    public List<Sent> calls() {
        return List.copyOf(calls);
    }

    public List<Sent> callsTo(String phone) {
        return calls.stream().filter(c -> c.phone().value().equals(phone)).toList();
    }

    /** The code of the newest SMS to the phone. */
    public String lastCodeTo(String phone) {
        List<Sent> to = callsTo(phone);
        if (to.isEmpty()) {
            throw new IllegalStateException("nothing sent to " + phone);
        }
        return to.get(to.size() - 1).code();
    }
}
