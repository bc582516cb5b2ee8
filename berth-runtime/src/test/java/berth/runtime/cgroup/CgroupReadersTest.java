package berth.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both readers against fixture trees copied from real hosts (test resources cgroup/v1 and cgroup/v2). */
class CgroupReadersTest {
    private static final String PATH = "/berth/c1";

    private static Path fixture(String version) throws URISyntaxException {
        return Path.of(CgroupReadersTest.class.getResource("/cgroup/" + version).toURI());
    }

    @Test
    void v1ReadsEveryController() throws Exception {
        var stats = new CgroupV1Reader(fixture("v1")).stats(PATH).orElseThrow();
        assertThat(stats.cpu()).isEqualTo(new CgroupStats.Cpu(123456789, List.of(100000000L, 23456789L),
                30_000_000, 70_000_000, 10, 2, 5000));
        assertThat(stats.memory().usage()).isEqualTo(5242880);
        assertThat(stats.memory().maxUsage()).isEqualTo(8388608);
        assertThat(stats.memory().limit()).isEqualTo(9223372036854771712L);
        assertThat(stats.memory().stats()).containsEntry("total_inactive_file", 524288L).containsEntry("rss", 3145728L);
        assertThat(stats.pids()).isEqualTo(new CgroupStats.Pids(3, 0));
        assertThat(stats.ioServiceBytes()).hasSize(6)
                .contains(new CgroupStats.BlkioEntry(8, 0, "Read", 4096), new CgroupStats.BlkioEntry(8, 0, "Write", 8192));
    }

    @Test
    void v2ReadsTheUnifiedFiles() throws Exception {
        var stats = new CgroupV2Reader(fixture("v2")).stats(PATH).orElseThrow();
        assertThat(stats.cpu()).isEqualTo(new CgroupStats.Cpu(250_000_000, List.of(), 50_000_000, 200_000_000,
                4, 1, 1_500_000));
        assertThat(stats.memory()).isEqualTo(new CgroupStats.Memory(2097152, 4194304, 67108864, 1,
                java.util.Map.of("anon", 1048576L, "file", 524288L, "inactive_file", 262144L, "active_file", 262144L)));
        assertThat(stats.pids()).isEqualTo(new CgroupStats.Pids(2, 100));
        assertThat(stats.ioServiceBytes()).containsExactly(new CgroupStats.BlkioEntry(8, 0, "read", 1024),
                new CgroupStats.BlkioEntry(8, 0, "write", 2048));
    }

    @Test
    void pidsIncludeChildCgroups() throws Exception {
        assertThat(new CgroupV1Reader(fixture("v1")).pids(PATH)).containsExactly(101, 102, 103);
        assertThat(new CgroupV2Reader(fixture("v2")).pids(PATH)).containsExactly(201, 202, 203);
    }

    @Test
    void aMissingCgroupIsEmpty(@TempDir Path empty) throws Exception {
        assertThat(new CgroupV1Reader(empty).stats(PATH)).isEmpty();
        assertThat(new CgroupV2Reader(empty).stats(PATH)).isEmpty();
        assertThat(new CgroupV1Reader(empty).pids(PATH)).isEmpty();
        assertThat(new CgroupV2Reader(fixture("v2")).pids("/berth/nope")).isEmpty();
    }

    @Test
    void v2UnlimitedIsMax(@TempDir Path root) throws Exception {
        var dir = root.resolve("berth/c2");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("memory.max"), "max\n");
        java.nio.file.Files.writeString(dir.resolve("pids.max"), "max\n");
        var stats = new CgroupV2Reader(root).stats("/berth/c2").orElseThrow();
        assertThat(stats.memory().limit()).isEqualTo(CgroupStats.UNLIMITED);
        assertThat(stats.pids().limit()).isZero();
    }
}
