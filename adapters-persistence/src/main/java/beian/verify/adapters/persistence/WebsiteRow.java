package beian.verify.adapters.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code application_website}, in the application's order; the phone encrypted. */
// Mapped as an entity (read-only, by @Query) so each column is read as its declared type; the real key is
// (application_id, website_index), which the SQL handles.
@MappedEntity("application_website")
record WebsiteRow(@Id String applicationId, int websiteIndex, String domain, String principalPhone) {
}
