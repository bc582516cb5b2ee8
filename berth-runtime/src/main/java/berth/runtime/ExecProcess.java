package berth.runtime;

/**
 * A process started in a running container under its own monitor. Its {@link #stream} was connected before
 * the process started, so none of its output is missed. {@link #pid} is the host pid.
 */
public interface ExecProcess {
    AttachStream stream();

    int pid();

    /** Blocks until the process ends; returns its exit code (128+N when killed by signal N). */
    int waitFor() throws InterruptedException;

    /** Sets the size of the process's terminal (when it has one). */
    void resize(int height, int width);

    /** Kills the process. */
    void kill();
}
