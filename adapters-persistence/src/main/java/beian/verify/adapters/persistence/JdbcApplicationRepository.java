package beian.verify.adapters.persistence;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationRecord;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.IdType;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import beian.verify.core.domain.ReturnReason;
import beian.verify.core.domain.Role;
import beian.verify.core.domain.TargetStatus;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.domain.Website;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.DuplicateRequestException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applications in {@code application}, their targets in {@code verification_target} and websites in
 * {@code application_website}. Phones are encrypted, targets are found by the phone's blind index.
 */
@Singleton
class JdbcApplicationRepository implements ApplicationRepository {
    static final String PHONE = "phone";
    /** code_hashes is VARCHAR(4000). */
    private static final int CODE_HASHES_MAX = 4000;

    private final ApplicationRows rows;
    private final PersonalDataCipher cipher;

    JdbcApplicationRepository(ApplicationRows rows, PersonalDataCipher cipher) {
        this.rows = rows;
        this.cipher = cipher;
    }

    @Override
    public void insert(ApplicationRecord a) {
        try {
            rows.save(toRow(a, 0));
        } catch (DataAccessException e) {
            if (Sql.isUniqueViolation(e, "uq_application_request")) {
                throw new DuplicateRequestException("request " + a.requestId() + " of " + a.provider() + " is stored already");
            }
            throw e;
        }
        for (VerificationTarget t : a.targets()) {
            insertTarget(a.id(), t);
        }
        insertWebsites(a);
    }

    @Override
    public void update(ApplicationRecord a) {
        int changed = rows.updateVersioned(a.id().value(), a.version(), a.status().name(), name(a.returnReason()),
                a.autoResendDone(), a.filingNumber() == null ? null : a.filingNumber().value(), a.rejectReason());
        if (changed != 1) {
            throw new IllegalStateException("stale update of application " + a.id() + " at version " + a.version()
                    + ": it was changed (or removed) since it was loaded");
        }
        // Websites and the targets' identities are fixed at submission (the aggregate has no way to
        // change them), so an update writes only the targets' mutable state: no re-encryption, no
        // re-read of the websites, no delete, on the hot path of every verify.
        for (VerificationTarget t : a.targets()) {
            int updated = rows.updateTarget(a.id().value(), t.number(), t.status().name(), t.idFailures(),
                    codeHashes(t.codeHashes()), t.smsSentCount(), t.manualResends(), SqlTime.of(t.lastManualResendAt()),
                    SqlTime.of(t.verifiedAt()));
            if (updated != 1) {
                throw new IllegalStateException("application " + a.id() + " has no target " + t.number()
                        + ": targets are fixed at submission");
            }
        }
    }

    @Override
    public Optional<ApplicationRecord> findById(ApplicationId id) {
        return rows.findRow(id.value()).map(r -> assemble(List.of(r)).get(0));
    }

    @Override
    public Optional<ApplicationRecord> lockById(ApplicationId id) {
        return rows.lockRow(id.value()).map(r -> assemble(List.of(r)).get(0));
    }

    @Override
    public Optional<ApplicationRecord> findByRequest(ProviderId provider, RequestId requestId) {
        return rows.findByRequest(provider.value(), requestId.value()).map(r -> assemble(List.of(r)).get(0));
    }

    @Override
    public List<ApplicationRecord> lockOpenByPhone(PhoneNumber phone, Instant now) {
        return assemble(rows.lockOpenByPhoneIndex(phoneIndex(phone), SqlTime.of(now)));
    }

    @Override
    public List<ApplicationId> findDueForReturn(Instant now, int limit) {
        return rows.findDueForReturn(SqlTime.of(now), limit).stream().map(ApplicationId::new).toList();
    }

    @Override
    public List<ApplicationId> findDueForAutoResend(Instant now, int limit) {
        return rows.findDueForAutoResend(SqlTime.of(now), limit).stream().map(ApplicationId::new).toList();
    }

    @Override
    public List<ApplicationRecord> listByProvider(ProviderId provider, ApplicationStatus status, ApplicationId after,
                                                  int limit) {
        String cursor = after == null ? "" : after.value();
        return assemble(status == null
                ? rows.listByProvider(provider.value(), cursor, limit)
                : rows.listByProviderAndStatus(provider.value(), status.name(), cursor, limit));
    }

    @Override
    public List<ApplicationRecord> listByStatusAndProvinces(ApplicationStatus status, List<ProvinceCode> provinces,
                                                            ApplicationId after, int limit) {
        if (provinces.isEmpty()) {
            return List.of();
        }
        return assemble(rows.listByStatusAndProvinces(status.name(),
                provinces.stream().map(ProvinceCode::value).toList(), after == null ? "" : after.value(), limit));
    }

