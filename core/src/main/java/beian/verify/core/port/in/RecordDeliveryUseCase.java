package beian.verify.core.port.in;

import java.time.Instant;

/** A carrier reports whether an SMS reached the phone (delivery receipts). Duplicate reports are ignored. */
public interface RecordDeliveryUseCase {

    DeliveryResult record(DeliveryReport report);

    /**
     * One report: the carrier's reference of the accepted message (Tencent's SerialNo), the
     * outcome, the carrier's words for it, and when it happened ({@code null}: now).
     */
    record DeliveryReport(String carrierReference, boolean delivered, String reason, Instant reportedAt) {
    }

    /** RECORDED: an event was written; DUPLICATE: reported before; UNKNOWN: no message has that reference. */
    enum DeliveryResult { RECORDED, DUPLICATE, UNKNOWN }
}
