package berth.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The storage flags run and create share (a picocli mixin, inside {@link ContainerOptions}); {@code -v} is there. */
final class MountOptions {
    @Option(names = "--mount", description = "Attach a filesystem mount to the container") List<String> mounts = new ArrayList<>();
    @Option(names = "--tmpfs", description = "Mount a tmpfs directory") List<String> tmpfs = new ArrayList<>();
    @Option(names = "--volumes-from", description = "Mount volumes from the specified container(s)") List<String> volumesFrom = new ArrayList<>();
    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only") boolean readOnly;

    MountSpecs spec() {
        return new MountSpecs(mounts, tmpfs, volumesFrom, readOnly);
    }

    /** The flags as values; {@code mounts} still in docker's CSV syntax (parsed by {@link MountFlags}). */
    record MountSpecs(List<String> mounts, List<String> tmpfs, List<String> volumesFrom, boolean readOnly) {
        static final MountSpecs NONE = new MountSpecs(List.of(), List.of(), List.of(), false);

        MountSpecs {
            mounts = List.copyOf(mounts);
            tmpfs = List.copyOf(tmpfs);
            volumesFrom = List.copyOf(volumesFrom);
        }
    }
}
