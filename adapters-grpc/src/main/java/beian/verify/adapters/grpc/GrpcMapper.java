package beian.verify.adapters.grpc;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.AuditRecord;
import beian.verify.adapters.grpc.v1.Event;
import beian.verify.adapters.grpc.v1.ListAuditRecordsResponse;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.port.in.ListAuditRecordsUseCase;
import beian.verify.adapters.grpc.v1.FiledRecord;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.IdType;
import beian.verify.adapters.grpc.v1.ImportFailure;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsResponse;
import beian.verify.adapters.grpc.v1.ListApplicationsResponse;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.Role;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Target;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.FiledRecordInput;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.ImportReport;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapper between generated messages and the core's commands and views. Enums map by name,
 * so a value added on one side only fails loudly here instead of mapping to a neighbour.
 */
final class GrpcMapper {
    private GrpcMapper() {
    }

    // --- requests → core -------------------------------------------------------------------

    static SubmitApplicationCommand command(ProviderId provider, SubmitApplicationRequest request) {
        List<WebsiteInput> websites = new ArrayList<>(request.getWebsitesCount());
        for (int i = 0; i < request.getWebsitesCount(); i++) {
            Website website = request.getWebsites(i);
            websites.add(new WebsiteInput(website.getDomain(),
                    website.hasPrincipal() ? person("websites[" + i + "].principal", website.getPrincipal()) : null));
        }
        return new SubmitApplicationCommand(provider, request.getRequestId(), filingType(request.getType()),
                request.getProvince(), request.getSubjectName(),
                request.hasSubjectPrincipal() ? person("subject_principal", request.getSubjectPrincipal()) : null,
                websites, request.getSubjectChanged());
    }

    private static beian.verify.core.domain.FilingType filingType(FilingType type) {
        if (type == FilingType.FILING_TYPE_UNSPECIFIED || type == FilingType.UNRECOGNIZED) {
            throw GrpcErrors.invalid("type", "must be one of NEW_FILING, NEW_WEBSITE, TRANSFER_IN, CHANGE_FILING,"
                    + " CANCEL_SUBJECT, CANCEL_WEBSITE, CANCEL_ACCESS");
        }
        return beian.verify.core.domain.FilingType.valueOf(type.name());
    }

    private static PersonInput person(String path, Person person) {
        if (person.getIdType() == IdType.UNRECOGNIZED) {
            throw GrpcErrors.invalid(path + ".id_type", "must be RESIDENT_ID, HK_MACAO_PERMIT, TAIWAN_PERMIT or PASSPORT");
        }
        return new PersonInput(person.getName(), person.getPhone(),
                beian.verify.core.domain.IdType.valueOf(person.getIdType().name()), person.getIdNumber());
    }

    /** {@code null} (every status) for STATUS_UNSPECIFIED. */
    static ApplicationStatus status(Application.Status status) {
        if (status == Application.Status.UNRECOGNIZED) {
            throw GrpcErrors.invalid("status", "is not an application status");
        }
        return status == Application.Status.STATUS_UNSPECIFIED ? null : ApplicationStatus.valueOf(status.name());
    }

    static List<FiledRecordInput> records(List<FiledRecord> records) {
        return records.stream().map(r -> new FiledRecordInput(r.getDomain(), r.getFilingNumber(), r.getProvince(),
                r.getProviderId(), r.getSubjectPrincipalPhone(), r.getWebsitePrincipalPhone())).toList();
    }

    // --- core → responses ------------------------------------------------------------------

    static Application application(ApplicationView view) {
        Application.Builder builder = Application.newBuilder()
                .setApplicationId(view.applicationId())
                .setRequestId(view.requestId())
                .setType(FilingType.valueOf(view.type().name()))
                .setProvince(view.province())
                .setStatus(Application.Status.valueOf(view.status().name()))
                .setSubmittedAt(timestamp(view.submittedAt()))
                .setDeadline(timestamp(view.deadline()))
                .setProviderId(view.providerId());
        if (view.returnReason() != null) {
            builder.setReturnReason(Application.ReturnReason.valueOf(view.returnReason().name()));
        }
        if (view.filingNumber() != null) {
            builder.setFilingNumber(view.filingNumber());
        }
        if (view.rejectReason() != null) {
            builder.setRejectReason(view.rejectReason());
        }
        for (ApplicationView.TargetView target : view.targets()) {
            builder.addTargets(Target.newBuilder()
                    .addAllRoles(target.roles().stream().sorted().map(r -> Role.valueOf(r.name())).toList())
                    .setMaskedPhone(target.maskedPhone())
                    .setStatus(Target.Status.valueOf(target.status().name()))
                    .setSmsSentCount(target.smsSentCount()));
        }
        return builder.build();
    }

    static ListApplicationsResponse page(ApplicationPage page) {
        ListApplicationsResponse.Builder builder = ListApplicationsResponse.newBuilder();
        page.applications().forEach(a -> builder.addApplications(application(a)));
        if (page.nextPageToken() != null) {
            builder.setNextPageToken(page.nextPageToken());
        }
        return builder.build();
    }

    static Event event(RecordedEvent recorded) {
        DomainEvent e = recorded.event();
        Event.Builder builder = Event.newBuilder()
                .setSequence(recorded.sequence())
                .setType(Event.Type.valueOf(e.type().name()))
                .setApplicationId(e.applicationId().value())
                .setOccurredAt(timestamp(e.occurredAt()));
        if (e.maskedPhone() != null) {
            builder.setMaskedPhone(e.maskedPhone());
        }
        if (e.trigger() != null) {
            builder.setTrigger(Event.Trigger.valueOf(e.trigger().name()));
        }
        if (e.reason() != null) {
            builder.setReason(e.reason());
        }
        return builder.build();
    }

    static ImportFiledRecordsResponse importReport(ImportReport report) {
        ImportFiledRecordsResponse.Builder builder = ImportFiledRecordsResponse.newBuilder().setImported(report.imported());
        report.failures().forEach(f -> {
            ImportFailure.Builder failure = ImportFailure.newBuilder().setIndex(f.index())
                    .setCode(f.failure().code().name());
            String field = f.failure().field() == null ? null : GrpcFieldPaths.of(f.failure().field());
            failure.setMessage(GrpcErrors.message(f.failure(), field));
            if (field != null) {
                failure.setField(field);
            }
            builder.addFailures(failure);
        });
        return builder.build();
    }

    static ListAuditRecordsResponse auditPage(ListAuditRecordsUseCase.AuditPage page) {
        ListAuditRecordsResponse.Builder out = ListAuditRecordsResponse.newBuilder()
                .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken());
        for (AuditEntry e : page.records()) {
            out.addRecords(AuditRecord.newBuilder().setOccurredAt(timestamp(e.at())).setAction(e.action().name())
                    .setMaskedPhone(nz(e.maskedPhone())).setOutcome(e.outcome()).setClientAddress(nz(e.clientAddress()))
                    .setApplicationId(e.applicationId() == null ? "" : e.applicationId().value())
                    .setProvince(e.province() == null ? "" : e.province().value())
                    .addAllVisibleTo(e.visibleTo().stream().map(p -> p.value()).sorted().toList()));
        }
        return out.build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
