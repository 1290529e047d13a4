package beian.verify.core.port.in;

import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import java.util.Set;

/** Who calls, as the inbound adapter authenticated it: one access provider, or reviewers of some provinces. */
public sealed interface Caller {
    record Provider(ProviderId id) implements Caller {
    }

    record Reviewer(Set<ProvinceCode> provinces) implements Caller {
        public Reviewer {
            provinces = Set.copyOf(provinces);
        }

        public boolean covers(ProvinceCode province) {
            return provinces.contains(province);
        }
    }
}
