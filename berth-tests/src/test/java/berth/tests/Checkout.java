package berth.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The berth checkout these tests run from: its root, the built daemon and the test scripts. */
record Checkout(Path root) {

    private static final String MARKER = "tests/lib/daemon.sh";

    /** Finds the checkout by walking up from the working directory (Maven runs us in berth-tests/). */
    static Checkout find() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return new Checkout(dir);
            }
        }
        throw new IllegalStateException("not inside a berth checkout: no " + MARKER + " above " + Path.of("").toAbsolutePath());
    }

    /**
     * bin/berthd, or the launcher named by $BERTH_IT_BERTHD (an installed berthd, or another
     * engine with the same flags to check these tests against); a missing one fails the
     * tests loudly, it never skips them.
     */
    Path berthd() {
        var override = System.getenv("BERTH_IT_BERTHD");
        var berthd = override == null || override.isBlank() ? root.resolve("bin/berthd") : Path.of(override);
        if (!Files.isExecutable(berthd)) {
            throw new IllegalStateException(berthd + " is missing: run 'make build' before the integration tests");
        }
        return berthd;
    }

    Path daemonScript() {
        return root.resolve(MARKER);
    }

    Path busyboxImageScript() {
        return root.resolve("scripts/busybox-image.sh");
    }
}
