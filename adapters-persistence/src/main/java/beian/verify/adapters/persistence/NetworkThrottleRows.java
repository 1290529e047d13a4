package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** SQL of the per-network miss limit, by the primary key; callers hold the phone's phone_throttle lock. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface NetworkThrottleRows extends GenericRepository<NetworkThrottleRow, String> {

    @Query("SELECT * FROM network_throttle WHERE throttle_key = :throttleKey")
    Optional<NetworkThrottleRow> find(String throttleKey);

    @Query("""
            INSERT INTO network_throttle (throttle_key, recent_misses, locked_until, last_miss)
            VALUES (:throttleKey, :recentMisses, :lockedUntil, :lastMiss)
            ON DUPLICATE KEY UPDATE recent_misses = :recentMisses, locked_until = :lockedUntil, last_miss = :lastMiss""")
    void upsert(String throttleKey, String recentMisses, @Nullable String lockedUntil, @Nullable String lastMiss);

    /** Rows that count for nothing any more: no miss since {@code missesBefore}, no lock at {@code now}. */
    @Query("""
            DELETE FROM network_throttle WHERE (last_miss IS NULL OR last_miss < :missesBefore)
            AND (locked_until IS NULL OR locked_until <= :now)""")
    int deleteIdle(String missesBefore, String now);
}
