package beian.verify.core.domain;

import java.util.Set;

/** A person who must verify an application, with every role they hold in it. */
public record Verifier(Principal person, Set<Role> roles) {
    public Verifier {
        roles = Set.copyOf(roles);
    }
}
