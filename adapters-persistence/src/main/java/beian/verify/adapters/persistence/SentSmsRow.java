package beian.verify.adapters.persistence;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code sms_sent}: one SMS a carrier took, by the phone's blind index and the province. */
@MappedEntity("sms_sent")
record SentSmsRow(@Id @GeneratedValue Long id, String phoneIndex, String province, String sentAt) {
}
