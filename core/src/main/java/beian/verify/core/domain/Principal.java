package beian.verify.core.domain;

import java.util.Objects;

/** A person responsible for a filing (主体负责人 or 网站负责人), as submitted: a phone and an ID document. */
public record Principal(PhoneNumber phone, IdDocument id) {
    public Principal {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(id, "id");
    }

    /** One person = one code: the same ID document and the same phone make the same verifier. */
    boolean samePersonAs(Principal other) {
        return phone.equals(other.phone) && id.equals(other.id);
    }

    @Override
    public String toString() {
        return "Principal[" + phone.masked() + "]";
    }
}
