package berth.engine.resources;

import berth.engine.model.HostConfig;
import berth.runtime.ContainerResources;
import berth.runtime.ResourceLimits;

/** A container's HostConfig (already checked) as the runtime's {@link ContainerResources}. */
public final class ResourceMapping {
    private ResourceMapping() {}

    public static ContainerResources of(HostConfig h) {
        var rlimits = h.ulimits().stream().map(u -> new ContainerResources.Rlimit(u.name(), u.soft(), u.hard())).toList();
        return new ContainerResources(limits(h), rlimits, h.shmSize(), h.oomScoreAdj());
    }

    /** --cpus becomes a quota over Docker's 100 ms period; PidsLimit 0 or less (after an update) is unlimited. */
    public static ResourceLimits limits(HostConfig h) {
        boolean nano = h.nanoCpus() > 0;
        long pids = h.pidsLimit() == null ? 0 : h.pidsLimit() <= 0 ? -1 : h.pidsLimit();
        return new ResourceLimits(h.memory(), h.memorySwap(), h.memoryReservation(),
                h.memorySwappiness() == null ? -1 : h.memorySwappiness(), Boolean.TRUE.equals(h.oomKillDisable()),
                h.cpuShares(), nano ? ResourceLimits.NANO_CPU_PERIOD : h.cpuPeriod(),
                nano ? ResourceLimits.quotaForNanoCpus(h.nanoCpus()) : h.cpuQuota(), h.cpusetCpus(), h.cpusetMems(),
                pids, h.blkioWeight());
    }
}
