package beian.verify.adapters.persistence;

import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.out.FiledRecordRepository;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Filed records (备案成功信息) in {@code filed_record}, one per domain; phones encrypted. */
@Singleton
class JdbcFiledRecordRepository implements FiledRecordRepository {
    private final FiledRecordRows rows;
    private final PersonalDataCipher cipher;

    JdbcFiledRecordRepository(FiledRecordRows rows, PersonalDataCipher cipher) {
        this.rows = rows;
        this.cipher = cipher;
    }

    @Override
    public Optional<FiledRecord> find(DomainName domain) {
        return rows.find(domain.value()).map(r -> new FiledRecord(new DomainName(r.domain()),
                new FilingNumber(r.filingNumber()), new ProvinceCode(r.province()), new ProviderId(r.provider()),
                phone(r.subjectPrincipalPhone()), phone(r.websitePrincipalPhone())));
    }

    @Override
    public void upsert(FiledRecord r) {
        rows.upsert(r.domain().value(), r.filingNumber().value(), r.province().value(), r.provider().value(),
                encrypt(r.subjectPrincipalPhone()), encrypt(r.websitePrincipalPhone()));
    }

    @Override
    public void delete(DomainName domain) {
        rows.delete(domain.value());
    }

    private String encrypt(PhoneNumber phone) {
        return phone == null ? null : cipher.encrypt(JdbcApplicationRepository.PHONE, phone.value());
    }

    private PhoneNumber phone(String stored) {
        return stored == null ? null : new PhoneNumber(cipher.decrypt(JdbcApplicationRepository.PHONE, stored));
    }
}
