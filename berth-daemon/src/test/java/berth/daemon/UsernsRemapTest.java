package berth.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.IdMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsernsRemapTest {
    private static final List<String> SUBUID = List.of(
            "# comment",
            "alice:100000:65536",
            "bob:165536:65536",
            "1001:300000:1000",
            "alice:500000:10");

    @Test
    void rangesByNameOrIdInFileOrder() {
        var alice = new UsernsRemap.Account("alice", 1001);
        assertThat(UsernsRemap.ranges(SUBUID, alice)).extracting(r -> r[0] + ":" + r[1])
                .containsExactly("100000:65536", "300000:1000", "500000:10");
        assertThat(UsernsRemap.ranges(SUBUID, new UsernsRemap.Account("carol", 1002))).isEmpty();
        var stacked = IdMapping.stack(UsernsRemap.ranges(SUBUID, alice));
        assertThat(stacked).containsExactly(new IdMapping.Range(0, 100000, 65536),
                new IdMapping.Range(65536, 300000, 1000), new IdMapping.Range(66536, 500000, 10));
    }

    @Test
    void aNewRangeStartsAboveEveryRangeGivenOut() {
        assertThat(UsernsRemap.freeStart(SUBUID)).isEqualTo(500010); // alice's 500000:10 ends highest
        assertThat(UsernsRemap.freeStart(List.of())).isEqualTo(100000);
    }

    @Test
    void unknownUsersAndMissingRangesAreRefused() {
        assertThatThrownBy(() -> UsernsRemap.resolve("no-such-user-berth-test"))
                .hasMessageContaining("no-such-user-berth-test not found in /etc/passwd");
        assertThat(UsernsRemap.resolve("")).isEmpty();
    }

    @Test
    void theDataRootMustBeReachableByTheMappedRoot(@TempDir Path dir) throws Exception {
        var mapping = new IdMapping(IdMapping.stack(List.<long[]>of(new long[] {100000, 65536})),
                IdMapping.stack(List.<long[]>of(new long[] {100000, 65536})));
        Path closed = dir.resolve("closed");
        Files.createDirectories(closed.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> UsernsRemap.checkReachable(closed.resolve("data"), mapping))
                .hasMessageContaining(closed + " is not searchable by others");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx--x--x"));
        UsernsRemap.checkReachable(closed.resolve("data"), mapping);
    }

    @Test
    void aKernelWithoutIdMappedMountsIsRefusedAtStart(@TempDir Path exec) {
        var os = new berth.sys.RecordingOs().failWith("bind-idmapped", 22);
        assertThatThrownBy(() -> UsernsRemap.probeIdMappedMounts(exec, 7, os))
                .hasMessageStartingWith("--userns-remap needs id-mapped mounts (Linux 5.12+");
        assertThat(exec.resolve("userns-probe")).doesNotExist();
        var working = new berth.sys.RecordingOs();
        UsernsRemap.probeIdMappedMounts(exec, 7, working);
        assertThat(working.calls()).containsExactly(
                "bind-idmapped " + exec.resolve("userns-probe/from") + " " + exec.resolve("userns-probe/to") + " 7",
                "umount2 " + exec.resolve("userns-probe/to") + " 2");
        assertThat(exec.resolve("userns-probe")).doesNotExist();
    }
}
