package berth.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a daemon left on the host and in its roots, found by looking at the kernel and the files directly
 * (never through the daemon): mounts, veths, network namespace files, cgroups, monitor and runtime processes,
 * runtime state, and files of objects that no longer exist.
 */
final class ChaosLeftovers {
    private ChaosLeftovers() {}

    /** With the daemon stopped cleanly and every container removed, nothing of a container may remain. */
    static List<String> afterStop(BerthDaemon daemon) throws IOException {
        List<String> found = new ArrayList<>();
        Path tmp = daemon.dataRoot().getParent();
        mountsUnder(tmp).forEach(m -> found.add("mount " + m));
        entries(Path.of("/sys/class/net", daemon.bridge(), "brif")).forEach(v -> found.add("veth " + v));
        for (String dir : List.of("netns", "bundles", "exits", "sockets", "runc", "crun"))
            entries(daemon.execRoot().resolve(dir)).forEach(e -> found.add("exec-root " + dir + "/" + e));
        cgroupsUnder(daemon.cgroupParent(), true).forEach(c -> found.add("cgroup " + c));
        processesNaming(tmp).forEach(p -> found.add("process " + p));
        return found;
    }

    /** After the harness's cleanup: no process, cgroup, bridge or directory of the daemon at all. */
    static List<String> afterCleanup(BerthDaemon daemon) throws IOException {
        List<String> found = new ArrayList<>();
        Path tmp = daemon.dataRoot().getParent();
        if (Files.exists(tmp)) found.add("directory " + tmp);
        if (Files.exists(Path.of("/sys/class/net", daemon.bridge()))) found.add("bridge " + daemon.bridge());
        cgroupsUnder(daemon.cgroupParent(), false).forEach(c -> found.add("cgroup " + c));
        processesNaming(tmp).forEach(p -> found.add("process " + p));
        mountsUnder(tmp).forEach(m -> found.add("mount " + m));
        return found;
    }

    /**
     * Files of objects that are gone, once every container, every image but {@code keepImages}' and every
     * volume was removed and the daemon restarted: container dirs, snapshots, layers and blobs no image holds,
     * staging files, volume dirs.
     */
    static List<String> onDisk(BerthDaemon daemon, Set<String> keepLayerDirs, Set<String> keepBlobs) throws IOException {
        List<String> found = new ArrayList<>();
        Path data = daemon.dataRoot();
        entries(data.resolve("containers")).forEach(e -> found.add("containers/" + e));
        entries(data.resolve("overlay")).stream().filter(e -> !keepLayerDirs.contains(e))
                .forEach(e -> found.add("overlay/" + e));
        entries(data.resolve("image/blobs/sha256")).stream().filter(e -> !keepBlobs.contains(e))
                .forEach(e -> found.add("blob " + e));
        entries(data.resolve("image/tmp")).forEach(e -> found.add("image/tmp/" + e));
        entries(data.resolve("volumes")).stream().filter(e -> !e.startsWith("volumes.db"))
                .forEach(e -> found.add("volumes/" + e));
        return found;
    }

    private static List<String> mountsUnder(Path tmp) throws IOException {
        String prefix = tmp.toString() + "/";
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(l -> l.split(" ")[4]).filter(m -> m.startsWith(prefix) || m.equals(tmp.toString())).toList();
    }

    /** v1 controllers and the v2 hierarchy (root or unified): the parent's child cgroups, or the parent itself. */
    private static List<String> cgroupsUnder(String parent, boolean childrenOnly) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> roots = new ArrayList<>(entries(Path.of("/sys/fs/cgroup")).stream()
                .map(c -> Path.of("/sys/fs/cgroup", c, parent)).toList());
        roots.add(Path.of("/sys/fs/cgroup", parent));
        for (Path dir : roots) {
            if (!Files.isDirectory(dir)) continue;
            if (!childrenOnly) {
                found.add(dir.toString());
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).forEach(d -> found.add(d.toString()));
            }
        }
        return found;
    }

    /** Processes whose command line names a path under {@code tmp}: conmon, runc, a stray berthd. */
    private static List<String> processesNaming(Path tmp) throws IOException {
        List<String> found = new ArrayList<>();
        String needle = tmp.toString() + "/";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(needle)) found.add(p.getFileName() + " " + cmdline.strip());
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return found;
    }

    private static List<String> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
