package beian.verify.core.service;

import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.ImportFiledRecordsUseCase;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.TransactionRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 管局 imports earlier filings. Every record is checked first (a bad one is reported by its
 * index and skipped); the good ones are written in one transaction.
 */
public final class ImportFiledRecordsService implements ImportFiledRecordsUseCase {
    private final TransactionRunner transactions;
    private final FiledRecordRepository filedRecords;

    public ImportFiledRecordsService(TransactionRunner transactions, FiledRecordRepository filedRecords) {
        this.transactions = transactions;
        this.filedRecords = filedRecords;
    }

    @Override
    public Outcome<ImportReport> importRecords(ImportFiledRecordsCommand command) {
        List<FiledRecordInput> inputs = command.records();
        if (inputs.size() > MAX_RECORDS) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, FieldPath.of(InputField.RECORDS),
                    "at most " + MAX_RECORDS + " per import"));
        }
        List<Indexed> valid = new ArrayList<>();
        List<ItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            FieldPath path = FieldPath.of(InputField.RECORDS, i);
            try {
                FiledRecord record = parse(path, inputs.get(i));
                if (!command.reviewer().covers(record.province())) {
                    throw new InvalidInputException(path.then(InputField.PROVINCE), "is not a province this key reviews");
                }
                valid.add(new Indexed(i, record));
            } catch (InvalidInputException e) {
                failures.add(new ItemFailure(i, Failure.invalid(e)));
            }
        }
        int imported = transactions.inTransaction(() -> {
            int stored = 0;
            for (Indexed item : valid) {
                // the record on file decides whose it is: a TJ key never overwrites a GS record
                Optional<FiledRecord> existing = filedRecords.find(item.record().domain());
                if (existing.isPresent() && !command.reviewer().covers(existing.get().province())) {
                    failures.add(new ItemFailure(item.index(), new Failure(ErrorCode.FILED_RECORD_OF_ANOTHER_PROVINCE,
                            FieldPath.of(InputField.RECORDS, item.index()).then(InputField.DOMAIN),
                            "is on file in a province this key does not review")));
                } else {
                    filedRecords.upsert(item.record());
                    stored++;
                }
            }
            return stored;
        });
        failures.sort(java.util.Comparator.comparingInt(ItemFailure::index));
        return Outcome.ok(new ImportReport(imported, failures));
    }

    private record Indexed(int index, FiledRecord record) {
    }

    private static FiledRecord parse(FieldPath path, FiledRecordInput input) {
        Inputs.required(path, input);
        String subjectPhone = input.subjectPrincipalPhone();
        return new FiledRecord(
                Inputs.parse(path.then(InputField.DOMAIN), input.domain(), DomainName::of),
                Inputs.parse(path.then(InputField.FILING_NUMBER), input.filingNumber(), FilingNumber::new),
                Inputs.parse(path.then(InputField.PROVINCE), input.province(), ProvinceCode::of),
                Inputs.parse(path.then(InputField.PROVIDER_ID), input.providerId(), ProviderId::new),
                subjectPhone == null || subjectPhone.isBlank() ? null
                        : Inputs.parse(path.then(InputField.SUBJECT_PRINCIPAL_PHONE), subjectPhone, PhoneNumber::of),
                Inputs.parse(path.then(InputField.WEBSITE_PRINCIPAL_PHONE), input.websitePrincipalPhone(), PhoneNumber::of));
    }
}
