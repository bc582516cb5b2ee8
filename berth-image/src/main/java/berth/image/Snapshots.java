package berth.image;

import berth.common.BerthException;
import berth.sys.Os;
import berth.sys.OsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Containers' writable layers, named as Docker's overlay2 names them: {@code overlay/<containerId>/diff}
 * (upperdir), {@code work} and {@code merged}. The overlay stacks the image's layer directories, top first.
 * Mount options must fit in one page (4096 bytes): with our ~93-byte layer paths that is about 40 layers;
 * deeper images are refused (Docker shortens the paths with symlinks under {@code l/}: not done yet).
 */
final class Snapshots {
    private static final Pattern CONTAINER_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final int MAX_MOUNT_DATA = 4095;
    private final Path dir;
    private final Os os;
    private final ImageIndex index;
    private final LayerStore layers;

    Snapshots(Path dir, Os os, ImageIndex index, LayerStore layers) {
        this.dir = dir;
        this.os = os;
        this.index = index;
        this.layers = layers;
    }

    Snapshot create(String containerId, ImageIndex.Row image) {
        check(containerId);
        var existing = index.snapshot(containerId);
        if (existing.isPresent()) return toSnapshot(existing.get());
        Path root = dir.resolve(containerId);
        try {
            for (String sub : List.of("diff", "work", "merged")) Files.createDirectories(root.resolve(sub));
        } catch (IOException e) {
            throw BerthException.fault("cannot create the snapshot of " + containerId, e);
        }
        var row = new ImageIndex.SnapshotRow(containerId, image.id(), image.chainIds());
        index.addSnapshot(row); // after the directories: a crash before this leaves garbage, not a broken row
        return toSnapshot(row);
    }

    Snapshot get(String containerId) {
        return index.snapshot(containerId).map(this::toSnapshot)
                .orElseThrow(() -> BerthException.notFound("No such container snapshot: " + containerId));
    }

    private Snapshot toSnapshot(ImageIndex.SnapshotRow row) {
        List<Path> lower = new ArrayList<>();
        for (String chain : row.chainIds().reversed()) lower.add(layers.diffDir(chain));
        if (lower.isEmpty()) lower.add(layers.emptyLayer());
        Path root = dir.resolve(row.containerId());
        return new Snapshot(row.containerId(), lower, root.resolve("diff"), root.resolve("work"), root.resolve("merged"));
    }

    void mount(String containerId) {
        Snapshot s = get(containerId);
        if (MountTable.isMounted(s.mergedDir())) return; // e.g. mounted before a daemon restart
        os.mount("overlay", s.mergedDir(), "overlay", 0, options(s));
    }

    /**
     * With a remap, each layer is first bound id-mapped under {@code overlay/<id>/idmapped/<n>} and the overlay
     * stacks those (containerd's choice: the layers stay shared and unchanged). The writable layer is not
     * id-mapped: overlayfs creates its work files as the mounter (host root), which an id-mapped upper layer
     * cannot represent, so its root is owned by the mapped root instead and what the container writes is stored
     * with host ids.
     */
    void mount(String containerId, Remap remap) {
        Snapshot s = get(containerId);
        if (MountTable.isMounted(s.mergedDir())) return;
        Path idmapped = dir.resolve(containerId).resolve("idmapped");
        List<Path> lower = new ArrayList<>();
        try {
            Files.createDirectories(idmapped);
            for (int i = 0; i < s.lowerDirs().size(); i++) {
                Path target = idmapped.resolve(Integer.toString(i));
                Files.createDirectories(target);
                if (!MountTable.isMounted(target)) os.bindIdMapped(s.lowerDirs().get(i), target, remap.usernsFd());
                lower.add(target);
            }
            Files.setAttribute(s.upperDir(), "unix:uid", (int) remap.mapping().rootUid());
            Files.setAttribute(s.upperDir(), "unix:gid", (int) remap.mapping().rootGid());
        } catch (IOException | RuntimeException e) {
            unmountAll(idmapped); // none of them stays behind a failed start
            if (e instanceof RuntimeException re) throw re;
            throw BerthException.fault("cannot prepare the id-mapped layers of " + containerId, e);
        }
        var mapped = new Snapshot(s.containerId(), lower, s.upperDir(), s.workDir(), s.mergedDir());
        try {
            os.mount("overlay", s.mergedDir(), "overlay", 0, options(mapped));
        } catch (RuntimeException e) {
            unmountAll(idmapped);
            throw e;
        }
    }

    static String options(Snapshot s) {
        List<String> lower = s.lowerDirs().stream().map(Path::toString).toList();
        String data = "lowerdir=" + String.join(":", lower) + ",upperdir=" + s.upperDir() + ",workdir=" + s.workDir()
                + ",index=off";
        if (data.length() > MAX_MOUNT_DATA)
            throw BerthException.invalid("image has too many layers to mount (" + lower.size() + ")");
        return data;
    }

    void unmount(String containerId) {
        check(containerId);
        unmountAll(dir.resolve(containerId).resolve("merged"));
        unmountAll(dir.resolve(containerId).resolve("idmapped"));
    }

    /** Plain umount first (it fails while busy), then a lazy detach so that removal can go on. */
    void unmountAll(Path path) {
        for (Path mountPoint : MountTable.under(path)) {
            try {
                os.unmount(mountPoint, 0);
            } catch (OsException e) {
                if (e.errno() != OsException.EBUSY) throw BerthException.fault("cannot unmount " + mountPoint, e);
                os.unmount(mountPoint, Os.MNT_DETACH);
            }
        }
    }

    /** Returns the layers only this snapshot still stacked, for the caller to delete. */
    List<ImageIndex.Layer> remove(String containerId) {
        check(containerId);
        Path root = dir.resolve(containerId);
        unmountAll(root);
        if (!MountTable.under(root).isEmpty()) throw BerthException.fault("still mounted: " + root, null);
        var unused = index.removeSnapshot(containerId); // before the files: a crash in between leaves garbage for open()
        try {
            Trees.deleteRecursively(root);
        } catch (IOException e) {
            throw BerthException.fault("cannot delete the snapshot of " + containerId, e);
        }
        return unused;
    }

    long size(String containerId) {
        try {
            return Trees.size(get(containerId).upperDir());
        } catch (IOException e) {
            throw BerthException.fault("cannot measure the snapshot of " + containerId, e);
        }
    }

    private static void check(String containerId) {
        if (!CONTAINER_ID.matcher(containerId).matches() || containerId.equals(LayerStore.EMPTY))
            throw BerthException.invalid("invalid container ID: " + containerId);
    }
}
