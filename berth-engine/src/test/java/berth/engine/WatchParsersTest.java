package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What top and stats parse from the host: ps output, /proc/stat, /proc/meminfo, /proc/PID/net/dev. */
class WatchParsersTest {

    @Test
    void psRowsAreKeptToTheContainersPids() {
        String ps = """
                UID          PID    PPID  C STIME TTY          TIME CMD
                root           1       0  0 10:00 ?        00:00:01 /sbin/init
                root        4242    4240  0 10:01 ?        00:00:00 sleep 300
                root        4250    4242  0 10:01 ?        00:00:00 sh -c echo a  b
                """;
        var top = PsTable.parse(ps, Set.of(4242, 4250));
        assertThat(top.titles()).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
        assertThat(top.processes()).hasSize(2);
        assertThat(top.processes().get(1)).hasSize(8).last().isEqualTo("sh -c echo a b");
    }

    @Test
    void threadRowsFollowTheirProcess() {
        String ps = """
                USER PID TID CMD
                root 10 - a
                root - 10 -
                root 11 - b
                root - 11 -
                """;
        assertThat(PsTable.parse(ps, Set.of(11)).processes()).containsExactly(List.of("root", "11", "-", "b"),
                List.of("root", "-", "11", "-"));
    }

    @Test
    void psWithoutPidColumnOrRenamingItIsRefused() {
        assertThatThrownBy(() -> PsTable.parse("USER CMD\nroot sh\n", Set.of())).hasMessage("Couldn't find PID field in ps output");
        assertThatThrownBy(() -> PsTable.validateArgs("-o pid,comm -o user=PID")).isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessage("specifying \"user=PID\" is not allowed");
        PsTable.validateArgs("-o pid=PID,comm");
    }

    @Test
    void procStatGivesHostCpuTimeInNanosAndOnlineCpus() {
        var cpu = HostCounters.systemCpu(List.of(
                "cpu  100 5 50 1000 10 0 5 7 0 0",
                "cpu0 50 2 25 500 5 0 3 0 0 0",
                "cpu1 50 3 25 500 5 0 2 0 0 0",
                "intr 12345"));
        assertThat(cpu).isEqualTo(new HostCounters.SystemCpu(1170L * 10_000_000L, 2));
    }

    @Test
    void netDevSkipsLoopback() {
        var nets = HostCounters.networks(List.of(
                "Inter-|   Receive                                                |  Transmit",
                " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
                "    lo:     840      10    0    0    0     0          0         0      840      10    0    0    0     0       0          0",
                "  eth0:    1500      12    1    2    0     0          0         0      900       8    3    4    0     0       0          0"));
        assertThat(nets).containsOnlyKeys("eth0");
        assertThat(nets.get("eth0")).isEqualTo(new berth.engine.view.ContainerStats.NetworkStats(1500, 12, 1, 2, 900, 8, 3, 4));
    }

    @Test
    void memTotalIsInBytes() {
        assertThat(HostCounters.memTotal(List.of("MemTotal:       24589012 kB", "MemFree: 1 kB"))).isEqualTo(24589012L * 1024);
    }
}