    /** Rebuilds records from their rows, loading all their targets and websites in two queries. */
    private List<ApplicationRecord> assemble(List<ApplicationRow> applications) {
        if (applications.isEmpty()) {
            return List.of();
        }
        List<String> ids = applications.stream().map(ApplicationRow::id).toList();
        Map<String, List<VerificationTarget>> targets = new LinkedHashMap<>();
        for (TargetRow t : rows.targetsOf(ids)) {
            targets.computeIfAbsent(t.applicationId(), k -> new ArrayList<>()).add(target(t));
        }
        Map<String, List<Website>> websites = new LinkedHashMap<>();
        for (WebsiteRow w : rows.websitesOf(ids)) {
            websites.computeIfAbsent(w.applicationId(), k -> new ArrayList<>()).add(website(w));
        }
        return applications.stream().map(r -> record(r, websites.getOrDefault(r.id(), List.of()),
                targets.getOrDefault(r.id(), List.of()))).toList();
    }

    private ApplicationRecord record(ApplicationRow r, List<Website> websites, List<VerificationTarget> targets) {
        return new ApplicationRecord(new ApplicationId(r.id()), new ProviderId(r.provider()),
                new RequestId(r.requestId()), r.requestFingerprint(), FilingType.valueOf(r.filingType()),
                new ProvinceCode(r.province()), r.subjectName(), r.subjectChanged(), decryptPhone(r.subjectPhone()),
                websites, targets.stream().sorted(Comparator.comparingInt(VerificationTarget::number)).toList(),
                ApplicationStatus.valueOf(r.status()),
                r.returnReason() == null ? null : ReturnReason.valueOf(r.returnReason()), SqlTime.instant(r.submittedAt()),
                SqlTime.instant(r.deadline()), SqlTime.instant(r.autoResendAt()), r.autoResendDone(),
                r.filingNumber() == null ? null : new FilingNumber(r.filingNumber()), r.rejectReason(), r.version());
    }

    private VerificationTarget target(TargetRow t) {
        return new VerificationTarget(t.targetNumber(), parseRoles(t.roles()), decryptPhone(t.phone()),
                IdType.valueOf(t.idType()), t.idTailHash(), TargetStatus.valueOf(t.status()), t.idFailures(),
                t.codeHashes().isEmpty() ? List.of() : Arrays.asList(t.codeHashes().split(",")), t.smsSentCount(),
                t.manualResends(), SqlTime.instant(t.lastManualResendAt()), SqlTime.instant(t.verifiedAt()));
    }

    private Website website(WebsiteRow w) {
        return new Website(new DomainName(w.domain()), decryptPhone(w.principalPhone()));
    }

    private ApplicationRow toRow(ApplicationRecord a, long version) {
        return new ApplicationRow(a.id().value(), a.provider().value(), a.requestId().value(), a.requestFingerprint(),
                a.type().name(), a.province().value(), a.subjectName(), a.subjectChanged(),
                encryptPhone(a.subjectPrincipalPhone()), a.status().name(), name(a.returnReason()), SqlTime.of(a.submittedAt()),
                SqlTime.of(a.deadline()), SqlTime.of(a.autoResendAt()), a.autoResendDone(),
                a.filingNumber() == null ? null : a.filingNumber().value(), a.rejectReason(), version);
    }

    private void insertTarget(ApplicationId id, VerificationTarget t) {
        rows.insertTarget(id.value(), t.number(), roles(t.roles()), encryptPhone(t.phone()), phoneIndex(t.phone()),
                t.idType().name(), t.idTailHash(), t.status().name(), t.idFailures(), codeHashes(t.codeHashes()),
                t.smsSentCount(), t.manualResends(), SqlTime.of(t.lastManualResendAt()), SqlTime.of(t.verifiedAt()));
    }

    private void insertWebsites(ApplicationRecord a) {
        for (int i = 0; i < a.websites().size(); i++) {
            Website w = a.websites().get(i);
            rows.insertWebsite(a.id().value(), i, w.domain().value(), encryptPhone(w.principalPhone()));
        }
    }

    String phoneIndex(PhoneNumber phone) {
        return cipher.blindIndex(PHONE, phone.value());
    }

    private String encryptPhone(PhoneNumber phone) {
        return phone == null ? null : cipher.encrypt(PHONE, phone.value());
    }

    private PhoneNumber decryptPhone(String stored) {
        return stored == null ? null : new PhoneNumber(cipher.decrypt(PHONE, stored));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<Role> parseRoles(String roles) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        if (!roles.isEmpty()) {
            Arrays.stream(roles.split(",")).map(r -> Role.valueOf(r.toUpperCase(Locale.ROOT))).forEach(out::add);
        }
        return out;
    }

    /** Keyed hashes are hex (no commas); the list must fit its column, or the save fails naming it. */
    private static String codeHashes(List<String> hashes) {
        for (String h : hashes) {
            if (h.isEmpty() || h.indexOf(',') >= 0) {
                throw new IllegalArgumentException("a code hash must be non-empty and hold no ','");
            }
        }
        String joined = String.join(",", hashes);
        if (joined.length() > CODE_HASHES_MAX) {
            throw new IllegalArgumentException("verification_target.code_hashes: " + hashes.size()
                    + " code hashes exceed " + CODE_HASHES_MAX + " characters");
        }
        return joined;
    }
}
