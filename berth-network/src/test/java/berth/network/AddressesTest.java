package berth.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import berth.common.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void ipv4RoundTripsAndRejectsNonsense() {
        assertThat(Ipv4.parse("172.17.0.2").toString()).isEqualTo("172.17.0.2");
        assertThat(Ipv4.parse("255.255.255.255").plus(0).toString()).isEqualTo("255.255.255.255");
        assertThat(Ipv4.parse("10.0.0.255").plus(1)).isEqualTo(Ipv4.parse("10.0.1.0"));
        assertThat(Ipv4.parse("127.0.0.53").isLoopback()).isTrue();
        for (String bad : new String[] {"1.2.3", "256.1.1.1", "a.b.c.d", "1.2.3.4.5", ""})
            assertThatThrownBy(() -> Ipv4.parse(bad)).isInstanceOf(BerthException.InvalidArgument.class);
    }

    @Test
    void subnetMathAsDockerNeedsIt() {
        Subnet s = Subnet.parse("172.17.5.9/16");
        assertThat(s.toString()).isEqualTo("172.17.0.0/16");
        assertThat(s.firstHost().toString()).isEqualTo("172.17.0.1");
        assertThat(s.broadcast().toString()).isEqualTo("172.17.255.255");
        assertThat(s.hostCount()).isEqualTo(65534);
        assertThat(s.contains(Ipv4.parse("172.17.200.1"))).isTrue();
        assertThat(s.contains(Ipv4.parse("172.18.0.1"))).isFalse();
        assertThat(s.overlaps(Subnet.parse("172.0.0.0/8"))).isTrue();
        assertThat(s.overlaps(Subnet.parse("172.17.3.0/24"))).isTrue();
        assertThat(s.overlaps(Subnet.parse("172.18.0.0/16"))).isFalse();
        assertThatThrownBy(() -> Subnet.parse("10.0.0.0")).isInstanceOf(BerthException.InvalidArgument.class);
    }

    @Test
    void jsonIsDottedQuadsAndCidrs() throws Exception {
        var pool = new Network.Pool(Subnet.parse("10.1.0.0/24"), Ipv4.parse("10.1.0.1"));
        String json = Json.docker().writeValueAsString(pool);
        assertThat(json).isEqualTo("{\"Subnet\":\"10.1.0.0/24\",\"Gateway\":\"10.1.0.1\",\"IPRange\":\"\"}");
        assertThat(Json.docker().readValue(json, Network.Pool.class)).isEqualTo(pool);
    }

    @Test
    void macFromIpAndValidation() {
        assertThat(Mac.fromIp(Ipv4.parse("172.17.0.2"))).isEqualTo("02:42:ac:11:00:02");
        assertThat(Mac.normalize("92:D0:C6:0A:29:33")).isEqualTo("92:d0:c6:0a:29:33");
        assertThatThrownBy(() -> Mac.parse("92:d0:c6:0a:29")).hasMessage("92:d0:c6:0a:29 is not a valid mac address");
        assertThatThrownBy(() -> Mac.parse("01:00:5e:00:00:01")).hasMessageContaining("multicast");
    }

    @Test
    void aNetworkRoundTripsThroughJson() throws Exception {
        var n = new Network("id1", "app", "bridge", "br-id1", List.of(new Network.Pool(Subnet.parse("10.1.0.0/24"),
                Ipv4.parse("10.1.0.1"))), java.time.Instant.EPOCH, true, java.util.Map.of("o", "1"), java.util.Map.of());
        String json = Json.docker().writeValueAsString(n);
        assertThat(json).contains("\"Bridge\":\"br-id1\"").doesNotContain("Predefined");
        assertThat(Json.docker().readValue(json, Network.class)).isEqualTo(n);
    }
}
