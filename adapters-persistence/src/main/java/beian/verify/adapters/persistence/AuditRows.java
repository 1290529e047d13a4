package beian.verify.adapters.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** SQL of the audit trail. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditRows extends GenericRepository<AuditRow, Long> {

    AuditRow save(AuditRow row);

    List<AuditRow> findAll();
}
