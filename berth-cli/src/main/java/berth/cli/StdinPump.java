package berth.cli;

import berth.client.Hijack;
import berth.client.StreamDemux;
import berth.common.DetachKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Our stdin to a hijacked connection. With a terminal it watches for the detach keys, as docker's CLI
 * does: it stops there and closes the connection, and the caller leaves the container running. Without
 * one, the end of our input half-closes the connection so the container sees EOF.
 */
final class StdinPump {
    private final AtomicBoolean detached = new AtomicBoolean();

    private StdinPump() {}

    static StdinPump start(InputStream in, Hijack hijack, Optional<DetachKeys> keys) {
        var pump = new StdinPump();
        Thread.ofPlatform().daemon().name("stdin").start(() -> pump.copy(in, hijack, keys));
        return pump;
    }

    /** Copies the output until it ends; a detach closes the connection under it, which is no error. */
    static void copyOutput(Hijack hijack, StdinPump pump, Session session) {
        try {
            StreamDemux.copy(hijack.in(), hijack.multiplexed(), session.out(), session.err());
        } catch (RuntimeException e) {
            if (pump == null || !pump.detached()) throw e;
        }
    }

    boolean detached() {
        return detached.get();
    }

    private void copy(InputStream in, Hijack hijack, Optional<DetachKeys> keys) {
        byte[] buf = new byte[8192];
        var filter = keys.map(DetachKeys::filter);
        var pass = new ByteArrayOutputStream();
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                pass.reset();
                boolean detach = filter.isPresent() ? filter.get().pass(buf, n, pass) : write(pass, buf, n);
                hijack.out().write(pass.toByteArray());
                hijack.out().flush();
                if (detach) {
                    detached.set(true);
                    hijack.close();
                    return;
                }
            }
            hijack.closeWrite();
        } catch (IOException | RuntimeException e) {
            // the container went away first: its exit code tells the story
        }
    }

    private static boolean write(ByteArrayOutputStream out, byte[] buf, int n) {
        out.write(buf, 0, n);
        return false;
    }
}
