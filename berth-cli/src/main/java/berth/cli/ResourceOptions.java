package berth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The resource flags run and create share (a picocli mixin, inside {@link ContainerOptions}). */
final class ResourceOptions {
    @Option(names = {"-m", "--memory"}, description = "Memory limit") String memory;
    @Option(names = "--memory-swap", description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap") String memorySwap;
    @Option(names = "--memory-reservation", description = "Memory soft limit") String memoryReservation;
    @Option(names = "--memory-swappiness", description = "Tune container memory swappiness (0 to 100)") Long memorySwappiness;
    @Option(names = "--cpus", description = "Number of CPUs") String cpus;
    @Option(names = {"-c", "--cpu-shares"}, description = "CPU shares (relative weight)") Long cpuShares;
    @Option(names = "--cpu-period", description = "Limit CPU CFS (Completely Fair Scheduler) period") Long cpuPeriod;
    @Option(names = "--cpu-quota", description = "Limit CPU CFS (Completely Fair Scheduler) quota") Long cpuQuota;
    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)") String cpusetCpus;
    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)") String cpusetMems;
    @Option(names = "--pids-limit", description = "Tune container pids limit (set -1 for unlimited)") Long pidsLimit;
    @Option(names = "--blkio-weight", description = "Block IO (relative weight), between 10 and 1000, or 0 to disable") Integer blkioWeight;
    @Option(names = "--ulimit", description = "Ulimit options") List<String> ulimits = new ArrayList<>();
    @Option(names = "--shm-size", description = "Size of /dev/shm") String shmSize;
    @Option(names = "--oom-kill-disable", description = "Disable OOM Killer") boolean oomKillDisable;
    @Option(names = "--oom-score-adj", description = "Tune host's OOM preferences (-1000 to 1000)") Integer oomScoreAdj;

    /** Parsed into HostConfig fields now, so that a bad value fails before anything reaches the daemon. */
    ResourceSpec spec() {
        ObjectNode host = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (memorySwappiness != null && memorySwappiness != -1 && (memorySwappiness < 0 || memorySwappiness > 100))
            throw new CliException(125, "berth: invalid value: " + memorySwappiness
                    + ". Valid memory swappiness range is 0-100\nSee 'berth run --help'.");
        if (memory != null) host.put("Memory", ResourceFlags.bytes("-m, --memory", memory, "run"));
        if (memorySwap != null) host.put("MemorySwap", ResourceFlags.swapBytes("--memory-swap", memorySwap, "run"));
        if (memoryReservation != null)
            host.put("MemoryReservation", ResourceFlags.bytes("--memory-reservation", memoryReservation, "run"));
        if (memorySwappiness != null && memorySwappiness != -1) host.put("MemorySwappiness", memorySwappiness);
        if (cpus != null) host.put("NanoCpus", ResourceFlags.nanoCpus(cpus, "run"));
        if (cpuShares != null) host.put("CpuShares", cpuShares);
        if (cpuPeriod != null) host.put("CpuPeriod", cpuPeriod);
        if (cpuQuota != null) host.put("CpuQuota", cpuQuota);
        if (cpusetCpus != null) host.put("CpusetCpus", cpusetCpus);
        if (cpusetMems != null) host.put("CpusetMems", cpusetMems);
        if (pidsLimit != null) host.put("PidsLimit", pidsLimit);
        if (blkioWeight != null) host.put("BlkioWeight", blkioWeight);
        if (!ulimits.isEmpty()) {
            var array = host.putArray("Ulimits");
            ulimits.forEach(u -> array.add(ResourceFlags.ulimit(u, "run")));
        }
        if (shmSize != null) host.put("ShmSize", ResourceFlags.bytes("--shm-size", shmSize, "run"));
        if (oomKillDisable) host.put("OomKillDisable", true);
        if (oomScoreAdj != null) host.put("OomScoreAdj", oomScoreAdj);
        return new ResourceSpec(host);
    }

    /** The HostConfig fields the flags set (only those given). */
    record ResourceSpec(ObjectNode hostFields) {
        static final ResourceSpec NONE = new ResourceSpec(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }
}
