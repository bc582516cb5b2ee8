package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real kernel objects, all named by this test (a random bridge and veth, namespaces in a temp dir), all removed. */
class LinuxNetOsTest {
    private final NetOs net = new LinuxNetOs();
    private final int n = ThreadLocalRandom.current().nextInt(1 << 20);
    private final String bridge = "btst" + Integer.toHexString(n);
    private final String veth = "vtst" + Integer.toHexString(n);
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("berth-netos-test");
    }

    @AfterEach
    void tearDown() throws IOException {
        net.deleteLink(veth);
        net.deleteLink(bridge);
        net.deleteNetns(dir.resolve("ns"));
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void bridgeVethAndNamespaceWork() throws Exception {
        Inet4Address gw = ip("10.250.7.1"), addr = ip("10.250.7.2");
        Path ns = dir.resolve("ns");
        net.ensureBridge(bridge, gw, 24);
        net.ensureBridge(bridge, gw, 24); // idempotent
        net.createNetns(ns);
        net.addVeth(veth, bridge, ns, "eth0", new byte[] {2, 0x42, 10, (byte) 250, 7, 2});
        net.configureInterface(ns, "eth0", addr, 24, java.util.Optional.of(gw));

        assertThat(net.linkExists(bridge)).isTrue();
        assertThat(net.linksOf(bridge)).containsExactly(veth);
        assertThat(Files.readString(Path.of("/sys/class/net", veth, "brport/hairpin_mode")).strip()).isEqualTo("1");
        String inside = run("nsenter", "--net=" + ns, "ip", "-o", "addr", "show", "dev", "eth0");
        assertThat(inside).contains("10.250.7.2/24").contains("brd 10.250.7.255");
        assertThat(run("nsenter", "--net=" + ns, "ip", "route")).contains("default via 10.250.7.1 dev eth0");
        assertThat(run("nsenter", "--net=" + ns, "ip", "-o", "link", "show", "lo")).contains("UP");
        assertThat(run("nsenter", "--net=" + ns, "ip", "-o", "link", "show", "eth0")).contains("02:42:0a:fa:07:02");
        assertThat(run("nsenter", "--net=" + ns, "busybox", "ping", "-c", "1", "-W", "2", "10.250.7.1")).contains("1 packets received");

        assertThatThrownBy(() -> net.addVeth(veth, bridge, ns, "eth1", new byte[] {2, 0x42, 10, (byte) 250, 7, 3}))
                .isInstanceOf(OsException.class).satisfies(e -> assertThat(((OsException) e).errno()).isEqualTo(17));
        net.deleteLink(veth);
        assertThat(net.linksOf(bridge)).isEmpty();
        net.deleteNetns(ns);
        assertThat(ns).doesNotExist();
        net.deleteNetns(ns); // a no-op now
    }

    @Test
    void routesAreTheHosts() throws Exception {
        assertThat(net.routes()).anySatisfy(r -> assertThat(r.device()).isNotEmpty());
        String first = run("ip", "-4", "route", "show", "table", "main").lines().findFirst().orElse("");
        if (first.startsWith("default")) assertThat(net.routes()).anySatisfy(r -> assertThat(r.prefix()).isZero());
    }

    @Test
    void aMissingLinkIsNothingToDelete() {
        net.deleteLink(veth);
        assertThat(net.linkExists(veth)).isFalse();
        assertThat(net.linksOf(bridge)).isEmpty();
    }

    private static Inet4Address ip(String s) throws IOException {
        return (Inet4Address) InetAddress.getByName(s);
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
