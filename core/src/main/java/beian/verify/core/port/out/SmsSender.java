package beian.verify.core.port.out;

import beian.verify.core.domain.PhoneNumber;

/** A carrier that sends text messages. Implementations must never log the text (it holds a code). */
public interface SmsSender {

    /** Sends one SMS; {@code idempotencyKey} is the same on every attempt of the same message. */
    SendResult send(PhoneNumber phone, String text, String idempotencyKey);

    /** What the carrier said. */
    sealed interface SendResult {
        /** Accepted; {@code carrierReference} identifies it in delivery reports. */
        record Accepted(String carrierReference) implements SendResult {
        }

        /** Failed in a way worth retrying later (rate limit, network, carrier busy). */
        record TransientFailure(String reason) implements SendResult {
        }

        /** Refused for good (bad number, blacklisted, template refused). */
        record PermanentFailure(String reason) implements SendResult {
        }
    }
}
