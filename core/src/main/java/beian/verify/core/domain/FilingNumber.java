package beian.verify.core.domain;

/** The filing number the 管局 gives an approved filing, e.g. 津ICP备12345678号-1. */
public record FilingNumber(String value) {
    public FilingNumber {
        value = Inputs.text(FieldPath.of(InputField.FILING_NUMBER), value, 64);
    }

    @Override
    public String toString() {
        return value;
    }
}
