package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys come from configuration as hashes; a mistake there stops the service naming the entry. */
class KeyRingTest {

    private static GrpcKeyProperties key(int index, String sha256, String provider, List<String> provinces) {
        GrpcKeyProperties key = new GrpcKeyProperties(index);
        key.setSha256(sha256);
        key.setProvider(provider);
        key.setReviewerProvinces(provinces);
        return key;
    }

    @Test
    void aKeyIsFoundByItsSha256AndStandsForItsProviderOrProvinces() {
        KeyRing ring = new KeyRing(List.of(
                key(0, KeyRing.sha256("p-key"), "acme-cloud", null),
                key(1, KeyRing.sha256("r-key").toUpperCase(), null, List.of("tj", "CN-GS")),
                key(2, KeyRing.sha256("all-key"), null, List.of("ALL"))));

        assertThat(ring.callerFor("p-key")).contains(new Caller.Provider(new ProviderId("acme-cloud")));
        assertThat(ring.callerFor("r-key")).contains(new Caller.Reviewer(
                java.util.Set.of(new ProvinceCode("TJ"), new ProvinceCode("GS"))));
        assertThat(ring.callerFor("all-key")).hasValueSatisfying(c ->
                assertThat(((Caller.Reviewer) c).provinces()).hasSize(ProvinceCode.ALL.size()));
        assertThat(ring.callerFor("P-KEY")).isEmpty();
        assertThat(ring.callerFor(KeyRing.sha256("p-key"))).isEmpty();
    }

    @Test
    void aBrokenEntryStopsTheServiceNamingIt() {
        assertThatThrownBy(() -> new KeyRing(List.of(key(3, "abc", "acme", null))))
                .hasMessageContaining("beian.grpc.keys[3].sha256");
        assertThatThrownBy(() -> new KeyRing(List.of(key(0, KeyRing.sha256("k"), null, null))))
                .hasMessageContaining("beian.grpc.keys[0]").hasMessageContaining("either provider or reviewer-provinces");
        assertThatThrownBy(() -> new KeyRing(List.of(key(0, KeyRing.sha256("k"), "acme", List.of("TJ")))))
                .hasMessageContaining("either provider or reviewer-provinces");
        assertThatThrownBy(() -> new KeyRing(List.of(key(1, KeyRing.sha256("k"), null, List.of("Atlantis")))))
                .hasMessageContaining("beian.grpc.keys[1].reviewer-provinces").hasMessageContaining("ISO 3166-2:CN");
        assertThatThrownBy(() -> new KeyRing(List.of(key(2, KeyRing.sha256("k"), "Not A Provider", null))))
                .hasMessageContaining("beian.grpc.keys[2].provider").hasMessageContaining("lower-case letters");
        assertThatThrownBy(() -> new KeyRing(List.of(key(0, KeyRing.sha256("k"), "a", null),
                key(1, KeyRing.sha256("k"), "b", null)))).hasMessageContaining("beian.grpc.keys[1].sha256 is configured twice");
    }
}
