package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ProvinceCatalog;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "Verifying": the province whose platform host a request reached goes into the command;
 * any other host gives none (every province).
 */
class PlatformHostsTest {
    final PlatformHosts hosts = new PlatformHosts(() -> ProvinceCatalog.defaults().all());

    private static HttpRequest<?> to(String host) {
        return HttpRequest.POST("/api/v1/verifications", "{}").header(HttpHeaders.HOST, host);
    }

    @Test
    void aProvincesPlatformHostGivesThatProvinceWithOrWithoutPortAndInAnyCase() {
        assertThat(hosts.provinceOf(to("gscainfo.miitbeian.gov.cn"))).isEqualTo("GS");
        assertThat(hosts.provinceOf(to("TJcainfo.miitbeian.gov.cn:443"))).isEqualTo("TJ");
        assertThat(hosts.provinceOf(to("tjcainfo.miitbeian.gov.cn."))).isEqualTo("TJ");
    }

    @Test
    void anyOtherHostGivesNoProvince() {
        assertThat(hosts.provinceOf(to("localhost:8080"))).isNull();
        assertThat(hosts.provinceOf(to("[::1]:8080"))).isNull();
        assertThat(hosts.provinceOf(to("gscainfo.miitbeian.gov.cn.evil.example"))).isNull();
        assertThat(hosts.provinceOf(HttpRequest.POST("/api/v1/verifications", "{}"))).isNull();
    }
}
