package berth.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpamTest {
    private final Ipam ipam = new Ipam();

    private static Network net(String cidr) {
        Subnet s = Subnet.parse(cidr);
        return new Network("n1", "bridge", "bridge", "br", List.of(new Network.Pool(s, s.firstHost())), Instant.EPOCH,
                false, Map.of(), Map.of());
    }

    @Test
    void skipsTheGatewayAndGoesRoundRobin() {
        Network n = net("10.9.0.0/29"); // hosts .1-.6, gateway .1
        assertThat(ipam.allocate(n, "")).hasToString("10.9.0.2");
        Ipv4 third = ipam.allocate(n, "");
        assertThat(third).hasToString("10.9.0.3");
        ipam.release("n1", third);
        assertThat(ipam.allocate(n, "")).hasToString("10.9.0.4"); // not .3 again at once
        assertThat(ipam.allocate(n, "")).hasToString("10.9.0.5");
        assertThat(ipam.allocate(n, "")).hasToString("10.9.0.6");
        assertThat(ipam.allocate(n, "")).hasToString("10.9.0.3"); // wraps to the freed one
        assertThatThrownBy(() -> ipam.allocate(n, "")).hasMessageContaining("no available IPv4 addresses");
    }

    @Test
    void requestedAddressesAreCheckedAndHeld() {
        Network n = net("10.9.0.0/24");
        ipam.markUsed("n1", Ipv4.parse("10.9.0.2"));
        assertThat(ipam.allocate(n, "10.9.0.50")).hasToString("10.9.0.50");
        assertThatThrownBy(() -> ipam.allocate(n, "10.9.0.50")).isInstanceOf(BerthException.Conflict.class);
        assertThatThrownBy(() -> ipam.allocate(n, "10.9.0.1")).isInstanceOf(BerthException.Conflict.class);
        assertThatThrownBy(() -> ipam.allocate(n, "10.8.0.5")).isInstanceOf(BerthException.InvalidArgument.class);
        assertThat(ipam.allocate(n, "")).hasToString("10.9.0.3");
        assertThat(ipam.inUse("n1")).isEqualTo(3);
    }
}
