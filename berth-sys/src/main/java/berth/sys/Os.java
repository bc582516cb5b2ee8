package berth.sys;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one interface through which berth makes Linux system calls that the JDK does not offer. The real
 * implementation ({@link LinuxOs}) uses Java's FFM API; unit tests use {@link RecordingOs}, which records
 * the calls instead of making them. Failures throw {@link OsException} carrying errno and the call.
 */
public interface Os {
    long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32, MS_BIND = 4096,
            MS_REC = 16384, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19;
    int MNT_DETACH = 2;
    int S_IFCHR = 0020000, S_IFBLK = 0060000, S_IFIFO = 0010000;
    /** open(2) flags for {@link #open} and {@link #openInRoot}. */
    int O_RDONLY = 0, O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000, O_CLOEXEC = 02000000, O_PATH = 010000000;

    /** mount(2). {@code data} may be empty. */
    void mount(String source, Path target, String fsType, long flags, String data);

    /** umount2(2). */
    void unmount(Path target, int flags);

    /** mknod(2): {@code mode} includes the file type bits (S_IFCHR...), {@code dev} is makedev(major, minor). */
    void mknod(Path path, int mode, long dev);

    /** lsetxattr(2): sets an extended attribute without following a final symlink (trusted.overlay.opaque). */
    void setXattr(Path path, String name, byte[] value);

    /** lgetxattr(2): empty when the attribute is absent. */
    Optional<byte[]> getXattr(Path path, String name);

    /** kill(2). Signal 0 tests existence. */
    void kill(int pid, int signal);

    /** Whether a process with this pid exists (kill(pid, 0) does not fail with ESRCH). */
    boolean processExists(int pid);

    /** The hard limit of RLIMIT_NOFILE of this process: containers never ask for more. */
    long openFilesHardLimit();

    /** utimensat(2) with AT_SYMLINK_NOFOLLOW: sets access and modification times of a file, a symlink
     * itself, a FIFO or a device node without opening it (the JDK opens the file, which blocks on a FIFO). */
    void setTimes(Path path, java.time.Instant time);

    /** syncfs(2) on the filesystem holding {@code path}: makes a whole unpacked tree durable in one call. */
    void syncFilesystem(Path path);

    /** mkfifo(3). */
    void mkfifo(Path path, int mode);

    /** open(2) of {@code path} (O_CLOEXEC added); returns the descriptor. With O_PATH it only pins the file. */
    int open(Path path, int flags);

    /**
     * openat2(2) with RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS: opens {@code path} below the directory
     * {@code rootFd} as if that directory were "/" — absolute symlinks and {@code ..} never leave it, whatever
     * the tree holds or how it changes meanwhile (the kernel resolves each component atomically). With
     * O_NOFOLLOW a final symlink is opened itself (with O_PATH). Throws OsException with ENOSYS on kernels
     * before 5.6, which lack the call.
     */
    int openInRoot(int rootFd, String path, int flags);

    /** close(2). */
    void close(int fd);

    /** The path through which the JDK reaches what {@code fd} is open on: {@code /proc/self/fd/N}. A name
     * resolved below it is looked up in that very directory, never through its path from "/". */
    static Path fdPath(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    static long makedev(int major, int minor) {
        return ((long) (major & 0xfff) << 8) | (minor & 0xff) | ((long) (minor & ~0xff) << 12);
    }

    /** Connects to a SOCK_SEQPACKET unix socket (a monitor's attach socket), whatever the length of its path. */
    PacketSocket connectSeqPacket(Path socket);

    /** Writes {@code data} to a FIFO without blocking; false when nobody has it open for reading. */
    boolean writeFifo(Path fifo, byte[] data);

    /** Binds {@code source} at {@code target} seen through the id map of the user namespace {@code usernsFd}. */
    void bindIdMapped(Path source, Path target, int usernsFd);

    /**
     * A new user namespace with these uid and gid maps, pinned (bind-mounted) at {@code pin} for others to
     * join; returns a descriptor of it (for {@link #bindIdMapped}).
     */
    int pinUserNamespace(berth.common.IdMapping mapping, Path pin);
}
