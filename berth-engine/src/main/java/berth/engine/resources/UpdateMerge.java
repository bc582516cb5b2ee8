package berth.engine.resources;

import berth.common.BerthException;
import berth.engine.model.HostConfig;
import java.util.List;

/**
 * {@code docker update}: the requested resources (0 or "" = unchanged) merged over a container's, with
 * Docker's conflicts (a CPU quota and --cpus exclude each other; a memory limit above the swap limit needs
 * the swap limit too) and the restart policy, which only an update that names one changes.
 */
public final class UpdateMerge {
    private UpdateMerge() {}

    public record Merged(HostConfig hostConfig, List<String> warnings) {}

    /** {@code requested} as the client sent it (not normalized: a missing RestartPolicy stays null). */
    public static Merged merge(String id, HostConfig current, HostConfig requested, ResourceChecks checks) {
        var r = ResourceDraft.of(requested);
        List<String> warnings = checks.forUpdate(r);
        var c = ResourceDraft.of(current);
        checkCpuConflicts(id, r, c);
        if (r.blkioWeight != 0) c.blkioWeight = r.blkioWeight;
        if (r.cpuShares != 0) c.cpuShares = r.cpuShares;
        if (r.nanoCpus != 0) c.nanoCpus = r.nanoCpus;
        if (r.cpuPeriod != 0) c.cpuPeriod = r.cpuPeriod;
        if (r.cpuQuota != 0) c.cpuQuota = r.cpuQuota;
        if (!r.cpusetCpus.isEmpty()) c.cpusetCpus = r.cpusetCpus;
        if (!r.cpusetMems.isEmpty()) c.cpusetMems = r.cpusetMems;
        if (r.memory != 0) {
            if (r.memory > c.memorySwap && r.memorySwap == 0)
                throw conflict(id, "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
            c.memory = r.memory;
        }
        if (r.memorySwap != 0) c.memorySwap = r.memorySwap;
        if (r.memoryReservation != 0) c.memoryReservation = r.memoryReservation;
        if (r.pidsLimit != null) c.pidsLimit = r.pidsLimit;
        HostConfig merged = c.applyTo(current);
        return new Merged(withRestartPolicy(id, merged, requested.restartPolicy()), warnings);
    }

    private static void checkCpuConflicts(String id, ResourceDraft r, ResourceDraft c) {
        if (r.nanoCpus > 0 && c.cpuPeriod > 0)
            throw conflict(id, "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        if (r.nanoCpus > 0 && c.cpuQuota > 0)
            throw conflict(id, "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        if (r.cpuPeriod > 0 && c.nanoCpus > 0)
            throw conflict(id, "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        if (r.cpuQuota > 0 && c.nanoCpus > 0)
            throw conflict(id, "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
    }

    private static HostConfig withRestartPolicy(String id, HostConfig h, HostConfig.RestartPolicy policy) {
        if (policy == null || policy.name() == null || policy.name().isEmpty()) return h;
        if (h.autoRemove() && !policy.name().equals("no"))
            throw conflict(id, "Restart policy cannot be updated because AutoRemove is enabled for the container");
        return new HostConfigPatch(h).restartPolicy(policy);
    }

    static BerthException.Conflict conflict(String id, String message) {
        return BerthException.conflict("Cannot update container " + id + ": " + message);
    }
}
