package berth.cli;

import java.util.function.UnaryOperator;

/**
 * Where an archive of {@code src} goes to become {@code dst}, and how its entries are renamed: docker cp's
 * rules. A file onto an existing file or a new name is renamed to it; a directory onto a new name is
 * renamed to it; anything into an existing directory goes in under its own name (a source ending in
 * "/." has "." as its name: its contents go in).
 */
record CopyPlan(String extractDir, UnaryOperator<String> rename) {

    /** One side of a copy. {@code rebaseName}: the name the archive's entries already carry, when a link
     * was followed. */
    record Info(String path, boolean exists, boolean isDir, String rebaseName) {}

    static CopyPlan of(Info src, Info dst) {
        String[] dstSplit = GoPaths.splitDirEntry(dst.path());
        String srcBase = src.rebaseName().isEmpty() ? GoPaths.splitDirEntry(src.path())[1] : src.rebaseName();
        if (dst.exists() && dst.isDir()) return new CopyPlan(dst.path(), UnaryOperator.identity());
        if (dst.exists() && src.isDir()) throw new CliException(1, "cannot copy directory");
        if (!dst.exists() && !src.isDir() && GoPaths.assertsDirectory(dst.path()))
            throw new CliException(1, "no such directory");
        return new CopyPlan(dstSplit[0], rebase(srcBase, dstSplit[1]));
    }

    /** The first occurrence of {@code oldBase} in a name becomes {@code newBase}, as docker rebases archives. */
    static UnaryOperator<String> rebase(String oldBase, String newBase) {
        String from = oldBase.equals("/") ? "" : oldBase;
        return name -> {
            int at = name.indexOf(from);
            return at < 0 ? name : name.substring(0, at) + newBase + name.substring(at + from.length());
        };
    }
}
