package berth.image;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Local images: the index of images and their names, loading and importing, and the layer store under
 * them. Blobs are kept once by digest; each layer is unpacked once and shared by every image and container
 * that stacks it. Names are Docker references ({@code busybox}, {@code busybox:1.36},
 * {@code localhost:5000/team/app:1}); an image is also found by its full ID or any unique ID prefix, with or
 * without {@code sha256:}.
 *
 * <p>Errors: {@link berth.common.BerthException.NotFound} "No such image: NAME",
 * {@link berth.common.BerthException.InvalidArgument} for bad references or unreadable archives,
 * {@link berth.common.BerthException.Conflict} for deleting an image in use or referenced by several tags
 * without force.
 */
public interface ImageService extends AutoCloseable {

    /**
     * The image store under a data root such as {@code /var/lib/berth}: {@code image/} (index and blobs) and
     * {@code overlay/} (layers and snapshots); see {@link LocalImageService}. Cleans up after a crash.
     */
    static ImageService open(java.nio.file.Path root, berth.sys.Os os) {
        return LocalImageService.open(root, os);
    }

    /** As {@link #open(java.nio.file.Path, berth.sys.Os)}, reaching registries as {@code registries} says. */
    static ImageService open(java.nio.file.Path root, berth.sys.Os os, berth.registry.RegistryConfig registries) {
        return LocalImageService.open(root, os, registries);
    }

    /** {@code POST /images/load}: a docker-save tar or an OCI layout tar. Returns one line per image, as
     * Docker prints them: "Loaded image: busybox:latest" or "Loaded image ID: sha256:...". */
    List<String> load(InputStream archive);

    /** {@code POST /images/create?fromSrc=-}: a rootfs tar (plain, gzip, bzip2, xz or zstd) becomes a
     * one-layer image. {@code changes} are Dockerfile instructions (CMD, ENTRYPOINT, ENV, WORKDIR, USER,
     * LABEL, EXPOSE, VOLUME, STOPSIGNAL, ONBUILD ignored). {@code reference} may be empty (untagged). */
    Image importTar(InputStream rootfsTar, String reference, List<String> changes, String message);

    /** {@code GET /images/json}. Filters: dangling=true|false, reference=pattern, label=k[=v],
     * before=image, since=image. Without {@code all}, intermediate untagged parents are hidden. */
    List<Image> list(boolean all, Map<String, List<String>> filters);

    /** Finds an image by reference, full ID or unique ID prefix. Throws NotFound. */
    Image get(String nameOrId);

    /** {@code POST /images/{name}/tag}: adds {@code repo:tag} (tag defaults to latest). */
    void tag(String source, String repo, String tag);

    /**
     * {@code DELETE /images/{name}}. {@code containerUsing} gives a container that uses an image ID (empty when
     * none, a running one first): deleting such an image is a Conflict naming that container, as Docker's
     * messages do (see {@link ImageRemoval}). Returns the Untagged/Deleted items, in Docker's order.
     */
    List<DeleteItem> remove(String nameOrId, boolean force, boolean noPrune,
                            Function<String, Optional<ImageUser>> containerUsing);

    /**
     * Creates the writable layer of a container on top of the image's layers and returns where it lives.
     * Idempotent per container ID.
     */
    Snapshot createSnapshot(String containerId, String imageId);

    /** The snapshot of a container, as {@link #createSnapshot} made it. Throws NotFound. */
    Snapshot snapshot(String containerId);

    /** Mounts the overlay of a container's snapshot at its merged directory; a no-op when mounted. */
    void mount(String containerId);

    /**
     * As {@link #mount(String)}, for a container in a remapped user namespace: its layers are stacked through
     * id-mapped mounts and its writable layer's root is owned by the mapping's root.
     */
    default void mount(String containerId, java.util.Optional<Remap> remap) {
        if (remap.isPresent()) throw new UnsupportedOperationException("id-mapped snapshots");
        mount(containerId);
    }

    /** Unmounts the merged directory (and any id-mapped layers); a no-op when not mounted. */
    void unmount(String containerId);

    /** Unmounts and deletes the container's writable layer. A no-op when absent. */
    void removeSnapshot(String containerId);

    /** Size in bytes of the files in a container's writable layer (SizeRw). */
    long snapshotSize(String containerId);

    /** {@code docker diff}: the changes of a container's writable layer against its image, in Docker's
     * order (a walk of the layer, parents of added and deleted paths first). */
    List<FileChange> changes(String containerId);

    /** The container's root filesystem, for the archive endpoints: its merged directory, which the caller
     * has mounted ({@link #mount}). Close it when done. */
    RootFs rootFs(String containerId);

    /** As {@link #rootFs(String)}; with a remapped container's id map, owners are translated both ways. */
    default RootFs rootFs(String containerId, java.util.Optional<berth.common.IdMapping> ids) {
        if (ids.isPresent()) throw new UnsupportedOperationException("id-mapped root filesystems");
        return rootFs(containerId);
    }

