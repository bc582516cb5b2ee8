package berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@link Os} on Linux through the FFM API: downcalls into libc, errno captured right after each call
 * (reading it later is unreliable: the JVM itself makes system calls in between).
 */
@SuppressWarnings("restricted") // FFM downcalls are the point of this class
public final class LinuxOs implements Os {
    private static final int RLIMIT_NOFILE = 7;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle MOUNT = call("mount", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle UMOUNT2 = call("umount2", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle MKNOD = call("mknod", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG);
    private static final MethodHandle LSETXATTR = call("lsetxattr", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle LGETXATTR = call("lgetxattr", JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
    private static final MethodHandle KILL = call("kill", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle GETRLIMIT = call("getrlimit", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle MKFIFO = call("mkfifo", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle UTIMENSAT = call("utimensat", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle OPEN = call("open", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SYNCFS = call("syncfs", JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = call("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LIBC.find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), CAPTURE);
    private static final long SYS_OPENAT2 = 437; // x86_64 and aarch64 alike (the new syscall table)
    private static final long RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_IN_ROOT = 0x10;
    private static final int O_RDONLY_CLOEXEC = 02000000;
    private static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LIBC.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    static MethodHandle call(String name, ValueLayout result, MemoryLayout... args) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError(name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args), CAPTURE);
    }

    @Override
    public void mount(String source, Path target, String fsType, long flags, String data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            MemorySegment dataPtr = data.isEmpty() ? MemorySegment.NULL : arena.allocateFrom(data);
            int rc = (int) invoke(MOUNT, errno, arena.allocateFrom(source), str(arena, target),
                    arena.allocateFrom(fsType), flags, dataPtr);
            check(rc, errno, "mount", target + " (" + fsType + ")");
        }
    }

    @Override
    public void unmount(Path target, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            check((int) invoke(UMOUNT2, errno, str(arena, target), flags), errno, "umount2", target.toString());
        }
    }

    @Override
    public void mknod(Path path, int mode, long dev) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            check((int) invoke(MKNOD, errno, str(arena, path), mode, dev), errno, "mknod", path.toString());
        }
    }

    @Override
    public void setXattr(Path path, String name, byte[] value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            MemorySegment buf = arena.allocate(Math.max(1, value.length));
            buf.copyFrom(MemorySegment.ofArray(value));
            int rc = (int) invoke(LSETXATTR, errno, str(arena, path), arena.allocateFrom(name), buf,
                    (long) value.length, 0);
            check(rc, errno, "lsetxattr", path + " " + name);
        }
    }

    @Override
    public Optional<byte[]> getXattr(Path path, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            MemorySegment buf = arena.allocate(64 * 1024);
            long n = (long) invoke(LGETXATTR, errno, str(arena, path), arena.allocateFrom(name), buf, buf.byteSize());
            if (n < 0 && errnoOf(errno) == OsException.ENODATA) return Optional.empty();
            check(n, errno, "lgetxattr", path + " " + name);
            return Optional.of(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Override
    public void kill(int pid, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            check((int) invoke(KILL, errno, pid, signal), errno, "kill", pid + " " + signal);
        }
    }

    @Override
    public boolean processExists(int pid) {
        try {
            kill(pid, 0);
            return true;
        } catch (OsException e) {
            // EPERM: it exists but belongs to someone we may not signal.
            return e.errno() != OsException.ESRCH;
        }
    }

    @Override
    public long openFilesHardLimit() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            MemorySegment rlimit = arena.allocate(JAVA_LONG, 2); // struct rlimit { rlim_cur; rlim_max; }
            check((int) invoke(GETRLIMIT, errno, RLIMIT_NOFILE, rlimit), errno, "getrlimit", "RLIMIT_NOFILE");
            return rlimit.getAtIndex(JAVA_LONG, 1);
        }
    }

    @Override
    public void setTimes(Path path, java.time.Instant time) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            MemorySegment times = arena.allocate(JAVA_LONG, 4); // struct timespec[2]: atime, mtime
            for (int i = 0; i < 2; i++) {
                times.setAtIndex(JAVA_LONG, 2 * i, time.getEpochSecond());
                times.setAtIndex(JAVA_LONG, 2 * i + 1, time.getNano());
            }
            int rc = (int) invoke(UTIMENSAT, errno, AT_FDCWD, str(arena, path), times, AT_SYMLINK_NOFOLLOW);
            check(rc, errno, "utimensat", path.toString());
        }
    }

    @Override
    public void syncFilesystem(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            int fd = (int) invoke(OPEN, errno, str(arena, path), O_RDONLY_CLOEXEC);
            check(fd, errno, "open", path.toString());
            try {
                check((int) invoke(SYNCFS, errno, fd), errno, "syncfs", path.toString());
            } finally {
                invoke(CLOSE, errno, fd);
            }
        }
    }

    @Override
    public void mkfifo(Path path, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            check((int) invoke(MKFIFO, errno, str(arena, path), mode), errno, "mkfifo", path.toString());
        }
    }

    @Override
    public PacketSocket connectSeqPacket(Path socket) {
        return LinuxSockets.connectSeqPacket(socket);
    }

    @Override
    public boolean writeFifo(Path fifo, byte[] data) {
        return LinuxSockets.writeFifo(fifo, data);
    }

    @Override
    public int open(Path path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            int fd = (int) invoke(OPEN, errno, str(arena, path), flags | O_CLOEXEC);
            check(fd, errno, "open", path.toString());
            return fd;
        }
    }

    @Override
    public int openInRoot(int rootFd, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            MemorySegment how = arena.allocate(JAVA_LONG, 3); // struct open_how { flags; mode; resolve; }
            how.setAtIndex(JAVA_LONG, 0, (long) (flags | O_CLOEXEC));
            how.setAtIndex(JAVA_LONG, 1, 0L);
            how.setAtIndex(JAVA_LONG, 2, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            long fd = (long) invoke(SYSCALL, errno, SYS_OPENAT2, (long) rootFd, arena.allocateFrom(path), how,
                    how.byteSize());
            check(fd, errno, "openat2", path);
            return (int) fd;
        }
    }

    @Override
    public void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            check((int) invoke(CLOSE, errno, fd), errno, "close", Integer.toString(fd));
        }
    }

    static MemorySegment str(Arena arena, Path path) {
        return arena.allocateFrom(path.toString());
    }

    static Object invoke(MethodHandle handle, MemorySegment errno, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = errno;
        System.arraycopy(args, 0, all, 1, args.length);
        try {
            return handle.invokeWithArguments(all);
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
    }

    static void check(long rc, MemorySegment errnoState, String call, String argument) {
        if (rc >= 0) return;
        int errno = errnoOf(errnoState);
        throw new OsException(call, argument, errno, strerror(errno));
    }

    static int errnoOf(MemorySegment errnoState) {
        return (int) ERRNO.get(errnoState, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment msg = (MemorySegment) STRERROR.invokeExact(errno);
            return msg.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    @Override
    public void bindIdMapped(Path source, Path target, int usernsFd) {
        IdMappedMounts.bind(source, target, usernsFd);
    }

    @Override
    public int pinUserNamespace(berth.common.IdMapping mapping, Path pin) {
        return IdMappedMounts.pinUserNamespace(mapping, pin, this);
    }
}
