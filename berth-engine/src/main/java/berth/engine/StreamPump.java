package berth.engine;

import berth.common.DetachKeys;
import berth.runtime.AttachStream;
import berth.runtime.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Joins a client to a process's stdio through the monitor's attach socket: output to {@code sink} until the
 * process ends or the client goes, the client's input (when it sends any) to the process. With a terminal,
 * the detach keys end the session and leave the process running. Socket calls are native and block, so
 * both directions run on platform threads; the caller (a virtual thread) just waits.
 */
final class StreamPump {
    /** What to do with the client's input; {@code closeAtEof}: its end closes the process's stdin. */
    record Input(InputStream in, Optional<DetachKeys> detachKeys, boolean closeAtEof) {
        static Input none() {
            return new Input(InputStream.nullInputStream(), Optional.empty(), false);
        }
    }

    private StreamPump() {}

    /** How a session ended: the process closed its output, the client typed the detach keys, or it went. */
    enum Outcome { ENDED, DETACHED, CLIENT_GONE }

    /** Blocks until the output ends (or the client detaches or goes); closes the stream. */
    static Outcome run(AttachStream stream, Input input, Predicate<LogEntry> sink) {
        var outcome = new java.util.concurrent.atomic.AtomicReference<>(Outcome.ENDED);
        Thread out = Thread.ofPlatform().daemon().name("attach-out").start(() -> {
            for (var e = stream.read(); e.isPresent(); e = stream.read()) {
                if (!sink.test(e.get())) {
                    outcome.compareAndSet(Outcome.ENDED, Outcome.CLIENT_GONE);
                    break;
                }
            }
        });
        Thread in = Thread.ofPlatform().daemon().name("attach-in").start(() -> {
            if (copyInput(input, stream)) { // detached: end the output side too
                outcome.compareAndSet(Outcome.ENDED, Outcome.DETACHED);
                stream.interrupt();
            }
        });
        try {
            out.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stream.interrupt();
            in.interrupt();
            try {
                out.join();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            stream.close();
        }
        return outcome.get();
    }

    /** Returns true when the client typed the detach keys. */
    private static boolean copyInput(Input input, AttachStream stream) {
        byte[] buf = new byte[8192];
        var filter = input.detachKeys().map(DetachKeys::filter);
        var pass = new ByteArrayOutputStream();
        try {
            for (int n; (n = input.in().read(buf)) > 0; ) {
                if (filter.isEmpty()) {
                    if (!stream.write(buf, 0, n)) return false;
                    continue;
                }
                pass.reset();
                boolean detached = filter.get().pass(buf, n, pass);
                if (pass.size() > 0 && !stream.write(pass.toByteArray(), 0, pass.size())) return false;
                if (detached) return true;
            }
            if (input.closeAtEof()) stream.closeStdin();
        } catch (IOException e) {
            // the client went away: its output side ends on the next write
        }
        return false;
    }
}
