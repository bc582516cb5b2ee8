package berth.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Our terminal handed over to a container's: raw mode without echo while the session lasts (restored on
 * close, and at exit if we are killed politely), the window size sent at start and on every SIGWINCH.
 * stty does the termios work: it is on every system and keeps native code out of the CLI.
 */
final class TtySession implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");
    private final String saved;
    private final Thread restoreAtExit;

    private TtySession(String saved) {
        this.saved = saved;
        this.restoreAtExit = new Thread(this::restore);
        Runtime.getRuntime().addShutdownHook(restoreAtExit);
    }

    /** Raw mode and size following when stdin is a terminal; empty otherwise (docker does the same). */
    static Optional<TtySession> enter(BiConsumer<Integer, Integer> resize) {
        if (!Terminal.stdinIsTerminal()) return Optional.empty();
        Optional<String> saved = stty("-g");
        if (saved.isEmpty()) return Optional.empty();
        stty("raw", "-echo");
        var session = new TtySession(saved.get().strip());
        followSize(resize);
        return Optional.of(session);
    }

    /** Sends the size now and after each change of the window. */
    private static void followSize(BiConsumer<Integer, Integer> resize) {
        Runnable send = () -> size().ifPresent(hw -> {
            try {
                resize.accept(hw[0], hw[1]);
            } catch (RuntimeException e) {
                // the container or exec is already gone
            }
        });
        initialSize(resize);
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), sig -> Thread.ofVirtual().start(send));
        } catch (IllegalArgumentException e) {
            // no SIGWINCH here: the size stays as it was at start
        }
    }

    /** As docker's CLI: the process may not be running yet when we first ask, so try a few times. */
    private static void initialSize(BiConsumer<Integer, Integer> resize) {
        Optional<int[]> size = size();
        if (size.isEmpty()) return;
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                resize.accept(size.get()[0], size.get()[1]);
                return;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** rows and columns, as {@code stty size} prints them. */
    static Optional<int[]> size() {
        return stty("size").map(String::strip).map(s -> s.split("\\s+")).filter(p -> p.length == 2).map(p -> {
            try {
                return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
            } catch (NumberFormatException e) {
                return null;
            }
        });
    }

    private static Optional<String> stty(String... args) {
        var command = new java.util.ArrayList<String>();
        command.add("stty");
        command.addAll(java.util.List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void restore() {
        stty(saved);
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreAtExit);
        } catch (IllegalStateException e) {
            // already exiting: the hook restores
        }
    }
}
