package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code phone_throttle}, keyed by the phone's blind index; misses as comma-separated ISO instants. */
@MappedEntity("phone_throttle")
record ThrottleRow(@Id String phoneIndex, String recentMisses, @Nullable String lockedUntil) {
}
