package beian.verify.adapters.persistence;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationFacts;
import beian.verify.core.domain.ApplicationProgress;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FilingApplication;
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
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.DueApplications;
import beian.verify.core.port.out.DuplicateRequestException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
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
 * It serves the three application ports: changes, queries and due work.
 */
@Singleton
class JdbcApplicationRepository implements ApplicationRepository, ApplicationQueries, DueApplications {
    static final String PHONE = "phone";
    /** code_hashes is VARCHAR(4000). */
    private static final int CODE_HASHES_MAX = 4000;

    /** What an open application of the usual shape costs to restore: its subject's and two targets' phones. */
    static final int DECOYS_PER_MISS = 3;
    /** No application has this id (ids are UUIDs): the decoy query of targets finds nothing, by the primary key. */
    private static final String NO_APPLICATION = "-";
    private static final List<String> TARGET_COLUMNS = List.of("application_id", "target_number", "roles", "phone",
            "phone_index", "id_type", "id_tail_hash", "status", "id_failures", "code_hashes", "code_draw",
            "sms_sent_count", "manual_resends", "last_manual_resend_at", "verified_at");
    private static final List<String> WEBSITE_COLUMNS = List.of("application_id", "website_index", "domain",
            "principal_phone");

    private final ApplicationRows rows;
    private final PersonalDataCipher cipher;
    private final TransactionOperations<Connection> transactions;
    /** A phone encrypted at start, decrypted (and dropped) when a phone has no open application. */
    private final String decoyPhone;

    JdbcApplicationRepository(ApplicationRows rows, PersonalDataCipher cipher,
                              TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.cipher = cipher;
        this.transactions = transactions;
        this.decoyPhone = cipher.encrypt(PHONE, "13800000000");
    }

    @Override
    public void insert(FilingApplication application, List<Website> websites) {
        ApplicationState a = application.state();
        try {
            ApplicationRow r = toRow(a);
            rows.insert(r.id(), r.provider(), r.requestId(), r.requestFingerprint(), r.filingType(), r.province(),
                    r.subjectName(), r.subjectChanged(), r.subjectPhone(), r.status(), r.returnReason(), r.submittedAt(),
                    r.deadline(), r.autoResendAt(), r.autoResendDone(), r.filingNumber(), r.rejectReason());
            if (r.closedAt() != null) {
                rows.markClosed(r.id(), r.closedAt());
            }
        } catch (DataAccessException e) {
            if (Sql.isUniqueViolation(e, "uq_application_request")) {
                throw new DuplicateRequestException("request " + a.facts().requestId() + " of " + a.provider()
                        + " is stored already");
            }
            throw e;
        }
        // each table's rows in one statement: a submission's round trips are most of its cost (issue 10)
        Connection connection = transactions.getConnection();
        if (!a.targets().isEmpty()) {
            JdbcBatch.insert(connection, "verification_target", TARGET_COLUMNS, a.targets().stream()
                    .map(t -> new Object[] {a.id().value(), t.number(), roles(t.roles()), encryptPhone(t.phone()),
                            phoneIndex(t.phone()), t.idType().name(), t.idTailHash(), t.status().name(), t.idFailures(),
                            codeHashes(t.codeHashes()), t.codeDraw(), t.smsSentCount(), t.manualResends(),
                            SqlTime.of(t.lastManualResendAt()), SqlTime.of(t.verifiedAt())})
                    .toList());
        }
        List<Object[]> websiteRows = new ArrayList<>();
        for (int i = 0; i < websites.size(); i++) {
            Website w = websites.get(i);
            websiteRows.add(new Object[] {a.id().value(), i, w.domain().value(), encryptPhone(w.principalPhone())});
        }
        if (!websiteRows.isEmpty()) {
            JdbcBatch.insert(connection, "application_website", WEBSITE_COLUMNS, websiteRows);
        }
    }

    /**
     * The progress at the version it was loaded at, then only the targets the aggregate changed:
     * what was submitted (websites, the targets' people and phones) is never rewritten, so a verify
     * writes one application row and one target row.
     */
    @Override
    public void update(FilingApplication application) {
        ApplicationState a = application.state();
        ApplicationProgress p = a.progress();
        int changed = rows.updateVersioned(a.id().value(), a.version(), p.status().name(), name(p.returnReason()),
                p.autoResendDone(), p.filingNumber() == null ? null : p.filingNumber().value(), p.rejectReason(),
                SqlTime.of(p.closedAt()));
        if (changed != 1) {
            throw new IllegalStateException("stale update of application " + a.id() + " at version " + a.version()
                    + ": it was changed (or removed) since it was loaded");
        }
        for (VerificationTarget t : application.changedTargets()) {
            int updated = rows.updateTarget(a.id().value(), t.number(), t.status().name(), t.idFailures(),
                    codeHashes(t.codeHashes()), t.codeDraw(), t.smsSentCount(), t.manualResends(),
                    SqlTime.of(t.lastManualResendAt()), SqlTime.of(t.verifiedAt()));
            if (updated != 1) {
                throw new IllegalStateException("application " + a.id() + " has no target " + t.number()
                        + ": targets are fixed at submission");
            }
        }
    }

