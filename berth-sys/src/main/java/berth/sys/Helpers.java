package berth.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived helper processes that make a namespace the JVM cannot make itself (a multi-threaded process may
 * not enter a user namespace), and the bind mounts that keep such a namespace alive after its helper ends.
 */
final class Helpers {
    private Helpers() {}

    static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new OsException(command.getFirst(), String.join(" ", command), OsException.ENOENT,
                    "cannot run " + command.getFirst() + ": " + e.getMessage());
        }
    }

    /** Waits (up to 5 s) until the helper's namespace file names another namespace than {@code own}. */
    static void awaitOtherNamespace(Path ns, Path own, Process helper) throws IOException {
        for (int i = 0; i < 500; i++) {
            if (!helper.isAlive()) {
                String out = new String(helper.getInputStream().readAllBytes()).trim();
                throw new OsException("helper", ns.toString(), 0, "the namespace helper exited: " + out);
            }
            try {
                if (!Files.readSymbolicLink(ns).equals(Files.readSymbolicLink(own))) return;
            } catch (java.nio.file.NoSuchFileException notYet) {
                // the process is still being set up
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OsException("helper", ns.toString(), 0, "interrupted");
            }
        }
        throw new OsException("helper", ns.toString(), 0, "the helper did not enter a new namespace within 5 s");
    }

    /** Bind-mounts a namespace file at {@code pin} (an empty file, made if missing; an old pin is replaced). */
    static void pin(Path ns, Path pin, Os os) throws IOException {
        Files.createDirectories(pin.getParent());
        if (!Files.exists(pin)) Files.createFile(pin);
        try {
            os.unmount(pin, Os.MNT_DETACH);
        } catch (OsException notMounted) {
            // the usual case
        }
        os.mount(ns.toString(), pin, "", Os.MS_BIND, "");
    }
}
