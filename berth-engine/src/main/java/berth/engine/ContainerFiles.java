package berth.engine;

import berth.engine.model.ContainerConfig;
import berth.image.FileChange;
import berth.image.PathStat;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A container's files: {@code docker diff}, {@code docker cp} (the archive endpoints), {@code docker export}
 * and {@code docker commit}. They work on running and stopped containers alike: a stopped container's
 * filesystem is mounted for the time of the call. Every path is the container's: symlinks are followed
 * inside its root and can never lead to a host file. Errors: NotFound "No such container: x" and
 * "Could not find the file /p in container x"; InvalidArgument for a bad archive or a non-directory
 * destination; Forbidden for a read-only root filesystem. Blocking: call on a virtual thread.
 */
public interface ContainerFiles {

    /** {@code GET /containers/{id}/changes}. */
    List<FileChange> changes(String ref);

    /** {@code HEAD /containers/{id}/archive}: the path's stat, its last component not followed. */
    PathStat stat(String ref, String path);

    /** {@code GET /containers/{id}/archive}: the stat goes to {@code open}, which returns where the tar of the
     * path goes; failures before that are thrown before anything was opened. */
    void archive(String ref, String path, Function<PathStat, OutputStream> open);

    /** {@code PUT /containers/{id}/archive}: extracts the tar into the directory {@code path}. Owners are
     * root unless {@code copyUidGid} (docker cp -a), which keeps the archive's. */
    void extract(String ref, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid);

    /** {@code GET /containers/{id}/export}: a tar of the whole filesystem, to the stream {@code open} gives
     * once the container is found and its filesystem reachable. */
    void export(String ref, Supplier<OutputStream> open);

    /** {@code POST /commit}: returns the new image's ID. */
    String commit(CommitRequest request);

    /**
     * {@code config}: a container config to merge over the container's (values given win; Env, Labels,
     * ExposedPorts and Volumes are merged by key), then {@code changes} (Dockerfile instructions) apply.
     * {@code reference} may be empty; {@code pause} freezes a running container while its layer is read.
     */
    record CommitRequest(String container, String reference, String comment, String author, boolean pause,
                         List<String> changes, Optional<ContainerConfig> config) {
        public CommitRequest {
            changes = List.copyOf(changes);
        }
    }
}
