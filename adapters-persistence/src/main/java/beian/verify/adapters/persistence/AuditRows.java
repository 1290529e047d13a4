package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** SQL of the audit trail. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditRows extends GenericRepository<AuditRow, Long> {

    AuditRow save(AuditRow row);

    List<AuditRow> findAll();

    /**
     * A reviewer's page: the entries visible to one of its provinces (each once: a semi-join, however
     * many of them see it), optionally one phone (by blind index), one application, a time range. The
     * cursor bounds the subquery too, for a plan that materializes it (ix_audit_visible).
     */
    @Query("""
            SELECT * FROM audit_entry
            WHERE id IN (SELECT audit_id FROM audit_entry_province WHERE province IN (:provinces) AND audit_id > :afterId)
              AND id > :afterId
              AND (:phoneIndex IS NULL OR phone_index = :phoneIndex)
              AND (:applicationId IS NULL OR application_id = :applicationId)
              AND (:fromTime IS NULL OR recorded_at >= :fromTime)
              AND (:toTime IS NULL OR recorded_at < :toTime)
            ORDER BY id LIMIT :limit""")
    List<AuditRow> page(List<String> provinces, long afterId, @Nullable String phoneIndex,
                        @Nullable String applicationId, @Nullable String fromTime, @Nullable String toTime, int limit);

    /** The national view's page: {@link #page} over every entry, those visible to no province too. */
    @Query("""
            SELECT * FROM audit_entry
            WHERE id > :afterId
              AND (:phoneIndex IS NULL OR phone_index = :phoneIndex)
              AND (:applicationId IS NULL OR application_id = :applicationId)
              AND (:fromTime IS NULL OR recorded_at >= :fromTime)
              AND (:toTime IS NULL OR recorded_at < :toTime)
            ORDER BY id LIMIT :limit""")
    List<AuditRow> pageAll(long afterId, @Nullable String phoneIndex, @Nullable String applicationId,
                           @Nullable String fromTime, @Nullable String toTime, int limit);
}
