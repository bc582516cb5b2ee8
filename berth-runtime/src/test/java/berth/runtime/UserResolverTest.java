package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
    @TempDir Path rootfs;
    private UserResolver users;

    @BeforeEach
    void writeFiles() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nalice:x:1001:1002::/home/alice:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nalice:x:1002:\naudio:x:29:alice\nvideo:x:44:bob, alice\n");
        users = new UserResolver(rootfs);
    }

    @Test
    void emptyIsRoot() {
        assertThat(users.resolve("")).isEqualTo(new ResolvedUser(0, 0, List.of(0)));
    }

    @Test
    void unknownUidHasGidZero() {
        assertThat(users.resolve("1000")).isEqualTo(new ResolvedUser(1000, 0, List.of(0)));
    }

    @Test
    void knownUidAndNameTakeGidAndGroupsFromFiles() {
        var alice = new ResolvedUser(1001, 1002, List.of(1002, 29, 44));
        assertThat(users.resolve("1001")).isEqualTo(alice);
        assertThat(users.resolve("alice")).isEqualTo(alice);
    }

    @Test
    void explicitGroupByNameOrNumberDropsSupplementaryGroups() {
        assertThat(users.resolve("alice:audio")).isEqualTo(new ResolvedUser(1001, 29, List.of(29)));
        assertThat(users.resolve("1000:2000")).isEqualTo(new ResolvedUser(1000, 2000, List.of(2000)));
    }

    @Test
    void unknownNamesFailLikeDocker() {
        assertThatThrownBy(() -> users.resolve("bob")).isInstanceOf(RuntimeFailure.class)
                .hasMessage("unable to find user bob: no matching entries in passwd file");
        assertThatThrownBy(() -> users.resolve("alice:staff"))
                .hasMessage("unable to find group staff: no matching entries in group file");
    }

    @Test
    void missingPasswdAllowsNumbersOnly() throws Exception {
        Files.delete(rootfs.resolve("etc/passwd"));
        assertThat(users.resolve("5")).isEqualTo(new ResolvedUser(5, 0, List.of(0)));
        assertThatThrownBy(() -> users.resolve("alice")).isInstanceOf(RuntimeFailure.class);
    }

    @Test
    void symlinksStayInsideTheRootfs() throws Exception {
        Files.move(rootfs.resolve("etc/passwd"), rootfs.resolve("passwd.real"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/../../passwd.real"));
        assertThat(users.resolve("alice").uid()).isEqualTo(1001);
    }

    @Test
    void groupAddTakesNamesFromTheGroupFileOrNumbers() {
        var alice = users.resolve("alice");
        // appended after the user's own groups without merging them, as Docker's getUser (the kernel sorts them)
        assertThat(users.withGroups(alice, List.of("root", "5000", "audio", "5000")))
                .isEqualTo(new ResolvedUser(1001, 1002, List.of(1002, 29, 44, 0, 5000, 29)));
        assertThatThrownBy(() -> users.withGroups(alice, List.of("nosuch")))
                .isInstanceOf(SpecFailure.class).hasMessage("Unable to find group nosuch: no matching entries in group file");
    }
}
