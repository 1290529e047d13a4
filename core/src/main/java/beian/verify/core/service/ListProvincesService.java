package beian.verify.core.service;

import beian.verify.core.domain.Province;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.port.in.ListProvincesUseCase;
import java.util.List;

/** The configured provinces, as the verification platform lists them. */
public final class ListProvincesService implements ListProvincesUseCase {
    private final ProvinceCatalog provinces;

    public ListProvincesService(ProvinceCatalog provinces) {
        this.provinces = provinces;
    }

    @Override
    public List<Province> provinces() {
        return provinces.all();
    }
}
