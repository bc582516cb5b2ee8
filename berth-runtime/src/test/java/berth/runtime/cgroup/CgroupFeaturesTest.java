package berth.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features are found by the control files each hierarchy offers, as Docker's sysinfo does. */
class CgroupFeaturesTest {
    @TempDir Path root;

    private void touch(String path) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
    }

    @Test
    void v1WithoutSwapAccountingOrBlkioWeight() throws Exception {
        touch("memory/memory.limit_in_bytes");
        touch("memory/memory.soft_limit_in_bytes");
        touch("memory/memory.swappiness");
        touch("memory/memory.oom_control");
        touch("cpu/cpu.shares");
        touch("cpu/cpu.cfs_quota_us");
        touch("cpuset/cpuset.cpus");
        Files.createDirectories(root.resolve("pids"));
        touch("blkio/blkio.throttle.read_bps_device");
        var f = CgroupFeatures.v1(root);
        assertThat(f).isEqualTo(new CgroupFeatures(true, false, true, true, true, true, true, true, true, false));
    }

    @Test
    void v2HasNoSwappinessNorOomKillDisable() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        touch("system.slice/cgroup.procs");
        touch("system.slice/memory.swap.max");
        touch("system.slice/io.weight");
        var f = CgroupFeatures.v2(root);
        assertThat(f).isEqualTo(new CgroupFeatures(true, true, true, false, false, true, true, true, true, true));
    }

    @Test
    void oomKillsAreCountedPerVersion() throws Exception {
        Files.createDirectories(root.resolve("memory/berth/c1"));
        Files.writeString(root.resolve("memory/berth/c1/memory.oom_control"),
                "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        assertThat(new CgroupV1Reader(root).oomKills("/berth/c1")).isEqualTo(2);
        assertThat(new CgroupV1Reader(root).oomKills("/berth/gone")).isZero();
        Files.createDirectories(root.resolve("berth/c2"));
        Files.writeString(root.resolve("berth/c2/memory.events"), "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\n");
        assertThat(new CgroupV2Reader(root).oomKills("/berth/c2")).isEqualTo(1);
    }
}
