package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.ListAuditRecordsUseCase;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.out.AuditRecords;
import beian.verify.core.port.out.TransactionRunner;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reviewers read the audit of the provinces their key covers, and no other: an entry is in a province's
 * audit when it is visible to that province (the platform host's, or one with an application open on
 * the phone at the time: DOMAIN.md "Privacy"), listed once however many of the reviewer's provinces
 * see it. A province outside the key reads as an empty page, as in ListReadyForReview; a key of every
 * province asking for no province in particular reads every entry, those visible to no province too.
 * Phones are matched exactly and shown masked.
 */
public final class ListAuditRecordsService implements ListAuditRecordsUseCase {
    private final TransactionRunner transactions;
    private final AuditRecords records;

    public ListAuditRecordsService(TransactionRunner transactions, AuditRecords records) {
        this.transactions = transactions;
        this.records = records;
    }

    @Override
    public Outcome<AuditPage> list(ListAuditRecordsQuery query) {
        Set<ProvinceCode> provinces;
        PhoneNumber phone;
        ApplicationId applicationId;
        long after;
        try {
            provinces = blank(query.province()) ? query.reviewer().provinces()
                    : Set.of(Inputs.parse(InputField.PROVINCE, query.province(), ProvinceCode::of));
            phone = blank(query.phone()) ? null : Inputs.parse(InputField.PHONE, query.phone(), PhoneNumber::of);
            applicationId = blank(query.applicationId()) ? null
                    : Inputs.parse(InputField.APPLICATION_ID, query.applicationId(), ApplicationId::new);
            after = position(query.pageToken());
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        if (query.pageSize() < 0) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, FieldPath.of(InputField.PAGE_SIZE),
                    "must not be negative"));
        }
        if (!provinces.stream().allMatch(query.reviewer()::covers)) {
            return Outcome.ok(new AuditPage(List.of(), null));
        }
        // the national view (a key of every province, no province asked) also reads what no province sees
        AuditRecords.Scope scope = blank(query.province()) && query.reviewer().coversEveryProvince()
                ? AuditRecords.Scope.nationalView() : AuditRecords.Scope.visibleToAnyOf(provinces);
        int size = query.pageSize() == 0 ? ApplicationPage.DEFAULT_SIZE : Math.min(query.pageSize(), ApplicationPage.MAX_SIZE);
        List<AuditRecords.Stored> rows = transactions.inTransaction(() -> records.list(scope, phone, applicationId,
                query.from(), query.to(), after, size + 1));
        List<AuditRecords.Stored> shown = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? token(shown.get(shown.size() - 1).position()) : null;
        return Outcome.ok(new AuditPage(shown.stream().map(s -> shown(s.entry(), query.reviewer())).toList(), next));
    }

    /**
     * What a reviewer sees: the phone masked only, and of the provinces that see the entry only its own
     * (which other provinces have an application on the phone is theirs to know).
     */
    private static AuditEntry shown(AuditEntry e, Caller.Reviewer reviewer) {
        return new AuditEntry(e.at(), e.action(), e.maskedPhone(), e.outcome(), e.clientAddress(), null, e.province(),
                e.applicationId(), e.visibleTo().stream().filter(reviewer::covers).collect(Collectors.toSet()));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String token(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("audit:" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static long position(String token) {
        if (blank(token)) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("audit:")) {
                return Long.parseLong(decoded.substring("audit:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidInputException(FieldPath.of(InputField.PAGE_TOKEN), "is not a token this service gave");
    }
}