    /**
     * As {@link #update} of each, in two statements (the applications' rows at the versions loaded, then their
     * changed targets), whatever their number; a stale version fails the whole update.
     */
    @Override
    public void updateAll(List<FilingApplication> applications) {
        List<Object[]> progress = new ArrayList<>();
        List<Object[]> targets = new ArrayList<>();
        for (FilingApplication application : applications) {
            ApplicationState a = application.state();
            ApplicationProgress p = a.progress();
            progress.add(new Object[] {p.status().name(), name(p.returnReason()), p.autoResendDone(),
                    p.filingNumber() == null ? null : p.filingNumber().value(), p.rejectReason(),
                    SqlTime.of(p.closedAt()), a.id().value(), a.version()});
            for (VerificationTarget t : application.changedTargets()) {
                targets.add(new Object[] {t.status().name(), t.idFailures(), codeHashes(t.codeHashes()),
                        t.codeDraw(), t.smsSentCount(), t.manualResends(), SqlTime.of(t.lastManualResendAt()),
                        SqlTime.of(t.verifiedAt()), a.id().value(), t.number()});
            }
        }
        Connection connection = transactions.getConnection();
        JdbcBatch.update(connection, "application", List.of("status", "return_reason", "auto_resend_done",
                "filing_number", "reject_reason", "closed_at"), List.of("id", "version"), "version = version + 1", progress);
        JdbcBatch.update(connection, "verification_target", List.of("status", "id_failures", "code_hashes",
                "code_draw", "sms_sent_count", "manual_resends", "last_manual_resend_at", "verified_at"),
                List.of("application_id", "target_number"), null, targets);
    }

    /** One statement for the rows and one for all their targets, however many applications. */
    @Override
    public List<ApplicationState> findByIds(List<ApplicationId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return assemble(rows.findRows(ids.stream().map(ApplicationId::value).distinct().sorted().toList()));
    }

    @Override
    public Optional<ApplicationState> findById(ApplicationId id) {
        return rows.findRow(id.value()).map(r -> assemble(List.of(r)).get(0));
    }

    @Override
    public Optional<ApplicationState> lockById(ApplicationId id) {
        return rows.lockRow(id.value()).map(r -> assemble(List.of(r)).get(0));
    }

    /** One statement for the rows and one for all their targets, however many applications. */
    @Override
    public List<ApplicationState> lockByIds(List<ApplicationId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return assemble(rows.lockRows(ids.stream().map(ApplicationId::value).sorted().toList()));
    }

