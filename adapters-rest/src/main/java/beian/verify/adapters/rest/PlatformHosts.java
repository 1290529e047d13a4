package beian.verify.adapters.rest;

import beian.verify.core.domain.Province;
import beian.verify.core.port.in.ListProvincesUseCase;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which province's platform host a request reached (DOMAIN.md "Verifying"): the {@code Host}
 * header without its port, matched against each province's configured platform host. Any other host
 * (development, a national deployment) serves every province and gives {@code null}.
 */
@Singleton
final class PlatformHosts {
    private final Map<String, Province> provinceByHost;

    PlatformHosts(ListProvincesUseCase provinces) {
        this.provinceByHost = provinces.provinces().stream().filter(p -> p.platformHost() != null)
                .collect(Collectors.toUnmodifiableMap(p -> p.platformHost().toLowerCase(Locale.ROOT),
                        (Province p) -> p, (a, b) -> a));
    }

    /** The province code whose platform host this request reached, or {@code null}. */
    String provinceOf(HttpRequest<?> request) {
        Province province = platformOf(request);
        return province == null ? null : province.code().value();
    }

    /** The province whose platform host this request reached (its configured host is its own), or {@code null}. */
    Province platformOf(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null) {
            return null;
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]") && host.indexOf(':') == colon) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return provinceByHost.get(host);
    }
}
