package berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Unix sockets the JDK does not offer (SOCK_SEQPACKET) and non-blocking FIFO writes, through FFM. */
@SuppressWarnings("restricted")
final class LinuxSockets {
    private static final MethodHandle SOCKET = LinuxOs.call("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CONNECT = LinuxOs.call("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle OPEN = LinuxOs.call("open", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle READ = LinuxOs.call("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle WRITE = LinuxOs.call("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle SHUTDOWN = LinuxOs.call("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = LinuxOs.call("close", JAVA_INT, JAVA_INT);
    private static final int AF_UNIX = 1, SOCK_SEQPACKET = 5, SOCK_CLOEXEC = 02000000;
    private static final int O_WRONLY = 1, O_NONBLOCK = 04000, O_CLOEXEC = 02000000, O_PATH = 010000000;
    private static final int SHUT_WR = 1, SHUT_RDWR = 2;
    private static final int EINTR = 4, ENXIO = 6, SUN_PATH = 108;

    private LinuxSockets() {}

    /** Connects through {@code /proc/self/fd/<dir>/<name>}, so that a socket deep in the exec root is
     * reachable although sun_path holds only 108 bytes. */
    static PacketSocket connectSeqPacket(Path socket) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            Path dir = socket.toAbsolutePath().getParent();
            int dirFd = (int) LinuxOs.invoke(OPEN, errno, LinuxOs.str(arena, dir), O_PATH | O_CLOEXEC);
            LinuxOs.check(dirFd, errno, "open", dir.toString());
            int fd = -1;
            try {
                fd = (int) LinuxOs.invoke(SOCKET, errno, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
                LinuxOs.check(fd, errno, "socket", "AF_UNIX SOCK_SEQPACKET");
                MemorySegment addr = address(arena, "/proc/self/fd/" + dirFd + "/" + socket.getFileName());
                int rc = (int) LinuxOs.invoke(CONNECT, errno, fd, addr, (int) addr.byteSize());
                LinuxOs.check(rc, errno, "connect", socket.toString());
                var connected = new SeqPacket(fd);
                fd = -1;
                return connected;
            } finally {
                if (fd >= 0) LinuxOs.invoke(CLOSE, errno, fd);
                LinuxOs.invoke(CLOSE, errno, dirFd);
            }
        }
    }

    private static MemorySegment address(Arena arena, String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= SUN_PATH) throw new IllegalArgumentException("socket path too long: " + path);
        MemorySegment addr = arena.allocate(2 + SUN_PATH); // struct sockaddr_un
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        addr.asSlice(2, bytes.length).copyFrom(MemorySegment.ofArray(bytes));
        return addr;
    }

    /** Opening a FIFO for writing blocks until a reader comes; with O_NONBLOCK it fails with ENXIO instead. */
    static boolean writeFifo(Path fifo, byte[] data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            int fd = (int) LinuxOs.invoke(OPEN, errno, LinuxOs.str(arena, fifo), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0 && (LinuxOs.errnoOf(errno) == ENXIO || LinuxOs.errnoOf(errno) == OsException.ENOENT)) return false;
            LinuxOs.check(fd, errno, "open", fifo.toString());
            try {
                MemorySegment buf = arena.allocate(Math.max(1, data.length));
                buf.copyFrom(MemorySegment.ofArray(data));
                long n = (long) LinuxOs.invoke(WRITE, errno, fd, buf, (long) data.length);
                LinuxOs.check(n, errno, "write", fifo.toString());
                return n == data.length;
            } finally {
                LinuxOs.invoke(CLOSE, errno, fd);
            }
        }
    }

    /**
     * Native buffers per direction, so that one reader and one writer can work at the same time. Reads and
     * writes hold the shared side of {@link #inUse}; {@link #close} shuts the socket down (which wakes them),
     * then takes the exclusive side before it releases the descriptor and the buffers, so a call still in
     * flight never sees its memory freed nor its descriptor number reused.
     */
    private static final class SeqPacket implements PacketSocket {
        private final int fd;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment readBuf = arena.allocate(64 * 1024);
        private final MemorySegment writeBuf = arena.allocate(MAX_PACKET);
        private final MemorySegment readErrno = arena.allocate(LinuxOs.ERRNO_STATE);
        private final MemorySegment writeErrno = arena.allocate(LinuxOs.ERRNO_STATE);
        private final AtomicBoolean closed = new AtomicBoolean();
        private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();

        SeqPacket(int fd) {
            this.fd = fd;
        }

        @Override
        public int read(byte[] buf) {
            inUse.readLock().lock();
            try {
                if (closed.get()) return -1;
                long want = Math.min(buf.length, readBuf.byteSize());
                while (true) {
                    long n = (long) LinuxOs.invoke(READ, readErrno, fd, readBuf, want);
                    if (n < 0 && LinuxOs.errnoOf(readErrno) == EINTR) continue;
                    if (n <= 0) return -1; // 0: the peer closed; an error ends the stream just the same
                    MemorySegment.copy(readBuf, ValueLayout.JAVA_BYTE, 0, buf, 0, (int) n);
                    return (int) n;
                }
            } finally {
                inUse.readLock().unlock();
            }
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) {
            inUse.readLock().lock();
            try {
                while (len > 0) {
                    if (closed.get()) throw new OsException("write", "attach socket", 9, "closed");
                    int chunk = Math.min(len, MAX_PACKET);
                    MemorySegment.copy(buf, off, writeBuf, ValueLayout.JAVA_BYTE, 0, chunk);
                    long n = (long) LinuxOs.invoke(WRITE, writeErrno, fd, writeBuf, (long) chunk);
                    if (n < 0 && LinuxOs.errnoOf(writeErrno) == EINTR) continue;
                    LinuxOs.check(n, writeErrno, "write", "attach socket");
                    off += (int) n;
                    len -= (int) n;
                }
            } finally {
                inUse.readLock().unlock();
            }
        }

        @Override
        public void shutdownOutput() {
            shut(SHUT_WR);
        }

        @Override
        public void shutdown() {
            shut(SHUT_RDWR);
        }

        private void shut(int how) {
            inUse.readLock().lock();
            try {
                if (!closed.get()) nativeShutdown(how);
            } finally {
                inUse.readLock().unlock();
            }
        }

        /** Own errno memory: another thread may be using the read and write buffers' errno slots. */
        private void nativeShutdown(int how) {
            try (Arena a = Arena.ofConfined()) {
                LinuxOs.invoke(SHUTDOWN, a.allocate(LinuxOs.ERRNO_STATE), fd, how);
            }
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) return;
            nativeShutdown(SHUT_RDWR); // wakes a blocked reader or writer; the descriptor is still ours
            inUse.writeLock().lock();
            try (Arena a = Arena.ofConfined()) {
                LinuxOs.invoke(CLOSE, a.allocate(LinuxOs.ERRNO_STATE), fd);
                arena.close();
            } finally {
                inUse.writeLock().unlock();
            }
        }
    }
}
