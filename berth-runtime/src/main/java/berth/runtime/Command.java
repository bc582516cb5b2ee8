package berth.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived helper (the runtime's CLI) to completion and collects its output. */
final class Command {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() { return exitCode == 0; }
    }

    private Command() {}

    static Result run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectInput(new File("/dev/null")).start();
            var stderr = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()), r -> Thread.ofPlatform().daemon().start(r));
            String stdout = text(p.getInputStream());
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RuntimeFailure(argv.getFirst() + " timed out: " + String.join(" ", argv));
            }
            return new Result(p.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted running " + argv.getFirst(), e);
        }
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
