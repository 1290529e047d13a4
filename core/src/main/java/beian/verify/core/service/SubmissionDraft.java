package beian.verify.core.service;

import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.IdDocument;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.Principal;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A submission, validated field by field: what each filing type must carry, and a canonical form
 * for the replay fingerprint. The first broken rule is thrown as {@link InvalidInputException}
 * naming its field.
 */
record SubmissionDraft(RequestId requestId, FilingType type, ProvinceCode province, String subjectName,
                       Principal subject, List<WebsiteDraft> websites, boolean subjectChanged) {
    /** The most websites one application may list. */
    static final int MAX_WEBSITES = 100;
    private static final int MAX_SUBJECT_NAME = 128;
    private static final int MAX_PERSON_NAME = 64;

    /** One website, validated. */
    record WebsiteDraft(DomainName domain, Principal principal) {
    }

    static SubmissionDraft parse(SubmitApplicationCommand c) {
        RequestId requestId = Inputs.parse(InputField.REQUEST_ID, c.requestId(), RequestId::new);
        FilingType type = Inputs.required(FieldPath.of(InputField.TYPE), c.type());
        ProvinceCode province = Inputs.parse(InputField.PROVINCE, c.province(), ProvinceCode::of);
        String subjectName = c.subjectName() == null || c.subjectName().isBlank() ? null : c.subjectName().strip();
        if (subjectName != null && subjectName.length() > MAX_SUBJECT_NAME) {
            throw new InvalidInputException(InputField.SUBJECT_NAME, "must be at most " + MAX_SUBJECT_NAME + " characters");
        }
        if (type == FilingType.NEW_FILING && subjectName == null) {
            throw new InvalidInputException(InputField.SUBJECT_NAME, "is required for NEW_FILING");
        }
        if (c.subjectChanged() && type != FilingType.CHANGE_FILING) {
            throw new InvalidInputException(InputField.SUBJECT_CHANGED, "applies to CHANGE_FILING only");
        }
        boolean needsSubject = type == FilingType.NEW_FILING || type == FilingType.CANCEL_SUBJECT
                || (type == FilingType.CHANGE_FILING && c.subjectChanged());
        Principal subject = null;
        if (c.subjectPrincipal() != null || needsSubject) {
            if (c.subjectPrincipal() == null) {
                throw new InvalidInputException(InputField.SUBJECT_PRINCIPAL, "is required for " + type
                        + (type == FilingType.CHANGE_FILING ? " when the subject changes" : ""));
            }
            subject = principal(FieldPath.of(InputField.SUBJECT_PRINCIPAL), c.subjectPrincipal());
        }
        return new SubmissionDraft(requestId, type, province, subjectName, subject, websites(c, type),
                c.subjectChanged());
    }

    private static List<WebsiteDraft> websites(SubmitApplicationCommand c, FilingType type) {
        List<WebsiteInput> inputs = c.websites() == null ? List.of() : c.websites();
        if (inputs.size() > MAX_WEBSITES) {
            throw new InvalidInputException(InputField.WEBSITES, "must list at most " + MAX_WEBSITES + " websites");
        }
        boolean needsWebsites = switch (type) {
            case NEW_FILING, NEW_WEBSITE, TRANSFER_IN, CANCEL_WEBSITE, CANCEL_ACCESS -> true;
            case CHANGE_FILING -> !c.subjectChanged();
            case CANCEL_SUBJECT -> false;
        };
        if (needsWebsites && inputs.isEmpty()) {
            throw new InvalidInputException(InputField.WEBSITES, type == FilingType.CHANGE_FILING
                    ? "must list the changed websites when the subject does not change"
                    : "must list at least one website for " + type);
        }
        List<WebsiteDraft> websites = new ArrayList<>();
        Set<DomainName> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            FieldPath path = FieldPath.of(InputField.WEBSITES, i);
            WebsiteInput input = Inputs.required(path, inputs.get(i));
            DomainName domain = Inputs.parse(path.then(InputField.DOMAIN), input.domain(), DomainName::of);
            if (!seen.add(domain)) {
                throw new InvalidInputException(path.then(InputField.DOMAIN), domain + " is listed twice");
            }
            websites.add(new WebsiteDraft(domain, principal(path.then(InputField.PRINCIPAL), input.principal())));
        }
        return List.copyOf(websites);
    }

    private static Principal principal(FieldPath path, PersonInput input) {
        Inputs.required(path, input);
        Inputs.text(path.then(InputField.NAME), input.name(), MAX_PERSON_NAME);
        PhoneNumber phone = Inputs.parse(path.then(InputField.PHONE), input.phone(), PhoneNumber::of);
        IdDocument id = Inputs.parse(path.then(InputField.ID_NUMBER), input.idNumber(),
                n -> IdDocument.of(input.idType(), n));
        return new Principal(phone, id);
    }

    List<Principal> websitePrincipals() {
        return websites.stream().map(WebsiteDraft::principal).toList();
    }

    /** Everything that makes the submission what it is, for the replay fingerprint. */
    /**
     * What the replay fingerprint is taken over: everything the application keeps, and of each ID
     * only its type and tail (the last six characters, all the verification check needs), so the
     * stored fingerprint is no keyed hash of full ID numbers (issue #11; docs/decisions.md).
     */
    String canonical() {
        return canonical(false);
    }

    /**
     * The form fingerprints were taken over before, with full ID numbers: computed only to recognise
     * the replay of a request stored then, never stored again.
     */
    String legacyCanonical() {
        return canonical(true);
    }

    private String canonical(boolean fullIdNumbers) {
        StringBuilder s = new StringBuilder().append(type).append('|').append(province).append('|')
                .append(subjectName).append('|').append(subjectChanged).append('|').append(canonical(subject, fullIdNumbers));
        websites.forEach(w -> s.append('|').append(w.domain()).append(',').append(canonical(w.principal(), fullIdNumbers)));
        return s.toString();
    }

    private static String canonical(Principal p, boolean fullIdNumber) {
        return p == null ? "-" : p.phone().value() + "," + p.id().type() + ","
                + (fullIdNumber ? p.id().number() : "tail:" + p.id().tail().value());
    }
}
