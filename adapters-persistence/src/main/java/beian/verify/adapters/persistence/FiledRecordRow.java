package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code filed_record}; phones are ciphertexts. */
@MappedEntity("filed_record")
record FiledRecordRow(
        @Id String domain,
        String filingNumber,
        String province,
        String provider,
        @Nullable String subjectPrincipalPhone,
        String websitePrincipalPhone) {
}
