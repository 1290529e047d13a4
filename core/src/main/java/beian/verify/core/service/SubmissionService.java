package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationRecord;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.IdDocument;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.Province;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import beian.verify.core.domain.Role;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.TargetSelection;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.domain.Website;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.DuplicateRequestException;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Submission of filing applications: validation, the policy table, transfer-in checks, first codes. */
public final class SubmissionService implements SubmitApplicationUseCase {
    /** The most websites one application may list. */
    public static final int MAX_WEBSITES = 100;

    static final String TRANSFER_GUIDANCE = "网站负责人手机号码与备案成功信息不符：请先到原接入服务商变更负责人手机号码，再提交转入备案；"
            + "如无法联系原接入服务商，只能注销备案后重新提交新增网站。"
            + " (The website principal's phone differs from the filed record: have the original provider change it"
            + " first; if that provider cannot be reached, cancel the filing and submit NEW_WEBSITE.)";

    private final Ports ports;
    private final ProvinceCatalog provinces;
    private final VerificationPolicy policy;
    private final VerificationSettings settings;
    private final CodeIssuer codeIssuer;
    private final Secrets secrets;

    public SubmissionService(Ports ports, ProvinceCatalog provinces, VerificationPolicy policy,
                             VerificationSettings settings) {
        this.ports = ports;
        this.provinces = provinces;
        this.policy = policy;
        this.settings = settings;
        this.secrets = new Secrets(ports.hasher());
        this.codeIssuer = new CodeIssuer(ports.codes(), secrets, ports.random(), provinces, settings);
    }

