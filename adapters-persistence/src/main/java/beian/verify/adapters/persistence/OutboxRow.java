package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code sms_outbox}; the phone and the text (it holds a code until sent) are ciphertexts. */
@MappedEntity("sms_outbox")
record OutboxRow(
        @Id String id,
        String provider,
        String applicationId,
        int targetNumber,
        String phone,
        @Nullable String smsText,
        String smsTrigger,
        String status,
        int attempts,
        String nextAttemptAt,
        @Nullable String leaseUntil,
        @Nullable String lastError,
        @Nullable String carrierReference,
        @Nullable String delivery) {
}
