package berth.runtime;

import berth.sys.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Just enough of {@link Os} for these tests, through shell tools, independent of berth-sys' progress. */
final class ShellOs implements Os {
    @Override public void mkfifo(Path path, int mode) { run("mkfifo", "-m", Integer.toOctalString(mode), path.toString()); }

    @Override public void kill(int pid, int signal) { run("kill", "-" + signal, Integer.toString(pid)); }

    @Override public boolean processExists(int pid) { return Files.exists(Path.of("/proc", Integer.toString(pid))); }

    @Override public long openFilesHardLimit() { return 1024; }

    @Override public void mount(String source, Path target, String fsType, long flags, String data) { unsupported(); }

    @Override public void unmount(Path target, int flags) { unsupported(); }

    @Override public void mknod(Path path, int mode, long dev) { unsupported(); }

    @Override public void setXattr(Path path, String name, byte[] value) { unsupported(); }

    @Override public Optional<byte[]> getXattr(Path path, String name) { return unsupported(); }

    private static <T> T unsupported() { throw new UnsupportedOperationException(); }

    private static void run(String... argv) {
        try {
            Process p = new ProcessBuilder(List.of(argv)).inheritIO().start();
            if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", argv) + " failed");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
