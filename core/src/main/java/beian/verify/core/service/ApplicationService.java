package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationRecord;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.Province;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.Transition;
import beian.verify.core.domain.Website;
import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.ImportFiledRecordsUseCase;
import beian.verify.core.port.in.ManageApplicationUseCase;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.QueryApplicationsUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reading and managing applications for access providers and the 管局: a provider sees and
 * changes only its own, a reviewer only its provinces'. Anything else is APPLICATION_NOT_FOUND,
 * so a caller cannot learn that another's application exists.
 */
public final class ApplicationService implements QueryApplicationsUseCase, ManageApplicationUseCase,
        ImportFiledRecordsUseCase {
    /** The most records one import may carry. */
    public static final int MAX_IMPORT = 10_000;

    private final Ports ports;
    private final ProvinceCatalog provinces;

    public ApplicationService(Ports ports, ProvinceCatalog provinces) {
        this.ports = ports;
        this.provinces = provinces;
    }

    @Override
    public Outcome<ApplicationView> get(Caller caller, String applicationId) {
        ApplicationId id;
        try {
            id = Inputs.parse("application_id", applicationId, ApplicationId::new);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        Optional<ApplicationRecord> record = ports.transactions().inTransaction(() -> ports.applications().findById(id));
        return record.filter(r -> mayAccess(caller, r)).map(r -> Outcome.ok(Views.of(r)))
                .orElseGet(() -> notFound(id));
    }

    @Override
    public Outcome<ApplicationPage> list(ProviderId provider, ApplicationStatus status, int pageSize, String pageToken) {
        return page(pageSize, pageToken, (after, limit) -> ports.applications().listByProvider(provider, status, after, limit));
    }

    @Override
    public Outcome<ApplicationPage> listReadyForReview(Caller.Reviewer reviewer, String province, int pageSize,
                                                       String pageToken) {
        List<ProvinceCode> scope;
        if (province == null || province.isBlank()) {
            scope = reviewer.provinces().stream().sorted((a, b) -> a.value().compareTo(b.value())).toList();
        } else {
            ProvinceCode code;
            try {
                code = Inputs.parse("province", province, ProvinceCode::of);
            } catch (InvalidInputException e) {
                return Outcome.failed(Failure.invalid(e));
            }
            scope = reviewer.covers(code) ? List.of(code) : List.of();
        }
        if (scope.isEmpty()) {
            return Outcome.ok(new ApplicationPage(List.of(), null));
        }
        return page(pageSize, pageToken, (after, limit) -> ports.applications()
                .listByStatusAndProvinces(ApplicationStatus.READY_FOR_REVIEW, scope, after, limit));
    }

    private Outcome<ApplicationPage> page(int pageSize, String pageToken,
                                          BiFunction<ApplicationId, Integer, List<ApplicationRecord>> query) {
        if (pageSize < 0) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, "page_size", "page_size: must not be negative"));
        }
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        ApplicationId after;
        try {
            after = Views.cursor(pageToken);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        List<ApplicationRecord> rows = ports.transactions().inTransaction(() -> query.apply(after, size + 1));
        List<ApplicationRecord> shown = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? Views.pageToken(shown.get(shown.size() - 1).id()) : null;
        return Outcome.ok(new ApplicationPage(shown.stream().map(Views::of).toList(), next));
    }

    @Override
    public List<RecordedEvent> events(ProviderId provider, long afterSequence, int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
        return ports.transactions().inTransaction(() -> ports.events().readAfter(provider, afterSequence, bounded));
    }

    @Override
    public List<Province> provinces() {
        return provinces.all();
    }

    @Override
    public Outcome<ApplicationView> withdraw(ProviderId provider, String applicationId) {
        return change(new Caller.Provider(provider), applicationId, (application, now) -> application.withdraw(now));
    }

    @Override
    public Outcome<ApplicationView> approve(Caller.Reviewer reviewer, String applicationId, String filingNumber) {
        FilingNumber number;
        try {
            number = filingNumber == null || filingNumber.isBlank() ? null : new FilingNumber(filingNumber);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        return change(reviewer, applicationId, (application, now) -> {
            FilingType type = application.state().type();
            boolean newNumber = type == FilingType.NEW_FILING || type == FilingType.NEW_WEBSITE;
            if (newNumber && number == null && application.status() == ApplicationStatus.READY_FOR_REVIEW) {
                throw new InvalidInputException("filing_number", "is required to approve " + type);
            }
            FilingNumber given = number != null ? number : existingNumber(application.state()).orElse(null);
            if (given == null && application.status() == ApplicationStatus.READY_FOR_REVIEW) {
                throw new InvalidInputException("filing_number", "is required: no filed record carries one");
            }
            Transition transition = application.approve(given, now);
            if (transition instanceof Transition.Done) {
                writeFiledRecords(application.state());
            }
            return transition;
        });
    }

    @Override
    public Outcome<ApplicationView> reject(Caller.Reviewer reviewer, String applicationId, String reason) {
        if (reason == null || reason.isBlank()) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, "reason", "reason: is required"));
        }
        if (reason.length() > 500) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, "reason", "reason: must be at most 500 characters"));
        }
        return change(reviewer, applicationId, (application, now) -> application.reject(reason.strip(), now));
    }

    private interface Change {
        Transition apply(FilingApplication application, Instant now);
    }

    private Outcome<ApplicationView> change(Caller caller, String applicationId, Change change) {
        ApplicationId id;
        try {
            id = Inputs.parse("application_id", applicationId, ApplicationId::new);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        try {
            return ports.transactions().inTransaction(() -> {
                Optional<ApplicationRecord> record = ports.applications().lockById(id).filter(r -> mayAccess(caller, r));
                if (record.isEmpty()) {
                    return notFound(id);
                }
                FilingApplication application = FilingApplication.restore(record.get());
                Transition transition = change.apply(application, ports.clock().now());
                if (transition instanceof Transition.WrongStatus wrong) {
                    return Outcome.failed(Failure.of(ErrorCode.WRONG_STATUS,
                            "application " + id + " is " + wrong.current() + ", which does not allow this"));
                }
                ports.applications().update(application.state());
                ports.events().append(application.pullEvents());
                return Outcome.ok(Views.of(application.state()));
            });
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
    }

    private Optional<FilingNumber> existingNumber(ApplicationRecord application) {
        return application.websites().stream().map(w -> ports.filedRecords().find(w.domain()))
                .flatMap(Optional::stream).map(FiledRecord::filingNumber).findFirst();
    }

    /** Approval changes what is on file: new filings are recorded, transfers move, cancellations remove. */
    private void writeFiledRecords(ApplicationRecord a) {
        for (Website website : a.websites()) {
            Optional<FiledRecord> existing = ports.filedRecords().find(website.domain());
            switch (a.type()) {
                case NEW_FILING, NEW_WEBSITE -> ports.filedRecords().upsert(new FiledRecord(website.domain(),
                        a.filingNumber(), a.province(), a.provider(), a.subjectPrincipalPhone(), website.principalPhone()));
                case TRANSFER_IN -> ports.filedRecords().upsert(new FiledRecord(website.domain(),
                        existing.map(FiledRecord::filingNumber).orElse(a.filingNumber()), a.province(), a.provider(),
                        existing.map(FiledRecord::subjectPrincipalPhone).orElse(a.subjectPrincipalPhone()),
                        website.principalPhone()));
                case CHANGE_FILING -> existing.ifPresent(r -> ports.filedRecords().upsert(new FiledRecord(r.domain(),
                        r.filingNumber(), r.province(), r.provider(),
                        a.subjectChanged() && a.subjectPrincipalPhone() != null ? a.subjectPrincipalPhone()
                                : r.subjectPrincipalPhone(),
                        website.principalPhone())));
                case CANCEL_WEBSITE, CANCEL_SUBJECT -> ports.filedRecords().delete(website.domain());
                case CANCEL_ACCESS -> {
                    // The filing stays on file; only the provider's access ends, which is not recorded here.
                }
            }
        }
    }

    @Override
    public ImportReport importRecords(Caller.Reviewer reviewer, List<FiledRecordInput> records) {
        if (records.size() > MAX_IMPORT) {
            return new ImportReport(0, List.of(new ItemFailure(-1, new Failure(ErrorCode.INVALID_ARGUMENT, "records",
                    "records: at most " + MAX_IMPORT + " per import"))));
        }
        int imported = 0;
        List<ItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String path = "records[" + i + "]";
            try {
                FiledRecord record = parse(path, records.get(i));
                if (!reviewer.covers(record.province())) {
                    throw new InvalidInputException(path + ".province", "is not a province this key reviews");
                }
                ports.transactions().inTransaction(() -> {
                    ports.filedRecords().upsert(record);
                    return null;
                });
                imported++;
            } catch (InvalidInputException e) {
                failures.add(new ItemFailure(i, Failure.invalid(e)));
            }
        }
        return new ImportReport(imported, failures);
    }

    private static FiledRecord parse(String path, FiledRecordInput input) {
        Inputs.required(path, input);
        String subjectPhone = input.subjectPrincipalPhone();
        return new FiledRecord(
                Inputs.parse(path + ".domain", input.domain(), DomainName::of),
                Inputs.parse(path + ".filing_number", input.filingNumber(), FilingNumber::new),
                Inputs.parse(path + ".province", input.province(), ProvinceCode::of),
                Inputs.parse(path + ".provider_id", input.providerId(), ProviderId::new),
                subjectPhone == null || subjectPhone.isBlank() ? null
                        : Inputs.parse(path + ".subject_principal_phone", subjectPhone, PhoneNumber::of),
                Inputs.parse(path + ".website_principal_phone", input.websitePrincipalPhone(), PhoneNumber::of));
    }

    private static boolean mayAccess(Caller caller, ApplicationRecord record) {
        if (caller instanceof Caller.Provider p) {
            return record.provider().equals(p.id());
        }
        return ((Caller.Reviewer) caller).covers(record.province());
    }

    private static <T> Outcome<T> notFound(ApplicationId id) {
        return Outcome.failed(Failure.of(ErrorCode.APPLICATION_NOT_FOUND, "no application " + id));
    }
}
