package beian.verify.core.port.in;

import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import java.util.Set;

/** Who calls, as the inbound adapter authenticated it: one access provider, or reviewers of some provinces. */
public sealed interface Caller {

    /** Whether this caller may see and act on the application: its provider, or a reviewer of its province. */
    boolean mayAccess(ApplicationState application);

    record Provider(ProviderId id) implements Caller {
        @Override
        public boolean mayAccess(ApplicationState application) {
            return application.provider().equals(id);
        }
    }

    record Reviewer(Set<ProvinceCode> provinces) implements Caller {
        public Reviewer {
            provinces = Set.copyOf(provinces);
        }

        public boolean covers(ProvinceCode province) {
            return provinces.contains(province);
        }

        /** A key of every province ({@code [ALL]}): the national view. */
        public boolean coversEveryProvince() {
            return provinces.stream().map(ProvinceCode::value).toList().containsAll(ProvinceCode.ALL);
        }

        @Override
        public boolean mayAccess(ApplicationState application) {
            return covers(application.province());
        }
    }
}
