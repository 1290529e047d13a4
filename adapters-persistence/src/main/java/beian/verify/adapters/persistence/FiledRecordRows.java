package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** SQL of filed records, all by the primary key (domain). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface FiledRecordRows extends GenericRepository<FiledRecordRow, String> {

    @Query("SELECT * FROM filed_record WHERE domain = :domain")
    Optional<FiledRecordRow> find(String domain);

    @Query("""
            INSERT INTO filed_record (domain, filing_number, province, provider, subject_principal_phone,
                   website_principal_phone)
            VALUES (:domain, :filingNumber, :province, :provider, :subjectPrincipalPhone, :websitePrincipalPhone)
            ON DUPLICATE KEY UPDATE filing_number = :filingNumber, province = :province, provider = :provider,
                   subject_principal_phone = :subjectPrincipalPhone, website_principal_phone = :websitePrincipalPhone""")
    void upsert(String domain, String filingNumber, String province, String provider, @Nullable String subjectPrincipalPhone,
                String websitePrincipalPhone);

    @Query("DELETE FROM filed_record WHERE domain = :domain")
    int delete(String domain);
}
