package berth.runtime;

import java.util.List;

/**
 * The OCI {@code linux.resources} sections (memory, cpu, pids, blockIO) for a container's {@link ResourceLimits},
 * as Docker fills them: only what is set, {@code --cpus} as a quota over a 100 ms period, the swap value as
 * memory+swap (runc turns it into memory.swap.max on cgroup v2). The same document, without devices, is what
 * {@code runc update --resources} reads.
 */
final class OciResources {
    private OciResources() {}

    static OciSpec.Resources of(List<OciSpec.DeviceRule> devices, ResourceLimits limits) {
        return new OciSpec.Resources(devices, memory(limits), cpu(limits), pids(limits), blockIO(limits));
    }

    /** For an update: the sections without devices (an update leaves the device rules alone). */
    static OciSpec.Resources update(ResourceLimits limits) {
        return new OciSpec.Resources(null, memory(limits), cpu(limits), pids(limits), blockIO(limits));
    }

    private static OciSpec.Memory memory(ResourceLimits r) {
        var memory = new OciSpec.Memory(positive(r.memory()), positive(r.memoryReservation()), swap(r),
                r.memorySwappiness() >= 0 ? r.memorySwappiness() : null, r.oomKillDisable() ? Boolean.TRUE : null);
        return memory.equals(new OciSpec.Memory(null, null, null, null, null)) ? null : memory;
    }

    /** -1 is "unlimited" and only means something next to a memory limit. */
    private static Long swap(ResourceLimits r) {
        if (r.memorySwap() > 0) return r.memorySwap();
        return r.memorySwap() == -1 && r.memory() > 0 ? -1L : null;
    }

    private static OciSpec.Cpu cpu(ResourceLimits r) {
        var cpu = new OciSpec.Cpu(positive(r.cpuShares()), r.cpuQuota() != 0 ? r.cpuQuota() : null,
                positive(r.cpuPeriod()), blankToNull(r.cpusetCpus()), blankToNull(r.cpusetMems()));
        return cpu.equals(new OciSpec.Cpu(null, null, null, null, null)) ? null : cpu;
    }

    /** Docker: a limit of 0 or less is "unlimited" (-1 for the runtime); not set is left out. */
    private static OciSpec.Pids pids(ResourceLimits r) {
        if (r.pidsLimit() == 0) return null;
        return new OciSpec.Pids(r.pidsLimit() > 0 ? r.pidsLimit() : -1);
    }

    private static OciSpec.BlockIO blockIO(ResourceLimits r) {
        return r.blkioWeight() > 0 ? new OciSpec.BlockIO(r.blkioWeight()) : null;
    }

    private static Long positive(long v) {
        return v > 0 ? v : null;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
