package beian.verify.core.port.in;

import beian.verify.core.domain.Province;
import java.util.List;

/** The provinces as configured: platform hosts and whether SMS verification applies. */
public interface ListProvincesUseCase {
    List<Province> provinces();
}
