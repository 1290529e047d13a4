package beian.verify.core.domain;

/** A configuration value breaks a rule: names the setting, so the operator knows what to fix. */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String setting;

    public InvalidSettingException(String setting, String reason) {
        super(setting + ": " + reason);
        this.setting = setting;
    }

    /** The setting, as the configuration names it below {@code beian.}. */
    public String setting() {
        return setting;
    }
}
