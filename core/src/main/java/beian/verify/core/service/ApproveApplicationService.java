package beian.verify.core.service;

import beian.verify.core.domain.ApprovalOutcome;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FiledRecordChange;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.Website;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.ApproveApplicationUseCase;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 管局 approves an application ready for review. The aggregate decides the filing number and
 * what changes on file; this service loads the websites and their filed records and writes the
 * changes, all in the approval's transaction.
 */
public final class ApproveApplicationService implements ApproveApplicationUseCase {
    private final ApplicationChanges changes;
    private final ApplicationRepository applications;
    private final FiledRecordRepository filedRecords;

    public ApproveApplicationService(TransactionRunner transactions, AppClock clock,
                                     ApplicationRepository applications, FiledRecordRepository filedRecords,
                                     EventStore events) {
        this.changes = new ApplicationChanges(transactions, clock, applications, events);
        this.applications = applications;
        this.filedRecords = filedRecords;
    }

    @Override
    public Outcome<ApplicationView> approve(ApproveApplicationCommand command) {
        FilingNumber given;
        try {
            given = command.filingNumber() == null || command.filingNumber().isBlank() ? null
                    : new FilingNumber(command.filingNumber());
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        return changes.change(command.reviewer(), command.applicationId(), (application, now) -> approve(command.reviewer(), application, given, now));
    }

    private Optional<Failure> approve(Caller.Reviewer reviewer, FilingApplication application, FilingNumber given,
                                      Instant now) {
        List<Website> websites = applications.websitesOf(application.id());
        Map<DomainName, FiledRecord> onFile = new LinkedHashMap<>();
        websites.forEach(w -> filedRecords.find(w.domain()).ifPresent(r -> onFile.put(w.domain(), r)));
        if (application.facts().type().changesFiledRecords()) {
            // the record on file decides whose it is, not the application: a TJ approval never rewrites a GS record
            for (int i = 0; i < websites.size(); i++) {
                FiledRecord existing = onFile.get(websites.get(i).domain());
                if (existing != null && !reviewer.covers(existing.province())) {
                    return Optional.of(new Failure(ErrorCode.FILED_RECORD_OF_ANOTHER_PROVINCE,
                            FieldPath.of(InputField.WEBSITES, i).then(InputField.DOMAIN),
                            "is on file in a province this key does not review"));
                }
            }
        }
        FilingNumber numberOnFile = onFile.values().stream().map(FiledRecord::filingNumber).findFirst().orElse(null);
        ApprovalOutcome outcome = application.approve(given, numberOnFile, now);
        if (outcome instanceof ApprovalOutcome.WrongStatus) {
            return Optional.of(ApplicationChanges.wrongStatus(application));
        }
        if (outcome instanceof ApprovalOutcome.FilingNumberRequired required) {
            return Optional.of(new Failure(ErrorCode.INVALID_ARGUMENT, FieldPath.of(InputField.FILING_NUMBER),
                    required.reason()));
        }
        for (FiledRecordChange change : application.filedRecordChanges(websites, onFile)) {
            if (change instanceof FiledRecordChange.Upsert upsert) {
                filedRecords.upsert(upsert.record());
            } else if (change instanceof FiledRecordChange.Delete delete) {
                filedRecords.delete(delete.domain());
            }
        }
        return Optional.empty();
    }
}
