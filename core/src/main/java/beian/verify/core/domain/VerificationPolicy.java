package beian.verify.core.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/** The policy table: who verifies for each filing type. Configuration, so "for now" can change without a rebuild. */
public final class VerificationPolicy {
    private final Map<FilingType, TargetSelection> selections;

    public VerificationPolicy(Map<FilingType, TargetSelection> selections) {
        EnumMap<FilingType, TargetSelection> all = new EnumMap<>(FilingType.class);
        for (FilingType type : FilingType.values()) {
            TargetSelection selection = selections.get(type);
            if (selection == null) {
                throw new InvalidSettingException("policy." + type, "is required: every filing type needs a row");
            }
            all.put(type, selection);
        }
        this.selections = Map.copyOf(all);
    }

    /** The source's table: the three cancellations are 暂不验证 (not verified for now). */
    public static VerificationPolicy defaults() {
        return new VerificationPolicy(Map.of(
                FilingType.NEW_FILING, TargetSelection.SUBJECT_AND_WEBSITES,
                FilingType.NEW_WEBSITE, TargetSelection.WEBSITES,
                FilingType.TRANSFER_IN, TargetSelection.WEBSITES,
                FilingType.CHANGE_FILING, TargetSelection.CHANGED,
                FilingType.CANCEL_SUBJECT, TargetSelection.NONE,
                FilingType.CANCEL_WEBSITE, TargetSelection.NONE,
                FilingType.CANCEL_ACCESS, TargetSelection.NONE));
    }

    /** This policy with one row changed. */
    public VerificationPolicy with(FilingType type, TargetSelection selection) {
        EnumMap<FilingType, TargetSelection> changed = new EnumMap<>(selections);
        changed.put(type, selection);
        return new VerificationPolicy(changed);
    }

    /**
     * Who must verify an application of {@code type}: its row of the table applied to the
     * principals submitted, one verifier per person (the same ID document and phone in several
     * roles make one verifier, holding every role), in the order they were submitted.
     *
     * @param subject           the subject principal, {@code null} when the type names none
     * @param websitePrincipals the principal of each listed website
     * @param subjectChanged    CHANGE_FILING: the subject's information changes
     */
    public List<Verifier> verifiersFor(FilingType type, Principal subject, List<Principal> websitePrincipals,
                                       boolean subjectChanged) {
        TargetSelection selection = selectionFor(type);
        boolean subjectVerifies = switch (selection) {
            case SUBJECT_AND_WEBSITES, SUBJECT -> true;
            case CHANGED -> subjectChanged;
            case SUBJECT_OR_WEBSITES -> websitePrincipals.isEmpty();
            case NONE, WEBSITES -> false;
        };
        boolean websitesVerify = switch (selection) {
            case SUBJECT_AND_WEBSITES, WEBSITES, CHANGED, SUBJECT_OR_WEBSITES -> true;
            case NONE, SUBJECT -> false;
        };
        List<Principal> people = new ArrayList<>();
        List<Set<Role>> roles = new ArrayList<>();
        if (subjectVerifies && subject != null) {
            add(people, roles, subject, Role.SUBJECT_PRINCIPAL);
        }
        if (websitesVerify) {
            websitePrincipals.forEach(p -> add(people, roles, p, Role.WEBSITE_PRINCIPAL));
        }
        List<Verifier> verifiers = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            verifiers.add(new Verifier(people.get(i), roles.get(i)));
        }
        return verifiers;
    }

    private static void add(List<Principal> people, List<Set<Role>> roles, Principal person, Role role) {
        for (int i = 0; i < people.size(); i++) {
            if (people.get(i).samePersonAs(person)) {
                roles.get(i).add(role);
                return;
            }
        }
        people.add(person);
        roles.add(EnumSet.of(role));
    }

    public TargetSelection selectionFor(FilingType type) {
        return selections.get(type);
    }

    public Map<FilingType, TargetSelection> rows() {
        return selections;
    }
}
