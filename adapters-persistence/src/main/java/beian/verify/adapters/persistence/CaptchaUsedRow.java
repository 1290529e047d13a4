package beian.verify.adapters.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code captcha_used}: a captcha that has been checked, kept until it expires. */
@MappedEntity("captcha_used")
record CaptchaUsedRow(@Id String id, String keepUntil) {
}
