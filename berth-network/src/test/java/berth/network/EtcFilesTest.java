package berth.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EtcFilesTest {
    private static final String HOST = """
            # comment
            nameserver 127.0.0.53
            nameserver 10.0.0.2
            nameserver 2001:db8::1
            search corp.example
            options edns0 trust-ad
            """;

    @Test
    void resolvConfDropsLoopbackAndIpv6Servers() {
        assertThat(ResolvConf.forContainer(HOST, List.of(), List.of(), List.of()))
                .isEqualTo("nameserver 10.0.0.2\nsearch corp.example\noptions edns0 trust-ad\n");
    }

    @Test
    void resolvConfFallsBackToGoogleAndHonoursFlags() {
        assertThat(ResolvConf.forContainer("nameserver 127.0.0.1\n", List.of(), List.of(), List.of()))
                .isEqualTo("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
        assertThat(ResolvConf.forContainer(HOST, List.of("1.1.1.1"), List.of("a.example", "b.example"), List.of("ndots:2")))
                .isEqualTo("nameserver 1.1.1.1\nsearch a.example b.example\noptions ndots:2\n");
        assertThat(ResolvConf.forContainer(HOST, List.of(), List.of("."), List.of())).doesNotContain("search");
        assertThat(ResolvConf.forHostNetwork(HOST, List.of(), List.of(), List.of())).isEqualTo(HOST);
    }

    @Test
    void hostsFileHasExtraHostsThenTheContainer() {
        String hosts = HostsFile.render(List.of("db:10.0.0.9", "gw=host-gateway", "v6:::1"), "172.17.0.1", "172.17.0.2",
                List.of("abc123def456"));
        assertThat(hosts).startsWith("127.0.0.1\tlocalhost\n")
                .endsWith("10.0.0.9\tdb\n172.17.0.1\tgw\n::1\tv6\n172.17.0.2\tabc123def456\n");
        assertThat(HostsFile.render(List.of(), "", "", List.of("x"))).doesNotContain("\tx");
        assertThatThrownBy(() -> HostsFile.parseExtraHost("nohost")).hasMessageContaining("bad format for add-host");
        assertThatThrownBy(() -> HostsFile.parseExtraHost("h:not-an-ip")).hasMessageContaining("invalid IP address");
    }
}