    @Override
    public Outcome<Submission> submit(SubmitApplicationCommand command) {
        Draft draft;
        try {
            draft = Draft.parse(command);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        Optional<Province> province = provinces.find(draft.province());
        if (province.isEmpty()) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, "province",
                    "province: " + draft.province() + " is not served"));
        }
        String fingerprint = secrets.fingerprint(draft.canonical());
        Outcome<Submission> outcome;
        try {
            outcome = ports.transactions().inTransaction(() -> submitInTransaction(command, draft, province.get(), fingerprint));
        } catch (DuplicateRequestException e) {
            outcome = ports.transactions().inTransaction(() -> replay(
                    ports.applications().findByRequest(command.provider(), draft.requestId()).orElseThrow(), fingerprint));
        }
        if (outcome instanceof Outcome.Ok<Submission> ok && !ok.value().replayed()
                && ok.value().application().targets().size() > 0) {
            ports.dispatchSignal().messagesQueued();
        }
        return outcome;
    }

    private Outcome<Submission> submitInTransaction(SubmitApplicationCommand command, Draft draft, Province province,
                                                    String fingerprint) {
        Optional<ApplicationRecord> existing = ports.applications().findByRequest(command.provider(), draft.requestId());
        if (existing.isPresent()) {
            return replay(existing.get(), fingerprint);
        }
        if (draft.type() == FilingType.TRANSFER_IN) {
            Optional<Failure> refused = checkTransfer(draft);
            if (refused.isPresent()) {
                return Outcome.failed(refused.get());
            }
        }
        Instant now = ports.clock().now();
        ApplicationId id = ApplicationId.newId(now);
        List<VerificationTarget> targets = province.requiresVerificationAt(now)
                ? targets(id, draft, policy.selectionFor(draft.type()))
                : List.of();
        Instant deadline = now.plus(settings.deadline());
        ApplicationRecord record = new ApplicationRecord(id, command.provider(), draft.requestId(), fingerprint,
                draft.type(), draft.province(), draft.subjectName(), draft.subjectChanged(),
                draft.subject() == null ? null : draft.subject().phone(), draft.websites().stream()
                .map(w -> new Website(w.domain(), w.principal().phone())).toList(),
                targets, ApplicationStatus.PENDING_VERIFICATION, null, now, deadline, null, false, null, null, 0);
        FilingApplication application = FilingApplication.submit(record, autoResendAt(now, deadline));
        lockPhones(ports, targets);
        List<OutboundSms> messages = new ArrayList<>();
        for (VerificationTarget target : targets) {
            List<FilingApplication> samePhone = ports.applications().lockOpenByPhone(target.phone(), now).stream()
                    .map(FilingApplication::restore).toList();
            messages.add(codeIssuer.issue(application, target.number(), SmsTrigger.INITIAL, samePhone, now));
        }
        ports.applications().insert(application.state());
        messages.forEach(ports.outbox()::enqueue);
        ports.events().append(application.pullEvents());
        return Outcome.ok(new Submission(Views.of(application.state()), false));
    }

    /**
     * Takes the phones' locks (their throttle rows), in phone order, before codes are drawn: code
     * issuance for one phone is serialised across transactions and instances, so two submissions
     * at once cannot both hand out a code the other is about to take. Every path that locks a
     * phone takes it before any application row, so the two kinds of lock never deadlock.
     */
    static void lockPhones(Ports ports, List<VerificationTarget> targets) {
        targets.stream().map(VerificationTarget::phone).distinct()
                .sorted(Comparator.comparing(PhoneNumber::value))
                .forEach(ports.throttles()::lock);
    }

    /** Noon (configurable) of the calendar day after submission in Asia/Shanghai, if before the deadline. */
    Instant autoResendAt(Instant submittedAt, Instant deadline) {
        ZonedDateTime local = submittedAt.atZone(settings.zone());
        Instant at = local.toLocalDate().plusDays(1).atTime(settings.autoResendAt()).atZone(settings.zone()).toInstant();
        return at.isBefore(deadline) ? at : null;
    }

    private Outcome<Submission> replay(ApplicationRecord existing, String fingerprint) {
        if (!existing.requestFingerprint().equals(fingerprint)) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, "request_id",
                    "request_id: was already used for a different submission (application " + existing.id() + ")"));
        }
        return Outcome.ok(new Submission(Views.of(existing), true));
    }

    private Optional<Failure> checkTransfer(Draft draft) {
        for (int i = 0; i < draft.websites().size(); i++) {
            WebsiteDraft website = draft.websites().get(i);
            Optional<FiledRecord> record = ports.filedRecords().find(website.domain());
            String field = "websites[" + i + "]";
            if (record.isEmpty()) {
                return Optional.of(new Failure(ErrorCode.FILED_RECORD_NOT_FOUND, field + ".domain",
                        "no filed record (备案成功信息) for " + website.domain() + ": only a filed website can be transferred in"));
            }
            if (!record.get().websitePrincipalPhone().equals(website.principal().phone())) {
                return Optional.of(new Failure(ErrorCode.TRANSFER_PHONE_MISMATCH, field + ".principal.phone",
                        TRANSFER_GUIDANCE));
            }
        }
        return Optional.empty();
    }

    /** The people who must verify, one target per person and phone, in the order they appear. */
    private List<VerificationTarget> targets(ApplicationId id, Draft draft, TargetSelection selection) {
        Map<String, PersonRoles> people = new LinkedHashMap<>();
        boolean subject = switch (selection) {
            case SUBJECT_AND_WEBSITES, SUBJECT -> true;
            case CHANGED -> draft.subjectChanged();
            case SUBJECT_OR_WEBSITES -> draft.websites().isEmpty();
            case NONE, WEBSITES -> false;
        };
        boolean websites = switch (selection) {
            case SUBJECT_AND_WEBSITES, WEBSITES, CHANGED, SUBJECT_OR_WEBSITES -> true;
            case NONE, SUBJECT -> false;
        };
        if (subject) {
            if (draft.subject() == null) {
                throw new IllegalStateException("the subject principal was validated as present");
            }
            add(people, draft.subject(), Role.SUBJECT_PRINCIPAL);
        }
        if (websites) {
            draft.websites().forEach(w -> add(people, w.principal(), Role.WEBSITE_PRINCIPAL));
        }
        List<VerificationTarget> targets = new ArrayList<>();
        for (PersonRoles p : people.values()) {
            int number = targets.size() + 1;
            targets.add(VerificationTarget.fresh(number, p.roles(), p.person().phone(), p.person().id().type(),
                    secrets.idTail(id, number, p.person().id().tail())));
        }
        return targets;
    }

    private static void add(Map<String, PersonRoles> people, PersonDraft person, Role role) {
        String key = person.id().type() + "|" + person.id().number() + "|" + person.phone().value();
        people.computeIfAbsent(key, k -> new PersonRoles(person, EnumSet.noneOf(Role.class))).roles().add(role);
    }

    private record PersonRoles(PersonDraft person, Set<Role> roles) {
    }

    /** A principal, validated. */
    record PersonDraft(PhoneNumber phone, IdDocument id) {
        static PersonDraft parse(String path, PersonInput input) {
            Inputs.required(path, input);
            Inputs.parse(path + ".name", input.name(), n -> {
                if (n.strip().length() > 64) {
                    throw new InvalidInputException("name", "must be at most 64 characters");
                }
                return n;
            });
            PhoneNumber phone = Inputs.parse(path + ".phone", input.phone(), PhoneNumber::of);
            IdDocument id = Inputs.parse(path + ".id_number", input.idNumber(), n -> IdDocument.of(input.idType(), n));
            return new PersonDraft(phone, id);
        }

        String canonical() {
            return phone.value() + "," + id.type() + "," + id.number();
        }
    }

    record WebsiteDraft(DomainName domain, PersonDraft principal) {
    }

    /** The submission, validated. */
    record Draft(RequestId requestId, FilingType type, ProvinceCode province, String subjectName,
                 PersonDraft subject, List<WebsiteDraft> websites, boolean subjectChanged) {

        static Draft parse(SubmitApplicationCommand c) {
            RequestId requestId = Inputs.parse("request_id", c.requestId(), RequestId::new);
            FilingType type = Inputs.required("type", c.type());
            ProvinceCode province = Inputs.parse("province", c.province(), ProvinceCode::of);
            String subjectName = c.subjectName() == null || c.subjectName().isBlank() ? null : c.subjectName().strip();
            if (subjectName != null && subjectName.length() > 128) {
                throw new InvalidInputException("subject_name", "must be at most 128 characters");
            }
            if (type == FilingType.NEW_FILING && subjectName == null) {
                throw new InvalidInputException("subject_name", "is required for NEW_FILING");
            }
            if (c.subjectChanged() && type != FilingType.CHANGE_FILING) {
                throw new InvalidInputException("subject_changed", "applies to CHANGE_FILING only");
            }
            boolean needsSubject = type == FilingType.NEW_FILING || type == FilingType.CANCEL_SUBJECT
                    || (type == FilingType.CHANGE_FILING && c.subjectChanged());
            PersonDraft subject = null;
            if (c.subjectPrincipal() != null || needsSubject) {
                if (c.subjectPrincipal() == null) {
                    throw new InvalidInputException("subject_principal", "is required for " + type
                            + (type == FilingType.CHANGE_FILING ? " when the subject changes" : ""));
                }
                subject = PersonDraft.parse("subject_principal", c.subjectPrincipal());
            }
            List<WebsiteInput> inputs = c.websites() == null ? List.of() : c.websites();
            if (inputs.size() > MAX_WEBSITES) {
                throw new InvalidInputException("websites", "must list at most " + MAX_WEBSITES + " websites");
            }
            boolean needsWebsites = switch (type) {
                case NEW_FILING, NEW_WEBSITE, TRANSFER_IN, CANCEL_WEBSITE, CANCEL_ACCESS -> true;
                case CHANGE_FILING -> !c.subjectChanged();
                case CANCEL_SUBJECT -> false;
            };
            if (needsWebsites && inputs.isEmpty()) {
                throw new InvalidInputException("websites", type == FilingType.CHANGE_FILING
                        ? "must list the changed websites when the subject does not change"
                        : "must list at least one website for " + type);
            }
            List<WebsiteDraft> websites = new ArrayList<>();
            Set<DomainName> seen = new HashSet<>();
            for (int i = 0; i < inputs.size(); i++) {
                String path = "websites[" + i + "]";
                WebsiteInput input = Inputs.required(path, inputs.get(i));
                DomainName domain = Inputs.parse(path + ".domain", input.domain(), DomainName::of);
                if (!seen.add(domain)) {
                    throw new InvalidInputException(path + ".domain", domain + " is listed twice");
                }
                websites.add(new WebsiteDraft(domain, PersonDraft.parse(path + ".principal", input.principal())));
            }
            return new Draft(requestId, type, province, subjectName, subject, List.copyOf(websites), c.subjectChanged());
        }

        /** Everything that makes the submission what it is, for the replay fingerprint. */
        String canonical() {
            StringBuilder s = new StringBuilder().append(type).append('|').append(province).append('|')
                    .append(subjectName).append('|').append(subjectChanged).append('|')
                    .append(subject == null ? "-" : subject.canonical());
            websites.forEach(w -> s.append('|').append(w.domain()).append(',').append(w.principal().canonical()));
            return s.toString();
        }
    }
}
