package berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Host device nodes as the runtime must recreate them in a container: type, numbers, mode and owner. */
final class HostDevices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    /** Directories of /dev that hold no devices of the host's own (runtimes skip them, as Docker does). */
    private static final Set<String> SKIPPED = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");

    private HostDevices() {}

    /** A device as given by {@code --device}: one node, or every node under a directory. */
    static List<OciSpec.Device> of(SecuritySpec.Device d) {
        Path host = Path.of(d.pathOnHost());
        try {
            if (!Files.isDirectory(host)) return List.of(node(host, d.pathInContainer()));
            var found = new ArrayList<OciSpec.Device>();
            for (Path p : walk(host))
                found.add(node(p, d.pathInContainer() + "/" + host.relativize(p)));
            return found;
        } catch (IOException | IllegalArgumentException e) {
            throw new SpecFailure("error gathering device information while adding custom device \""
                    + d.pathOnHost() + "\": " + reason(e), e);
        }
    }

    /** Every device of the host's /dev (privileged containers), /dev/console excepted. */
    static List<OciSpec.Device> all() {
        try {
            var found = new ArrayList<OciSpec.Device>();
            for (Path p : walk(Path.of("/dev")))
                if (!p.toString().equals("/dev/console")) found.add(node(p, p.toString()));
            return found;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot list host devices: " + e.getMessage(), e);
        }
    }

    /** The device cgroup rule that lets the container use {@code device} as {@code --device} asked. */
    static OciSpec.DeviceRule rule(OciSpec.Device device, String permissions) {
        return new OciSpec.DeviceRule(true, device.type(), device.major(), device.minor(), permissions);
    }

    private static List<Path> walk(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !skipped(dir, p)).filter(HostDevices::isDevice).toList();
        }
    }

    private static boolean skipped(Path root, Path p) {
        Path relative = root.relativize(p);
        return relative.getNameCount() > 1 && SKIPPED.contains(relative.getName(0).toString());
    }

    private static boolean isDevice(Path p) {
        try {
            int type = (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
            return type == S_IFCHR || type == S_IFBLK;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static OciSpec.Device node(Path host, String containerPath) throws IOException {
        int mode = (int) Files.getAttribute(host, "unix:mode");
        String type = switch (mode & S_IFMT) {
            case S_IFCHR -> "c";
            case S_IFBLK -> "b";
            default -> throw new IllegalArgumentException("not a device node");
        };
        long rdev = (long) Files.getAttribute(host, "unix:rdev");
        return new OciSpec.Device(containerPath, type, major(rdev), minor(rdev), mode & 07777,
                (int) Files.getAttribute(host, "unix:uid"), (int) Files.getAttribute(host, "unix:gid"));
    }

    /** glibc's encoding of dev_t (sys/sysmacros.h). */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
    }

    static long minor(long dev) {
        return (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
    }

    private static String reason(Exception e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or directory" : e.getMessage();
    }
}
