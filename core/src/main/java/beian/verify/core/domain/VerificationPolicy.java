package beian.verify.core.domain;

import java.util.EnumMap;
import java.util.Map;

/** The policy table: who verifies for each filing type. Configuration, so "for now" can change without a rebuild. */
public final class VerificationPolicy {
    private final Map<FilingType, TargetSelection> selections;

    public VerificationPolicy(Map<FilingType, TargetSelection> selections) {
        EnumMap<FilingType, TargetSelection> all = new EnumMap<>(FilingType.class);
        for (FilingType type : FilingType.values()) {
            TargetSelection selection = selections.get(type);
            if (selection == null) {
                throw new InvalidInputException("policy." + type, "is required: every filing type needs a row");
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

    public TargetSelection selectionFor(FilingType type) {
        return selections.get(type);
    }

    public Map<FilingType, TargetSelection> rows() {
        return selections;
    }
}
