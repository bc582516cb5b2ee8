package berth.sys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake {@link Os} for unit tests: every call is recorded as one line (e.g. {@code "mount overlay /x overlay 0
 * lowerdir=..."}) and succeeds, unless a test preset a failure for calls starting with a given prefix.
 * Extended attributes are remembered so that a get sees an earlier set. Thread-safe.
 */
public final class RecordingOs implements Os {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, byte[]> xattrs = new HashMap<>();
    private volatile long openFilesHardLimit = 20_000;
    private final java.util.concurrent.atomic.AtomicInteger nextFd = new java.util.concurrent.atomic.AtomicInteger(1000);

    /** The calls made so far, oldest first. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Makes every later call whose recorded line starts with {@code prefix} fail with {@code errno}. */
    public RecordingOs failWith(String prefix, int errno) {
        failures.put(prefix, errno);
        return this;
    }

    public RecordingOs clearFailures() {
        failures.clear();
        return this;
    }

    public RecordingOs openFilesHardLimit(long limit) {
        this.openFilesHardLimit = limit;
        return this;
    }

    @Override
    public void mount(String source, Path target, String fsType, long flags, String data) {
        record("mount " + source + " " + target + " " + fsType + " " + flags + " " + data);
    }

    @Override
    public void unmount(Path target, int flags) {
        record("umount2 " + target + " " + flags);
    }

    @Override
    public void mknod(Path path, int mode, long dev) {
        record("mknod " + path + " " + Integer.toOctalString(mode) + " " + dev);
    }

    @Override
    public synchronized void setXattr(Path path, String name, byte[] value) {
        record("lsetxattr " + path + " " + name + " " + new String(value));
        xattrs.put(path + "\0" + name, value.clone());
    }

    @Override
    public synchronized Optional<byte[]> getXattr(Path path, String name) {
        record("lgetxattr " + path + " " + name);
        return Optional.ofNullable(xattrs.get(path + "\0" + name)).map(byte[]::clone);
    }

    @Override
    public void kill(int pid, int signal) {
        record("kill " + pid + " " + signal);
    }

    @Override
    public boolean processExists(int pid) {
        try {
            kill(pid, 0);
            return true;
        } catch (OsException e) {
            return e.errno() != OsException.ESRCH;
        }
    }

    @Override
    public long openFilesHardLimit() {
        record("getrlimit RLIMIT_NOFILE");
        return openFilesHardLimit;
    }

    @Override
    public void setTimes(Path path, java.time.Instant time) {
        record("utimensat " + path + " " + time);
    }

    @Override
    public void syncFilesystem(Path path) {
        record("syncfs " + path);
    }

    @Override
    public void mkfifo(Path path, int mode) {
        record("mkfifo " + path + " " + Integer.toOctalString(mode));
    }

    /** No monitor listens in unit tests: connecting fails as with a socket nobody created. */
    @Override
    public PacketSocket connectSeqPacket(Path socket) {
        record("connect " + socket);
        throw new OsException("connect", socket.toString(), OsException.ENOENT, "No such file or directory");
    }

    @Override
    public boolean writeFifo(Path fifo, byte[] data) {
        record("writeFifo " + fifo + " " + new String(data, java.nio.charset.StandardCharsets.UTF_8).strip());
        return true;
    }

    /** Records the call and hands out a made-up descriptor (nothing is opened). */
    @Override
    public int open(Path path, int flags) {
        record("open " + path + " " + Integer.toOctalString(flags));
        return nextFd.getAndIncrement();
    }

    @Override
    public int openInRoot(int rootFd, String path, int flags) {
        record("openat2 " + rootFd + " " + path + " " + Integer.toOctalString(flags));
        return nextFd.getAndIncrement();
    }

    @Override
    public void close(int fd) {
        record("close " + fd);
    }

    private synchronized void record(String line) {
        calls.add(line);
        failures.forEach((prefix, errno) -> {
            if (line.startsWith(prefix)) throw new OsException(line, "(preset failure)", errno, "errno " + errno);
        });
    }

    @Override
    public void bindIdMapped(Path source, Path target, int usernsFd) {
        record("bind-idmapped " + source + " " + target + " " + usernsFd);
    }

    @Override
    public int pinUserNamespace(berth.common.IdMapping mapping, Path pin) {
        record("userns " + mapping.dirName() + " " + pin);
        return nextFd.getAndIncrement();
    }
}
