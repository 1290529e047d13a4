package beian.verify.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "Provinces" and the policy table are configuration with the source's defaults. */
class ConfigurationTest {

    @Test
    void theDefaultsAreTheSevenPilotProvincesFrom20171218At0900Shanghai() {
        ProvinceCatalog catalog = ProvinceCatalog.defaults();
        Instant start = LocalDateTime.of(2017, 12, 18, 9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();

        assertThat(catalog.all()).hasSize(34);
        assertThat(catalog.all()).filteredOn(p -> p.verificationSince().isPresent())
                .extracting(p -> p.code().value() + "=" + p.platformHost())
                .containsExactlyInAnyOrder("TJ=tjcainfo.miitbeian.gov.cn", "GS=gscainfo.miitbeian.gov.cn",
                        "QH=qhcainfo.miitbeian.gov.cn", "XZ=xzcainfo.miitbeian.gov.cn", "NX=nxcainfo.miitbeian.gov.cn",
                        "XJ=xjcainfo.miitbeian.gov.cn", "HI=hncainfo.miitbeian.gov.cn");
        assertThat(catalog.all()).filteredOn(p -> p.verificationSince().isPresent())
                .allSatisfy(p -> assertThat(p.smsVerificationSince()).isEqualTo(start));
        assertThat(catalog.find(new ProvinceCode("BJ")).orElseThrow().requiresVerificationAt(Instant.now())).isFalse();
    }

    @Test
    void aProvinceThatVerifiesMustNameItsPlatformHostForTheSms() {
        assertThatThrownBy(() -> new Province(new ProvinceCode("BJ"), "北京市", null, Instant.EPOCH))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("platform-host");
    }

    @Test
    void theDefaultPolicyIsTheSourcesTable() {
        VerificationPolicy policy = VerificationPolicy.defaults();

        assertThat(policy.rows()).containsAllEntriesOf(Map.of(
                FilingType.NEW_FILING, TargetSelection.SUBJECT_AND_WEBSITES,
                FilingType.NEW_WEBSITE, TargetSelection.WEBSITES,
                FilingType.TRANSFER_IN, TargetSelection.WEBSITES,
                FilingType.CHANGE_FILING, TargetSelection.CHANGED,
                FilingType.CANCEL_SUBJECT, TargetSelection.NONE,
                FilingType.CANCEL_WEBSITE, TargetSelection.NONE,
                FilingType.CANCEL_ACCESS, TargetSelection.NONE));
    }

    @Test
    void aPolicyMustCoverEveryFilingType() {
        assertThatThrownBy(() -> new VerificationPolicy(Map.of(FilingType.NEW_FILING, TargetSelection.NONE)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("policy.");
    }

    @Test
    void overridesReplaceOneProvinceAndKeepTheRest() {
        ProvinceCatalog catalog = ProvinceCatalog.defaults().with(List.of(
                new Province(new ProvinceCode("BJ"), "北京市", "bjcainfo.miitbeian.gov.cn", Instant.EPOCH)));

        assertThat(catalog.find(new ProvinceCode("BJ")).orElseThrow().requiresVerificationAt(Instant.EPOCH)).isTrue();
        assertThat(catalog.find(new ProvinceCode("TJ")).orElseThrow().platformHost()).isEqualTo("tjcainfo.miitbeian.gov.cn");
    }
}
