package beian.verify.core.domain;

import java.util.Objects;

/** One website of an application: its domain and its principal's phone. */
public record Website(DomainName domain, PhoneNumber principalPhone) {
    public Website {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(principalPhone, "principalPhone");
    }
}
