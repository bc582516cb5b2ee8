package berth.engine;

import berth.engine.model.ContainerConfig;
import berth.engine.model.ContainerMount;
import berth.engine.model.ContainerState;
import berth.engine.model.Health;
import berth.engine.model.HostConfig;
import berth.engine.model.Status;
import java.time.Instant;
import java.util.List;

/**
 * A container as berth keeps it: immutable; each change makes a new value that is stored before it is
 * published. {@code config} is the client's configuration with the image's defaults merged in.
 */
public record Container(
        String id,
        String name,
        Instant created,
        String path,
        List<String> args,
        ContainerConfig config,
        HostConfig hostConfig,
        String imageId,
        Status status,
        int pid,
        int exitCode,
        String error,
        Instant startedAt,
        Instant finishedAt,
        int restartCount,
        List<ContainerMount> mounts,
        boolean manuallyStopped,
        Health health,
        boolean oomKilled) {

    public Container {
        health = health == null ? Health.ABSENT : health;
        args = List.copyOf(args);
        mounts = mounts == null ? List.of() : List.copyOf(mounts); // records stored before volumes have none
        hostConfig = hostConfig == null ? HostConfig.defaults() : hostConfig.normalized(); // older records lack fields
    }

    /** A new container: never stopped by hand, no health yet, not OOM-killed. */
    public Container(String id, String name, Instant created, String path, List<String> args, ContainerConfig config,
                     HostConfig hostConfig, String imageId, Status status, int pid, int exitCode, String error,
                     Instant startedAt, Instant finishedAt, int restartCount, List<ContainerMount> mounts) {
        this(id, name, created, path, args, config, hostConfig, imageId, status, pid, exitCode, error, startedAt,
                finishedAt, restartCount, mounts, false, Health.ABSENT, false);
    }

    public Container withMounts(List<ContainerMount> newMounts) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, status, pid, exitCode, error,
                startedAt, finishedAt, restartCount, newMounts, manuallyStopped, health, oomKilled);
    }

    public ContainerState state() {
        return ContainerState.of(status, pid, exitCode, error, time(startedAt), time(finishedAt))
                .withHealth(health.isPresent() ? health : null).withOomKilled(oomKilled);
    }

    public Container withName(String newName) {
        return new Container(id, newName, created, path, args, config, hostConfig, imageId, status, pid,
                exitCode, error, startedAt, finishedAt, restartCount, mounts, manuallyStopped, health, oomKilled);
    }

    /** OOMKilled resets at each start, as Docker's. */
    public Container started(int newPid, Instant at) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, Status.RUNNING, newPid,
                0, "", at, finishedAt, restartCount, mounts, manuallyStopped, health, false);
    }

    public Container failedToStart(int code, String message) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, status, 0, code,
                message, startedAt, finishedAt, restartCount, mounts, manuallyStopped, health, oomKilled);
    }

    public Container exited(int code, Instant at) {
        return exited(code, at, false);
    }

    /** {@code oomKilledNow}: the OOM killer ended it (Docker's State.OOMKilled, until the next start). */
    public Container exited(int code, Instant at, boolean oomKilledNow) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, Status.EXITED, 0, code,
                "", startedAt, at, restartCount, mounts, manuallyStopped, health, oomKilledNow);
    }

    public Container withHostConfig(HostConfig newHostConfig) {
        return new Container(id, name, created, path, args, config, newHostConfig, imageId, status, pid, exitCode,
                error, startedAt, finishedAt, restartCount, mounts, manuallyStopped, health, oomKilled);
    }

    public Container withStatus(Status newStatus) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, newStatus, pid,
                exitCode, error, startedAt, finishedAt, restartCount, mounts, manuallyStopped, health, oomKilled);
    }

    /** Waiting for its restart policy's next start (Docker keeps it "running" for stop, rm and kill). */
    public Container restarting(int code, Instant at) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, Status.RESTARTING, 0, code,
                "", startedAt, at, restartCount + 1, mounts, manuallyStopped, health, oomKilled);
    }

    /** A start by the user (or at daemon start) forgets the policy's count and a manual stop, as Docker's. */
    public Container resetForStart() {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, status, pid, exitCode, error,
                startedAt, finishedAt, 0, mounts, false, health, oomKilled);
    }

    public Container withManuallyStopped(boolean stopped) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, status, pid, exitCode, error,
                startedAt, finishedAt, restartCount, mounts, stopped, health, oomKilled);
    }

    public Container withHealth(Health newHealth) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, status, pid, exitCode, error,
                startedAt, finishedAt, restartCount, mounts, manuallyStopped, newHealth, oomKilled);
    }

    /** For {@code update --restart}: the policy is read from the stored container at each exit. */
    public Container withRestartPolicy(HostConfig.RestartPolicy policy) {
        return withHostConfig(hostConfig.withRestartPolicy(policy));
    }

    public boolean isActive() {
        return status.isActive();
    }

    /** Running or paused: a process, mounts and a network; a restarting container is active without them. */
    public boolean hasProcess() {
        return status == Status.RUNNING || status == Status.PAUSED;
    }

    private static String time(Instant t) {
        return t.equals(Instant.EPOCH) ? ContainerState.ZERO_TIME : t.toString();
    }
}
