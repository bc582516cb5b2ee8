package berth.image;

import berth.sys.Os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The changes of a container's writable layer against its image, as Docker reports them for overlayfs: a
 * whiteout (character device 0:0) is a deleted path; a path in the upper directory is modified when the
 * image has it, added otherwise; a directory whose metadata did not change is not reported for itself,
 * but the parent of an added or deleted path always is (as modified). An opaque directory
 * ({@code trusted.overlay.opaque=y}) replaced what the image had below it: it is modified (added if the
 * image lacks it) and what is below it is added. The upper directory is walked through descriptors (the
 * container may be running); the image's layers are ours and never change.
 */
final class LayerDiff {
    private final Os os;
    private final List<Path> lowerDirs;
    private final List<FileChange> changes = new ArrayList<>();
    private final Set<String> changedDirs = new HashSet<>();

    private LayerDiff(Os os, List<Path> lowerDirs) {
        this.os = os;
        this.lowerDirs = lowerDirs;
    }

    static List<FileChange> of(Snapshot snapshot, Os os) throws IOException {
        LayerDiff diff = new LayerDiff(os, snapshot.lowerDirs());
        try (InRoot upper = InRoot.open(snapshot.upperDir(), os)) {
            diff.walk(upper.root(), "", true);
        }
        return List.copyOf(diff.changes);
    }

    private void walk(Fd dir, String path, boolean lowerVisible) throws IOException {
        for (String name : dir.names()) {
            Optional<Stat> st = dir.lstat(name);
            if (st.isEmpty()) continue;
            String p = path + "/" + name;
            if (st.get().isWhiteout()) {
                record(p, FileChange.Kind.DELETED);
                continue;
            }
            Optional<Stat> lower = lowerVisible ? LowerLayers.lookup(lowerDirs, p, os) : Optional.empty();
            if (!st.get().isDirectory()) {
                record(p, lower.isPresent() ? FileChange.Kind.MODIFIED : FileChange.Kind.ADDED);
                continue;
            }
            boolean opaque = os.getXattr(dir.child(name), TreeArchiver.OPAQUE_XATTR)
                    .filter(v -> v.length == 1 && v[0] == 'y').isPresent();
            if (lower.isEmpty() || opaque || !sameDirectory(st.get(), lower.get())) {
                record(p, lower.isPresent() ? FileChange.Kind.MODIFIED : FileChange.Kind.ADDED);
                changedDirs.add(p);
            }
            try (Fd sub = dir.openDir(name)) {
                walk(sub, p, lowerVisible && !opaque);
            }
        }
    }

    /** Docker's rule: a directory counts as unchanged when size, mode and mtime are the same. */
    private static boolean sameDirectory(Stat upper, Stat lower) {
        return lower.isDirectory() && upper.size() == lower.size() && upper.mode() == lower.mode()
                && upper.mtime().equals(lower.mtime());
    }

    private void record(String path, FileChange.Kind kind) {
        if (kind != FileChange.Kind.MODIFIED) {
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (!parent.isEmpty() && changedDirs.add(parent)) changes.add(new FileChange(parent, FileChange.Kind.MODIFIED));
        }
        changes.add(new FileChange(path, kind));
    }
}
