package berth.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import berth.common.IdMapping;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Id-mapped bind mounts (Linux 5.12+; overlayfs takes them as layers since 5.19): {@code open_tree} clones a
 * directory's mount, {@code mount_setattr(MOUNT_ATTR_IDMAP)} gives it a user namespace's mapping, and
 * {@code move_mount} attaches it. Files owned by 0 on disk then show as the mapping's host root through it,
 * with nothing on disk changed. The glibc wrappers (2.36+) are looked up on first use only, so older systems
 * fail here and nowhere else.
 */
final class IdMappedMounts {
    private static final int AT_FDCWD = -100, AT_EMPTY_PATH = 0x1000, AT_RECURSIVE = 0x8000;
    private static final int OPEN_TREE_CLONE = 1, OPEN_TREE_CLOEXEC = 02000000, MOVE_MOUNT_F_EMPTY_PATH = 4;
    private static final long MOUNT_ATTR_IDMAP = 0x00100000;

    private IdMappedMounts() {}

    private static final class Calls {
        static final MethodHandle OPEN_TREE = LinuxOs.call("open_tree", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle MOUNT_SETATTR = LinuxOs.call("mount_setattr", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT,
                ADDRESS, JAVA_LONG);
        static final MethodHandle MOVE_MOUNT = LinuxOs.call("move_mount", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT,
                ADDRESS, JAVA_INT);
        static final MethodHandle CLOSE = LinuxOs.call("close", JAVA_INT, JAVA_INT);
    }

    static void bind(Path source, Path target, int usernsFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            int tree = (int) LinuxOs.invoke(Calls.OPEN_TREE, errno, AT_FDCWD, LinuxOs.str(arena, source),
                    OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
            LinuxOs.check(tree, errno, "open_tree", source.toString());
            try {
                MemorySegment attr = arena.allocate(JAVA_LONG, 4); // struct mount_attr { set; clr; propagation; userns_fd; }
                attr.setAtIndex(JAVA_LONG, 0, MOUNT_ATTR_IDMAP);
                attr.setAtIndex(JAVA_LONG, 3, usernsFd);
                int rc = (int) LinuxOs.invoke(Calls.MOUNT_SETATTR, errno, tree, arena.allocateFrom(""), AT_EMPTY_PATH,
                        attr, attr.byteSize());
                LinuxOs.check(rc, errno, "mount_setattr", source + " (idmap)");
                rc = (int) LinuxOs.invoke(Calls.MOVE_MOUNT, errno, tree, arena.allocateFrom(""), AT_FDCWD,
                        LinuxOs.str(arena, target), MOVE_MOUNT_F_EMPTY_PATH);
                LinuxOs.check(rc, errno, "move_mount", target.toString());
            } finally {
                LinuxOs.invoke(Calls.CLOSE, errno, tree);
            }
        }
    }

    /**
     * A user namespace with these maps, pinned by a bind mount at {@code pin} (so that containers can join it
     * and network namespaces can be made inside it) and held by the returned descriptor. The JVM cannot unshare
     * itself (it has threads), so a helper {@code unshare --user sleep} makes the namespace; we write its maps as
     * root, bind its {@code ns/user} and end it. A pin left by an earlier daemon is replaced.
     */
    static int pinUserNamespace(IdMapping mapping, Path pin, Os os) {
        Process helper = Helpers.start(List.of("unshare", "--user", "--", "sleep", "60"));
        try {
            Path ns = Path.of("/proc", Long.toString(helper.pid()), "ns", "user");
            Helpers.awaitOtherNamespace(ns, Path.of("/proc/self/ns/user"), helper);
            Files.writeString(ns.getParent().getParent().resolve("uid_map"), lines(mapping.uids()));
            Files.writeString(ns.getParent().getParent().resolve("gid_map"), lines(mapping.gids()));
            Helpers.pin(ns, pin, os);
            return os.open(pin, Os.O_RDONLY | Os.O_CLOEXEC);
        } catch (IOException e) {
            throw new OsException("write", "uid_map/gid_map", 0, e.getMessage());
        } finally {
            helper.destroyForcibly();
        }
    }

    private static String lines(List<IdMapping.Range> ranges) {
        StringBuilder sb = new StringBuilder();
        for (var r : ranges) sb.append(r.inside()).append(' ').append(r.outside()).append(' ').append(r.size()).append('\n');
        return sb.toString();
    }
}
