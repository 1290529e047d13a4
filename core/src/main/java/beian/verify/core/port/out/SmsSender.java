package beian.verify.core.port.out;

import beian.verify.core.domain.SmsMessage;

/**
 * A carrier that sends verification SMS. It receives what the message must say and renders it in
 * its own template. Implementations must never log the code.
 */
public interface SmsSender {

    /** Sends one SMS; {@code idempotencyKey} is the same on every attempt of the same message. */
    SendResult send(SmsMessage message, String idempotencyKey);

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
