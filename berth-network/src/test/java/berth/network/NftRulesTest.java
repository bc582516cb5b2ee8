package berth.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesTest {

    @Test
    void oneTableReplacedAtomicallyWithMapsForPorts() {
        var state = new Firewall.State(List.of(new Firewall.Bridge("bt7", Subnet.parse("10.7.0.0/24"), false)),
                List.of(new Firewall.Dnat("0.0.0.0", "tcp", 8080, Ipv4.parse("10.7.0.2"), 80),
                        new Firewall.Dnat("127.0.0.1", "udp", 5353, Ipv4.parse("10.7.0.3"), 53)));
        String s = NftRules.script("berth-bt7", state);
        assertThat(s).startsWith("add table ip berth-bt7\ndelete table ip berth-bt7\ntable ip berth-bt7 {\n");
        assertThat(s).contains("elements = { tcp . 8080 : 10.7.0.2 . 80 }")
                .contains("elements = { 127.0.0.1 . udp . 5353 : 10.7.0.3 . 53 }")
                .contains("ip saddr 10.7.0.0/24 oifname != \"bt7\" masquerade")
                .contains("oifname \"bt7\" ip saddr 127.0.0.0/8 masquerade")
                .contains("type nat hook output priority -100")
                .doesNotContain(" drop");
    }

    @Test
    void noPortsNoElements_internalAndIsolation() {
        var state = new Firewall.State(List.of(new Firewall.Bridge("a", Subnet.parse("10.1.0.0/24"), false),
                new Firewall.Bridge("b", Subnet.parse("10.2.0.0/24"), true)), List.of());
        String s = NftRules.script("berth-a", state);
        assertThat(s).doesNotContain("elements");
        assertThat(s).doesNotContain("ip saddr 10.2.0.0/24 oifname != \"b\" masquerade");
        assertThat(s).contains("iifname \"b\" oifname != \"b\" drop").contains("iifname \"a\" oifname \"b\" drop")
                .contains("iifname \"b\" oifname \"a\" drop");
    }

    @Test
    void portChangesTouchOnlyTheMaps() {
        var dnats = List.of(new Firewall.Dnat("0.0.0.0", "tcp", 8080, Ipv4.parse("10.7.0.2"), 80),
                new Firewall.Dnat("127.0.0.1", "udp", 53, Ipv4.parse("10.7.0.2"), 53));
        assertThat(NftRules.elements("berth-bt7", "add", dnats)).isEqualTo(
                "add element ip berth-bt7 pub_any { tcp . 8080 : 10.7.0.2 . 80 }\n"
                        + "add element ip berth-bt7 pub_ip { 127.0.0.1 . udp . 53 : 10.7.0.2 . 53 }\n");
        assertThat(NftRules.elements("berth-bt7", "delete", dnats)).isEqualTo(
                "delete element ip berth-bt7 pub_any { tcp . 8080 }\n"
                        + "delete element ip berth-bt7 pub_ip { 127.0.0.1 . udp . 53 }\n");
    }

    /** The kernel's own parser, in check mode (nothing is committed): the script must be valid nftables. */
    @Test
    void nftAcceptsTheScript() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/nft")));
        var state = new Firewall.State(List.of(new Firewall.Bridge("bt7", Subnet.parse("10.7.0.0/24"), false),
                new Firewall.Bridge("bt8", Subnet.parse("10.8.0.0/24"), true)),
                List.of(new Firewall.Dnat("0.0.0.0", "tcp", 8080, Ipv4.parse("10.7.0.2"), 80),
                        new Firewall.Dnat("127.0.0.1", "sctp", 5353, Ipv4.parse("10.7.0.3"), 53)));
        Process p = new ProcessBuilder("nft", "-c", "-f", "-").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(NftRules.script("berth-check-" + ProcessHandle.current().pid(), state).getBytes());
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
