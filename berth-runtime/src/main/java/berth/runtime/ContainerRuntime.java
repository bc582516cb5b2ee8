package berth.runtime;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs containers through an OCI runtime (runc or crun) under a per-container monitor (conmon), so that
 * containers, their output and their exit codes outlive berthd. berth writes the bundle; the runtime
 * applies it. Containers are named by their 64-hex ID.
 *
 * <p>Failures of the runtime throw {@link RuntimeFailure} carrying the runtime's own message, e.g.
 * {@code exec: "nope": executable file not found in $PATH}.
 */
public interface ContainerRuntime {

    /** Opens the runtime on {@code config.execRoot()} (created if missing) and starts watching for exits.
     * Containers started by an earlier daemon on the same exec root are found again. */
    static ContainerRuntime open(RuntimeConfig config) {
        return ConmonRuntime.open(config);
    }

    /** The runtime's name as shown by {@code docker info} ("runc" or "crun"). */
    String name();

    /**
     * Writes the bundle for {@code spec}, starts the monitor, creates the container through the runtime
     * and starts its process. Returns the host pid of the container's init process. On failure nothing
     * is left running and the bundle is removed.
     */
    default int start(BundleSpec spec) {
        return start(spec, () -> {});
    }

    /** As {@link #start(BundleSpec)}, calling {@code created} between the runtime's create and start: the
     * monitor's attach socket is open then, so attaching there misses none of the output. */
    int start(BundleSpec spec, Runnable created);

    /** Connects to the running container's stdio through its monitor. */
    AttachStream attach(String id);

    /** Sets the size of the container's terminal; false when its monitor is gone. */
    boolean resize(String id, int height, int width);

    /** Sends a signal to the container's init process (runtime kill). A container that already exited is
     * not an error. */
    void kill(String id, int signal);

    /** Freezes the container (cgroup freezer via the runtime). */
    void pause(String id);

    /** Thaws a paused container. */
    void resume(String id);

    /** Changes the cgroup limits of a running or paused container (runtime update); throws
     * {@link RuntimeFailure} with the runtime's (often the kernel's) message when it refuses them. */
    void update(String id, ResourceLimits limits);

    /** Forgets the container in the runtime (runtime delete --force) and removes its bundle; kills a
     * process still running. A no-op for a container the runtime does not know. */
    void delete(String id);

    /** What the runtime says of the container now; empty when it does not know it. */
    Optional<RuntimeState> state(String id);

    /** The exit code the monitor recorded when the container's process ended (128+N for signal N);
     * empty while it runs or when never started. */
    OptionalInt exitCode(String id);

    /** Calls {@code listener} with the container ID each time a monitor records an exit, for as long as
     * the runtime is open. Exits recorded while nobody listened are found through {@link #exitCode}. */
    void onExit(ExitListener listener);

    /** Runs a process in a running container under its own monitor (with a terminal when asked); throws
     * {@link ExecFailure} when the runtime cannot execute its command. */
    ExecProcess exec(String id, ProcessSpec process);

    /** Stops watching for exits; containers keep running. */
    void close();

    @FunctionalInterface
    interface ExitListener {
        void exited(String id, int exitCode);
    }
}
