package berth.engine.resources;

import berth.common.BerthException;
import berth.engine.model.HostConfig;
import berth.runtime.DaemonRlimits;
import berth.runtime.cgroup.CgroupFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's checks of a container's resources (moby's verifyPlatformContainerResources, with its messages):
 * invalid values are refused (400), limits this host cannot apply are dropped with Docker's warning. At
 * create Docker's defaults follow (MemorySwap twice Memory, 64 MiB /dev/shm); rlimits may not exceed the
 * daemon's own hard limits, which the container's runtime inherits.
 */
public final class ResourceChecks {
    static final long MIN_MEMORY = 6L * 1024 * 1024;
    private final CgroupFeatures features;
    private final DaemonRlimits rlimits;
    private final int cpus;

    public ResourceChecks(CgroupFeatures features, DaemonRlimits rlimits, int cpus) {
        this.features = features;
        this.rlimits = rlimits;
        this.cpus = cpus;
    }

    public static ResourceChecks host() {
        return new ResourceChecks(CgroupFeatures.host(), DaemonRlimits.self(), Runtime.getRuntime().availableProcessors());
    }

    /** A checked HostConfig and the warnings for the client. */
    public record Checked(HostConfig hostConfig, List<String> warnings) {}

    /** For a create: checks, then Docker's defaults. PidsLimit 0 or less is "no limit" (null). */
    public Checked forCreate(HostConfig requested) {
        var d = ResourceDraft.of(requested);
        if (d.pidsLimit != null && d.pidsLimit <= 0) d.pidsLimit = null;
        List<String> warnings = check(d, false);
        checkProcess(d);
        if (d.memory > 0 && d.memorySwap == 0) d.memorySwap = d.memory * 2;
        if (d.shmSize == 0) d.shmSize = berth.runtime.ContainerResources.DEFAULT_SHM_SIZE;
        return new Checked(d.applyTo(requested), warnings);
    }

    /** For an update's requested values (the merge with the container's comes after). */
    List<String> forUpdate(ResourceDraft d) {
        if (d.pidsLimit != null && d.pidsLimit <= 0) d.pidsLimit = 0L; // "unlimited" when updating
        return check(d, true);
    }

    private List<String> check(ResourceDraft d, boolean update) {
        List<String> warnings = new ArrayList<>();
        memory(d, update, warnings);
        cpu(d, warnings);
        if ((!d.cpusetCpus.isEmpty() || !d.cpusetMems.isEmpty()) && !features.cpuset()) {
            warnings.add("Your kernel does not support cpuset or the cgroup is not mounted. Cpuset discarded.");
            d.cpusetCpus = "";
            d.cpusetMems = "";
        }
        CpuSets.checkCpus(d.cpusetCpus, cpus);
        CpuSets.checkMems(d.cpusetMems);
        if (d.blkioWeight > 0 && !features.blkioWeight()) {
            warnings.add("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
            d.blkioWeight = 0;
        }
        if (d.blkioWeight > 0 && (d.blkioWeight < 10 || d.blkioWeight > 1000))
            throw invalid("Range of blkio weight is from 10 to 1000");
        return warnings;
    }

    private void memory(ResourceDraft d, boolean update, List<String> warnings) {
        if (d.memorySwappiness != null && d.memorySwappiness == -1) d.memorySwappiness = null;
        if (d.memory != 0 && d.memory < MIN_MEMORY) throw invalid("Minimum memory limit allowed is 6MB");
        if (d.memory > 0 && !features.memoryLimit()) {
            warnings.add("Your kernel does not support memory limit capabilities or the cgroup is not mounted. Limitation discarded.");
            d.memory = 0;
            d.memorySwap = -1;
        }
        if (d.memory > 0 && d.memorySwap != -1 && !features.swapLimit()) {
            warnings.add("Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.");
            d.memorySwap = -1;
        }
        if (d.memory > 0 && d.memorySwap > 0 && d.memorySwap < d.memory)
            throw invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        if (d.memory == 0 && d.memorySwap > 0 && !update)
            throw invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        if (d.memorySwappiness != null && !features.swappiness()) {
            warnings.add("Your kernel does not support memory swappiness capabilities or the cgroup is not mounted. Memory swappiness discarded.");
            d.memorySwappiness = null;
        }
        if (d.memorySwappiness != null && (d.memorySwappiness < 0 || d.memorySwappiness > 100))
            throw invalid("Invalid value: " + d.memorySwappiness + ", valid memory swappiness range is 0-100");
        reservationAndOom(d, warnings);
    }

    private void reservationAndOom(ResourceDraft d, List<String> warnings) {
        if (d.memoryReservation > 0 && !features.memoryReservation()) {
            warnings.add("Your kernel does not support memory soft limit capabilities or the cgroup is not mounted. Limitation discarded.");
            d.memoryReservation = 0;
        }
        if (d.memoryReservation > 0 && d.memoryReservation < MIN_MEMORY)
            throw invalid("Minimum memory reservation allowed is 6MB");
        if (d.memory > 0 && d.memoryReservation > 0 && d.memory < d.memoryReservation)
            throw invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
        if (d.oomKillDisable != null && !features.oomKillDisable()) {
            if (d.oomKillDisable) warnings.add("Your kernel does not support OomKillDisable. OomKillDisable discarded.");
            d.oomKillDisable = null;
        }
        if (Boolean.TRUE.equals(d.oomKillDisable) && d.memory == 0)
            warnings.add("OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources.");
        if (d.pidsLimit != null && !features.pids()) {
            if (d.pidsLimit > 0) warnings.add("Your kernel does not support PIDs limit capabilities or the cgroup is not mounted. PIDs limit discarded.");
            d.pidsLimit = null;
        }
    }

    private void cpu(ResourceDraft d, List<String> warnings) {
        if (d.nanoCpus > 0 && d.cpuPeriod > 0) throw invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        if (d.nanoCpus > 0 && d.cpuQuota > 0) throw invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        if (d.nanoCpus > 0 && !features.cpuCfs())
            throw invalid("NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler or the cgroup is not mounted");
        if (d.nanoCpus != 0 && (d.nanoCpus < 0 || d.nanoCpus > cpus * 1_000_000_000L))
            throw invalid("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus + " CPUs available");
        if (d.cpuShares > 0 && !features.cpuShares()) {
            warnings.add("Your kernel does not support CPU shares or the cgroup is not mounted. Shares discarded.");
            d.cpuShares = 0;
        }
        if ((d.cpuPeriod != 0 || d.cpuQuota != 0) && !features.cpuCfs()) {
            warnings.add("Your kernel does not support CPU CFS scheduler. CPU period/quota discarded.");
            d.cpuPeriod = 0;
            d.cpuQuota = 0;
        }
        if (d.cpuPeriod != 0 && (d.cpuPeriod < 1000 || d.cpuPeriod > 1_000_000))
            throw invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        if (d.cpuQuota > 0 && d.cpuQuota < 1000) throw invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }

    /** Not cgroup limits, checked at create only: rlimits, /dev/shm, OOM score. */
    private void checkProcess(ResourceDraft d) {
        if (d.shmSize < 0) throw invalid("SHM size can not be less than 0");
        if (d.oomScoreAdj < -1000 || d.oomScoreAdj > 1000)
            throw invalid("Invalid value " + d.oomScoreAdj + ", range for oom score adj is [-1000, 1000]");
        for (HostConfig.Ulimit u : d.ulimits) checkUlimit(u);
    }

    private void checkUlimit(HostConfig.Ulimit u) {
        if (u.name() == null || !DaemonRlimits.known(u.name())) throw invalid("invalid ulimit type: " + u.name());
        if (u.soft() > u.hard())
            throw invalid("ulimit soft limit must be less than or equal to hard limit: " + u.soft() + " > " + u.hard());
        rlimits.ceiling(u.name()).ifPresent(max -> {
            if (u.hard() > max) throw invalid("Cannot set ulimit " + u.name() + "=" + u.soft() + ":" + u.hard()
                    + ": the daemon's own hard limit is " + max + " and it lacks CAP_SYS_RESOURCE to raise it");
        });
    }

    static BerthException.InvalidArgument invalid(String message) {
        return BerthException.invalid(message);
    }
}
