package beian.verify.adapters.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code captcha_challenge}: only the keyed hash of the answer. */
@MappedEntity("captcha_challenge")
record CaptchaRow(@Id String id, String answerHash, String expiresAt) {
}
