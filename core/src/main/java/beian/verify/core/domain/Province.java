package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A province as configured: its verification platform host and the instant from which SMS
 * verification applies to it ({@code null}: it does not apply).
 */
public record Province(ProvinceCode code, String name, String platformHost, Instant smsVerificationSince) {
    public Province {
        Objects.requireNonNull(code, "code");
        name = requireName(code, name);
        if (smsVerificationSince != null && (platformHost == null || platformHost.isBlank())) {
            throw new InvalidSettingException("provinces." + code + ".platform-host",
                    "is required where SMS verification applies: the SMS names it");
        }
        platformHost = platformHost == null || platformHost.isBlank() ? null : platformHost.strip();
    }

    /** Whether an application submitted at {@code at} must pass SMS verification. */
    public boolean requiresVerificationAt(Instant at) {
        return smsVerificationSince != null && !at.isBefore(smsVerificationSince);
    }

    public Optional<String> host() {
        return Optional.ofNullable(platformHost);
    }

    public Optional<Instant> verificationSince() {
        return Optional.ofNullable(smsVerificationSince);
    }

    private static String requireName(ProvinceCode code, String name) {
        if (name == null || name.isBlank() || name.strip().length() > 32) {
            throw new InvalidSettingException("provinces." + code + ".name", "is required, at most 32 characters");
        }
        return name.strip();
    }
}
