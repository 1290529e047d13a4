package beian.verify.core.domain;

import java.util.Objects;

/**
 * 备案成功信息: what is on file for one filed website. Comes from approvals here and from bulk
 * imports of earlier filings; transfer-in checks its website principal's phone.
 *
 * @param subjectPrincipalPhone may be {@code null} when the import did not carry it
 */
public record FiledRecord(
        DomainName domain,
        FilingNumber filingNumber,
        ProvinceCode province,
        ProviderId provider,
        PhoneNumber subjectPrincipalPhone,
        PhoneNumber websitePrincipalPhone) {

    public FiledRecord {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(filingNumber, "filingNumber");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(websitePrincipalPhone, "websitePrincipalPhone");
    }
}
