package berth.runtime;

import java.util.List;

/**
 * What a container may use: its cgroup limits, its process's rlimits (none given: inherited from the daemon,
 * which never asks for more than it has), the size of its /dev/shm and its OOM score adjustment.
 *
 * @param shmSize bytes; 0 means Docker's default, 64 MiB
 */
public record ContainerResources(ResourceLimits limits, List<Rlimit> rlimits, long shmSize, int oomScoreAdj) {
    public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;
    public static final ContainerResources NONE = new ContainerResources(ResourceLimits.NONE, List.of(), 0, 0);

    public ContainerResources {
        rlimits = List.copyOf(rlimits);
    }

    /** {@code name} is Docker's ("nofile"); the OCI type is "RLIMIT_NOFILE". */
    public record Rlimit(String name, long soft, long hard) {
        public String ociType() {
            return "RLIMIT_" + name.toUpperCase(java.util.Locale.ROOT);
        }
    }
}
