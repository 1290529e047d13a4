package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A row of {@code network_throttle}: one phone's misses from one client network, keyed by the phone's
 * and the network's blind indexes joined by ':'; misses as comma-separated ISO instants.
 */
@MappedEntity("network_throttle")
record NetworkThrottleRow(@Id String throttleKey, String recentMisses, @Nullable String lockedUntil) {
}
