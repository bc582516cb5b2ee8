package berth.engine;

import berth.engine.model.ContainerConfig;
import berth.engine.model.ContainerMount;
import berth.engine.model.ContainerState;
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
        boolean oomKilled) {

    public Container {
        args = List.copyOf(args);
        mounts = mounts == null ? List.of() : List.copyOf(mounts); // records stored before volumes have none
        hostConfig = hostConfig == null ? HostConfig.defaults() : hostConfig.normalized(); // older records lack fields
    }

    /** A container the OOM killer has not ended. */
    public Container(String id, String name, Instant created, String path, List<String> args, ContainerConfig config,
                     HostConfig hostConfig, String imageId, Status status, int pid, int exitCode, String error,
                     Instant startedAt, Instant finishedAt, int restartCount, List<ContainerMount> mounts) {
        this(id, name, created, path, args, config, hostConfig, imageId, status, pid, exitCode, error, startedAt,
                finishedAt, restartCount, mounts, false);
    }

    public Container withMounts(List<ContainerMount> newMounts) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, status, pid, exitCode, error,
                startedAt, finishedAt, restartCount, newMounts, oomKilled);
    }

    public ContainerState state() {
        return ContainerState.of(status, pid, exitCode, error, time(startedAt), time(finishedAt)).withOomKilled(oomKilled);
    }

    public Container withName(String newName) {
        return new Container(id, newName, created, path, args, config, hostConfig, imageId, status, pid,
                exitCode, error, startedAt, finishedAt, restartCount, mounts, oomKilled);
    }

    public Container started(int newPid, Instant at) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, Status.RUNNING, newPid,
                0, "", at, finishedAt, restartCount, mounts, false);
    }

    public Container failedToStart(int code, String message) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, status, 0, code,
                message, startedAt, finishedAt, restartCount, mounts, oomKilled);
    }

    public Container exited(int code, Instant at) {
        return exited(code, at, false);
    }

    /** {@code oomKilled}: the OOM killer ended it (Docker's State.OOMKilled, until the next start). */
    public Container exited(int code, Instant at, boolean oomKilledNow) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, Status.EXITED, 0, code,
                "", startedAt, at, restartCount, mounts, oomKilledNow);
    }

    public Container withHostConfig(HostConfig newHostConfig) {
        return new Container(id, name, created, path, args, config, newHostConfig, imageId, status, pid, exitCode,
                error, startedAt, finishedAt, restartCount, mounts, oomKilled);
    }

    public Container withStatus(Status newStatus) {
        return new Container(id, name, created, path, args, config, hostConfig, imageId, newStatus, pid,
                exitCode, error, startedAt, finishedAt, restartCount, mounts, oomKilled);
    }

    public boolean isActive() {
        return status.isActive();
    }

    private static String time(Instant t) {
        return t.equals(Instant.EPOCH) ? ContainerState.ZERO_TIME : t.toString();
    }
}
