package berth.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortRequestTest {

    @Test
    void portBindingsAsDockerSendsThem() {
        Map<String, Object> bindings = Map.of(
                "80/tcp", List.of(Map.of("HostIp", "", "HostPort", "8080")),
                "53/udp", List.of(Map.of("HostIp", "127.0.0.1", "HostPort", "")),
                "9000/tcp", List.of(Map.of("HostPort", "9000-9005")),
                "443", List.of(Map.of("HostIp", "0.0.0.0", "HostPort", "8443"), Map.of("HostIp", "127.0.0.1", "HostPort", "9443")));
        List<PortRequest> r = PortRequest.of(bindings, false, List.of());
        assertThat(r).containsExactly(
                new PortRequest(new PortKey(53, "udp"), "127.0.0.1", 0, 0),
                new PortRequest(new PortKey(80, "tcp"), "", 8080, 8080),
                new PortRequest(new PortKey(443, "tcp"), "", 8443, 8443),
                new PortRequest(new PortKey(443, "tcp"), "127.0.0.1", 9443, 9443),
                new PortRequest(new PortKey(9000, "tcp"), "", 9000, 9005));
    }

    @Test
    void publishAllAddsExposedPortsNotBound() {
        List<PortRequest> r = PortRequest.of(Map.of("80/tcp", List.of(Map.of("HostPort", "8080"))), true,
                List.of("80/tcp", "53/udp"));
        assertThat(r).containsExactly(new PortRequest(new PortKey(53, "udp"), "", 0, 0),
                new PortRequest(new PortKey(80, "tcp"), "", 8080, 8080));
        assertThat(PortRequest.of(Map.of(), false, List.of("80/tcp"))).isEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("x/tcp", List.of()), Map.of("80/icmp", List.of()), Map.of("80", List.of(Map.of("HostPort", "70000"))),
                Map.of("80", List.of(Map.of("HostPort", "9-8"))), Map.of("80", List.of(Map.of("HostIp", "nope")))))
            assertThatThrownBy(() -> PortRequest.of(bad, false, List.of())).isInstanceOf(BerthException.InvalidArgument.class);
    }

    @Test
    void publishedPortsClashOnAddressOverlap() {
        var any = new PublishedPort("0.0.0.0", 8080, 80, "tcp");
        assertThat(any.clashesWith(new PublishedPort("127.0.0.1", 8080, 81, "tcp"))).isTrue();
        assertThat(any.clashesWith(new PublishedPort("0.0.0.0", 8080, 80, "udp"))).isFalse();
        assertThat(new PublishedPort("127.0.0.1", 8080, 80, "tcp").clashesWith(new PublishedPort("127.0.0.2", 8080, 80, "tcp"))).isFalse();
    }
}
