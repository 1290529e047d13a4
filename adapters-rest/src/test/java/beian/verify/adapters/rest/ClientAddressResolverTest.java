package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.adapters.rest.ClientAddressResolver.Block;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Address literals and trusted-proxy blocks; a host name is never looked up. */
class ClientAddressResolverTest {

    @Test
    void onlyAddressLiteralsAreAcceptedNeverHostNames() {
        assertThat(ClientAddressResolver.literal("203.0.113.7")).map(InetAddress::getHostAddress).contains("203.0.113.7");
        assertThat(ClientAddressResolver.literal("[2001:db8::1]")).isPresent();
        assertThat(ClientAddressResolver.literal("::1")).isPresent();
        // Names that DNS or /etc/hosts would resolve must not be resolved.
        assertThat(ClientAddressResolver.literal("localhost")).isEmpty();
        assertThat(ClientAddressResolver.literal("abc.def")).isEmpty();
        assertThat(ClientAddressResolver.literal("cafe.be")).isEmpty();
        assertThat(ClientAddressResolver.literal("1.2")).isEmpty();
        assertThat(ClientAddressResolver.literal("")).isEmpty();
        assertThat(ClientAddressResolver.literal("2001:db8::zz")).isEmpty();
    }

    @Test
    void blocksMatchTheirAddressesOnly() throws Exception {
        Block tens = Block.parse("10.0.0.0/8");
        assertThat(tens.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(tens.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(tens.contains(InetAddress.getByName("::1"))).isFalse();
        Block one = Block.parse("192.0.2.1");
        assertThat(one.contains(InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThat(one.contains(InetAddress.getByName("192.0.2.2"))).isFalse();
        assertThat(Block.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
    }

    @Test
    void aBadTrustedProxyEntryStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> Block.parse("proxy.internal")).hasMessageContaining("beian.rest.trusted-proxies");
        assertThatThrownBy(() -> Block.parse("10.0.0.0/33")).hasMessageContaining("beian.rest.trusted-proxies");
        assertThatThrownBy(() -> Block.parse("10.0.0.0/x")).hasMessageContaining("beian.rest.trusted-proxies");
    }
}
