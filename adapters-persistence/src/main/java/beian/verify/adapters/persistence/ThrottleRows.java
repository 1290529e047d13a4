package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** SQL of the wrong-code guard, by the primary key (phone_index). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ThrottleRows extends GenericRepository<ThrottleRow, String> {

    /**
     * Makes sure the phone's row exists and takes its exclusive lock in one statement, so two first
     * checks of a phone serialise on it instead of both finding nothing (or deadlocking on an upgrade).
     */
    @Query("""
            INSERT INTO phone_throttle (phone_index, recent_misses, locked_until) VALUES (:phoneIndex, '', NULL)
            ON DUPLICATE KEY UPDATE phone_index = phone_index""")
    void ensure(String phoneIndex);

    @Query("SELECT * FROM phone_throttle WHERE phone_index = :phoneIndex FOR UPDATE")
    Optional<ThrottleRow> lock(String phoneIndex);

    @Query("UPDATE phone_throttle SET recent_misses = :recentMisses, locked_until = :lockedUntil WHERE phone_index = :phoneIndex")
    int update(String phoneIndex, String recentMisses, @Nullable String lockedUntil);

    @Query("""
            INSERT INTO phone_throttle (phone_index, recent_misses, locked_until) VALUES (:phoneIndex, :recentMisses, :lockedUntil)
            ON DUPLICATE KEY UPDATE recent_misses = :recentMisses, locked_until = :lockedUntil""")
    void upsert(String phoneIndex, String recentMisses, @Nullable String lockedUntil);
}