    /**
     * {@code docker commit}: a new image with the container's image's layers plus one layer holding the
     * writable layer (whiteouts as {@code .wh.} files), the spec's config with its changes applied, and a
     * history entry. Tagged with the spec's reference when given. The caller pauses the container if asked.
     */
    Image commit(String containerId, CommitSpec spec);

    /** {@code GET /images/{name}/history}: newest first, as Docker computes it from the config's history. */
    default List<HistoryItem> history(String nameOrId) {
        throw new UnsupportedOperationException("history");
    }

    /**
     * {@code GET /images/get?names=...}: the images to save, chosen as Docker does (a repository name alone
     * takes all its tags, {@code name:tag} that tag, an ID the image unnamed). NotFound for an unknown name,
     * before anything is written.
     */
    default SavedImages save(List<String> names) {
        throw new UnsupportedOperationException("save");
    }

    /**
     * {@code POST /images/prune}: deletes the dangling images (untagged), or with {@code all} every image,
     * that {@code matches} and no container in {@code inUse} (image IDs) uses; tags first, as Docker does.
     * {@code spaceReclaimed} sums the unpacked sizes of the layers that went with them.
     */
    default PruneReport prune(boolean all, java.util.function.Predicate<Image> matches, java.util.Set<String> inUse) {
        throw new UnsupportedOperationException("prune");
    }

    /** {@code GET /system/df}: the unpacked size of all layers, once each, and each image's shared size
     * (the layers it has in common with another image). */
    default DiskUsage diskUsage() {
        throw new UnsupportedOperationException("diskUsage");
    }

    /** {@code GET /images/{name}/json}: the image, its config's run config as stored, and where its layers live
     * (Docker's GraphDriver.Data for overlay2). NotFound for an unknown name. By default the run config is
     * rebuilt from {@link #get} and no paths are known. */
    default Inspection inspect(String nameOrId) {
        Image image = get(nameOrId);
        return new Inspection(image, ImageConfigJson.toJson(image.config()), Map.of());
    }

    /**
     * {@code docker pull}: the manifest (or index, then the platform's manifest), the config, the layers (three
     * downloads at a time, each verified while it streams, unpacked in order as they arrive; layers already
     * here are skipped), then the image is indexed with its tag and repo digest. Errors before the first
     * progress event are Docker's (NotFound for a missing repository or tag, SystemFault for an unreachable
     * registry); later ones are thrown too, for the caller to report in its stream.
     */
    default void pull(PullRequest request, Progress progress) {
        throw berth.common.BerthException.invalid("this image store cannot pull");
    }

    /** {@code docker push}: the layers the registry lacks, the config, then the manifest under the tag. */
    default void push(PushRequest request, Progress progress) {
        throw berth.common.BerthException.invalid("this image store cannot push");
    }

    /**
     * {@code POST /auth}: checks credentials against a registry. Throws {@link berth.registry.RegistryException}
     * (status 401) when refused.
     */
    default void login(String serverAddress, berth.registry.Credentials credentials) {
        throw berth.common.BerthException.invalid("this image store cannot log in");
    }

    /** Releases the index. */
    @Override
    default void close() {}

    /** One item of an image's history: {@code id} is the image's ID on the newest item, else "<missing>";
     * {@code created} in seconds since the epoch; {@code size} the unpacked size of the layer it made (0 for
     * an empty layer). */
    record HistoryItem(String id, long created, String createdBy, List<String> tags, long size, String comment) {
        public HistoryItem {
            tags = List.copyOf(tags);
        }
    }

    /** {@code runConfig}: the "config" object of the image config (a missing node when absent). */
    record Inspection(Image image, com.fasterxml.jackson.databind.JsonNode runConfig, Map<String, String> graphDriverData) {
        public Inspection {
            graphDriverData = Map.copyOf(graphDriverData);
        }
    }

    record PruneReport(List<DeleteItem> deleted, long spaceReclaimed) {
        public PruneReport {
            deleted = List.copyOf(deleted);
        }
    }

    /** {@code sharedSizes} by image ID. */
    record DiskUsage(long layersSize, Map<String, Long> sharedSizes) {
        public DiskUsage {
            sharedSizes = Map.copyOf(sharedSizes);
        }
    }

    /** A container that uses an image; {@code containerId} may be empty when unknown. */
    record ImageUser(String containerId, boolean running) {
        public static ImageUser stopped(String containerId) { return new ImageUser(containerId, false); }
    }

    /** One item of an image deletion, as the API reports it. */
    record DeleteItem(String untagged, String deleted) {
        public static DeleteItem untagged(String ref) { return new DeleteItem(ref, null); }
        public static DeleteItem deleted(String id) { return new DeleteItem(null, id); }
    }
}
