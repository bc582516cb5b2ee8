package berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The one platform thread that enters other network namespaces. unshare(2) and setns(2) change the namespace
 * of the calling OS thread only: on a virtual thread they would move whichever carrier ran it, so every
 * switch happens here, and the thread always comes back to the daemon's namespace before the next task.
 */
@SuppressWarnings("restricted")
final class NetnsThread {
    private static final MethodHandle UNSHARE = LinuxOs.call("unshare", JAVA_INT, JAVA_INT);
    private static final MethodHandle SETNS = LinuxOs.call("setns", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle OPEN = LinuxOs.call("open", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle CLOSE = LinuxOs.call("close", JAVA_INT, JAVA_INT);
    private static final int CLONE_NEWNET = 0x40000000, O_RDONLY_CLOEXEC = 02000000;
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("berth-netns").factory());

    private NetnsThread() {}

    /** Runs {@code action} inside a brand-new network namespace, which it must pin (bind mount) to keep. */
    static <T> T inNewNamespace(Supplier<T> action) {
        return onThread(() -> switched(() -> unshare(), action));
    }

    /** Runs {@code action} inside the namespace pinned at {@code netns}. */
    static <T> T inNamespace(Path netns, Supplier<T> action) {
        return onThread(() -> switched(() -> enter(netns), action));
    }

    /** Opens a file descriptor on a namespace file (for IFLA_NET_NS_FD); the caller closes it. */
    static int open(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            int fd = (int) LinuxOs.invoke(OPEN, errno, LinuxOs.str(arena, file), O_RDONLY_CLOEXEC);
            LinuxOs.check(fd, errno, "open", file.toString());
            return fd;
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            LinuxOs.invoke(CLOSE, arena.allocate(LinuxOs.ERRNO_STATE), fd);
        }
    }

    private static <T> T switched(Runnable enter, Supplier<T> action) {
        int home = open(Path.of("/proc/thread-self/ns/net"));
        try {
            enter.run();
            try {
                return action.get();
            } finally {
                setns(home, "the daemon's namespace");
            }
        } finally {
            close(home);
        }
    }

    private static void unshare() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            LinuxOs.check((int) LinuxOs.invoke(UNSHARE, errno, CLONE_NEWNET), errno, "unshare", "CLONE_NEWNET");
        }
    }

    private static void enter(Path netns) {
        int fd = open(netns);
        try {
            setns(fd, netns.toString());
        } finally {
            close(fd);
        }
    }

    private static void setns(int fd, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            LinuxOs.check((int) LinuxOs.invoke(SETNS, errno, fd, CLONE_NEWNET), errno, "setns", what);
        }
    }

    private static <T> T onThread(java.util.concurrent.Callable<T> task) {
        try {
            return THREAD.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the namespace thread", e);
        }
    }
}
