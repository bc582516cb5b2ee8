package berth.runtime;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A process started in a running container. Read {@link #stdout} and {@link #stderr} (each until EOF),
 * write to {@link #stdin}, then {@link #waitFor} its exit code. {@link #pid} is the host pid.
 */
public interface ExecProcess {
    InputStream stdout();
    InputStream stderr();
    OutputStream stdin();
    int pid();
    /** Blocks until the process ends; returns its exit code (126/127 when it could not be executed). */
    int waitFor() throws InterruptedException;
    /** Kills the process. */
    void kill();
}