    /**
     * The ids first, without a lock, then the rows locked by primary key in id order. One locking
     * statement joining the phones' targets locked in the order it met them, phone by phone, and
     * deadlocked against the paths that lock applications by id (two instances' noon resends and
     * dispatch, DueWorkOnMariaDbTest). No decoy here: its callers issue codes, and nothing they answer
     * depends on a phone's applications.
     */
    @Override
    public List<ApplicationState> lockOpenByPhones(List<PhoneNumber> phones, Instant now) {
        if (phones.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.applicationIdsByPhoneIndexes(phones.stream().map(this::phoneIndex).distinct().toList());
        if (ids.isEmpty()) {
            return List.of();
        }
        return assemble(rows.lockOpenRows(ids.stream().sorted().toList(), SqlTime.of(now)));
    }

    @Override
    public Optional<ApplicationState> findByRequest(ProviderId provider, RequestId requestId) {
        return rows.findByRequest(provider.value(), requestId.value()).map(r -> assemble(List.of(r)).get(0));
    }

    @Override
    public List<ApplicationState> lockOpenByPhone(PhoneNumber phone, Instant now) {
        List<ApplicationRow> open = rows.lockOpenByPhoneIndex(phoneIndex(phone), SqlTime.of(now));
        if (open.isEmpty()) {
            decoyRestore();
            return List.of();
        }
        return assemble(open);
    }

    @Override
    public Set<ProvinceCode> provincesOpenOnPhone(PhoneNumber phone, Instant now) {
        return rows.openProvincesByPhoneIndex(phoneIndex(phone), SqlTime.of(now)).stream().map(ProvinceCode::new)
                .collect(Collectors.toSet());
    }

    /**
     * The verify form must not tell whether a phone has open applications by how long a miss takes
     * (issue #11): a phone without any does the work of restoring one (the query of its targets,
     * which finds none, and three AES-GCM decryptions) and throws the result away.
     */
    private void decoyRestore() {
        int found = rows.targetsOf(List.of(NO_APPLICATION)).size();
        for (int i = 0; i < DECOYS_PER_MISS; i++) {
            found += cipher.decrypt(PHONE, decoyPhone).length() == 0 ? 1 : 0;
        }
        if (found != 0) {
            throw new IllegalStateException("the decoy restore found something: " + found);
        }
    }

    @Override
    public List<Website> websitesOf(ApplicationId id) {
        return rows.websitesOf(List.of(id.value())).stream()
                .map(w -> new Website(new DomainName(w.domain()), decryptPhone(w.principalPhone()))).toList();
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
    public List<ApplicationState> listByProvider(ProviderId provider, ApplicationStatus status, ApplicationId after,
                                                 int limit) {
        String cursor = after == null ? "" : after.value();
        return assemble(status == null
                ? rows.listByProvider(provider.value(), cursor, limit)
                : rows.listByProviderAndStatus(provider.value(), status.name(), cursor, limit));
    }

    @Override
    public List<ApplicationState> listByStatusAndProvinces(ApplicationStatus status, List<ProvinceCode> provinces,
                                                           ApplicationId after, int limit) {
        if (provinces.isEmpty()) {
            return List.of();
        }
        return assemble(rows.listByStatusAndProvinces(status.name(),
                provinces.stream().map(ProvinceCode::value).toList(), after == null ? "" : after.value(), limit));
    }

    /** Rebuilds applications from their rows, loading all their targets in one query (websites only on demand). */
    private List<ApplicationState> assemble(List<ApplicationRow> applications) {
        if (applications.isEmpty()) {
            return List.of();
        }
        Map<String, List<VerificationTarget>> targets = new LinkedHashMap<>();
        for (TargetRow t : rows.targetsOf(applications.stream().map(ApplicationRow::id).toList())) {
            targets.computeIfAbsent(t.applicationId(), k -> new ArrayList<>()).add(target(t));
        }
        return applications.stream().map(r -> state(r, targets.getOrDefault(r.id(), List.of()))).toList();
    }

    private ApplicationState state(ApplicationRow r, List<VerificationTarget> targets) {
        ApplicationFacts facts = new ApplicationFacts(new ApplicationId(r.id()), new ProviderId(r.provider()),
                new RequestId(r.requestId()), r.requestFingerprint(), FilingType.valueOf(r.filingType()),
                new ProvinceCode(r.province()), r.subjectName(), r.subjectChanged(), decryptPhone(r.subjectPhone()),
                SqlTime.instant(r.submittedAt()), SqlTime.instant(r.deadline()), SqlTime.instant(r.autoResendAt()));
        ApplicationProgress progress = new ApplicationProgress(ApplicationStatus.valueOf(r.status()),
                r.returnReason() == null ? null : ReturnReason.valueOf(r.returnReason()), r.autoResendDone(),
                r.filingNumber() == null ? null : new FilingNumber(r.filingNumber()), r.rejectReason(),
                SqlTime.instant(r.closedAt()));
        return new ApplicationState(facts, targets.stream().sorted(Comparator.comparingInt(VerificationTarget::number))
                .toList(), progress, r.version());
    }

    private VerificationTarget target(TargetRow t) {
        return new VerificationTarget(t.targetNumber(), parseRoles(t.roles()), decryptPhone(t.phone()),
                IdType.valueOf(t.idType()), t.idTailHash(), TargetStatus.valueOf(t.status()), t.idFailures(),
                t.codeHashes().isEmpty() ? List.of() : Arrays.asList(t.codeHashes().split(",")), t.codeDraw(),
                t.smsSentCount(),
                t.manualResends(), SqlTime.instant(t.lastManualResendAt()), SqlTime.instant(t.verifiedAt()));
    }

    private ApplicationRow toRow(ApplicationState a) {
        ApplicationFacts f = a.facts();
        ApplicationProgress p = a.progress();
        return new ApplicationRow(f.id().value(), f.provider().value(), f.requestId().value(), f.requestFingerprint(),
                f.type().name(), f.province().value(), f.subjectName(), f.subjectChanged(),
                encryptPhone(f.subjectPrincipalPhone()), p.status().name(), name(p.returnReason()),
                SqlTime.of(f.submittedAt()), SqlTime.of(f.deadline()), SqlTime.of(f.autoResendAt()), p.autoResendDone(),
                p.filingNumber() == null ? null : p.filingNumber().value(), p.rejectReason(), 0, SqlTime.of(p.closedAt()));
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
