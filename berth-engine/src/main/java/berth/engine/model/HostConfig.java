package berth.engine.model;

import java.util.List;
import java.util.Map;

/**
 * The subset of Docker's HostConfig that berth honours so far; unknown fields sent by clients are ignored.
 * LogConfig.Type is reported as "json-file", Docker's default: clients (docker-py's run) read logs only for
 * drivers they know, and berth's logs behave as json-file's do, though conmon writes them.
 * Binds ({@code -v}), Mounts ({@code --mount}), Tmpfs ({@code --tmpfs}) and VolumesFrom are kept as given;
 * the container's resolved mounts are {@code Container.mounts}.
 * NetworkMode is "default" (= "bridge"), "bridge", "none", "host", "container:<name|id>" or a network's name.
 * Resources (Memory ... ShmSize), Init and the security fields (CapAdd ... OomScoreAdj) use Docker's names and
 * units (bytes, nano-CPUs, microseconds); 0 or empty means "not set" as in Docker, and the boxed ones are null
 * when not given, because Docker reports them as null then (PidsLimit, OomKillDisable, MemorySwappiness, Init).
 * MaskedPaths and ReadonlyPaths are null when not given: create fills in Docker's defaults unless privileged
 * (an empty list, as the CLI sends for {@code --security-opt systempaths=unconfined}, masks nothing).
 */
public record HostConfig(
        List<String> binds,
        String networkMode,
        boolean autoRemove,
        RestartPolicy restartPolicy,
        boolean privileged,
        boolean readonlyRootfs,
        Map<String, Object> portBindings,
        List<String> dns,
        List<String> extraHosts,
        LogConfig logConfig,
        List<String> dnsSearch,
        List<String> dnsOptions,
        boolean publishAllPorts,
        List<Mount> mounts,
        Map<String, String> tmpfs,
        List<String> volumesFrom,
        long memory,
        long memorySwap,
        long memoryReservation,
        Long memorySwappiness,
        long nanoCpus,
        long cpuShares,
        long cpuPeriod,
        long cpuQuota,
        String cpusetCpus,
        String cpusetMems,
        Long pidsLimit,
        int blkioWeight,
        List<Ulimit> ulimits,
        long shmSize,
        Boolean oomKillDisable,
        Boolean init,
        List<String> capAdd,
        List<String> capDrop,
        List<String> securityOpt,
        List<String> groupAdd,
        List<DeviceMapping> devices,
        String usernsMode,
        int oomScoreAdj,
        List<String> maskedPaths,
        List<String> readonlyPaths) {

    /** Without MaskedPaths and ReadonlyPaths (Docker's defaults then). */
    public HostConfig(List<String> binds, String networkMode, boolean autoRemove, RestartPolicy restartPolicy,
                      boolean privileged, boolean readonlyRootfs, Map<String, Object> portBindings, List<String> dns,
                      List<String> extraHosts, LogConfig logConfig, List<String> dnsSearch, List<String> dnsOptions,
                      boolean publishAllPorts, List<Mount> mounts, Map<String, String> tmpfs, List<String> volumesFrom,
                      long memory, long memorySwap, long memoryReservation, Long memorySwappiness, long nanoCpus,
                      long cpuShares, long cpuPeriod, long cpuQuota, String cpusetCpus, String cpusetMems,
                      Long pidsLimit, int blkioWeight, List<Ulimit> ulimits, long shmSize, Boolean oomKillDisable,
                      Boolean init, List<String> capAdd, List<String> capDrop, List<String> securityOpt,
                      List<String> groupAdd, List<DeviceMapping> devices, String usernsMode, int oomScoreAdj) {
        this(binds, networkMode, autoRemove, restartPolicy, privileged, readonlyRootfs, portBindings, dns, extraHosts,
                logConfig, dnsSearch, dnsOptions, publishAllPorts, mounts, tmpfs, volumesFrom, memory, memorySwap,
                memoryReservation, memorySwappiness, nanoCpus, cpuShares, cpuPeriod, cpuQuota, cpusetCpus, cpusetMems,
                pidsLimit, blkioWeight, ulimits, shmSize, oomKillDisable, init, capAdd, capDrop, securityOpt, groupAdd,
                devices, usernsMode, oomScoreAdj, null, null);
    }

    public static HostConfig defaults() {
        return new HostConfig(List.of(), "default", false, new RestartPolicy("no", 0), false, false,
                Map.of(), List.of(), List.of(), new LogConfig("json-file", Map.of()), List.of(), List.of(), false,
                List.of(), Map.of(), List.of(),
                0, 0, 0, null, 0, 0, 0, 0, "", "", null, 0, List.of(), 0, null, null,
                List.of(), List.of(), List.of(), List.of(), List.of(), "", 0);
    }

    /** The same with these MaskedPaths and ReadonlyPaths (null: Docker's defaults at start). */
    public HostConfig withSystemPaths(List<String> masked, List<String> readonly) {
        return new HostConfig(binds, networkMode, autoRemove, restartPolicy, privileged, readonlyRootfs, portBindings,
                dns, extraHosts, logConfig, dnsSearch, dnsOptions, publishAllPorts, mounts, tmpfs, volumesFrom, memory,
                memorySwap, memoryReservation, memorySwappiness, nanoCpus, cpuShares, cpuPeriod, cpuQuota, cpusetCpus,
                cpusetMems, pidsLimit, blkioWeight, ulimits, shmSize, oomKillDisable, init, capAdd, capDrop,
                securityOpt, groupAdd, devices, usernsMode, oomScoreAdj, masked, readonly);
    }

    public HostConfig normalized() {
        return new HostConfig(binds == null ? List.of() : binds,
                networkMode == null || networkMode.isEmpty() ? "default" : networkMode,
                autoRemove,
                restartPolicy == null || restartPolicy.name() == null || restartPolicy.name().isEmpty()
                        ? new RestartPolicy("no", 0) : restartPolicy,
                privileged, readonlyRootfs,
                portBindings == null ? Map.of() : portBindings,
                dns == null ? List.of() : dns,
                extraHosts == null ? List.of() : extraHosts,
                new LogConfig("json-file", Map.of()),
                dnsSearch == null ? List.of() : dnsSearch,
                dnsOptions == null ? List.of() : dnsOptions,
                publishAllPorts,
                mounts == null ? List.of() : mounts,
                tmpfs == null ? Map.of() : tmpfs,
                volumesFrom == null ? List.of() : volumesFrom,
                memory, memorySwap, memoryReservation, memorySwappiness, nanoCpus, cpuShares, cpuPeriod, cpuQuota,
                orEmpty(cpusetCpus), orEmpty(cpusetMems), pidsLimit, blkioWeight, orEmpty(ulimits), shmSize,
                oomKillDisable, init, orEmpty(capAdd), orEmpty(capDrop), orEmpty(securityOpt), orEmpty(groupAdd),
                orEmpty(devices), orEmpty(usernsMode), oomScoreAdj, maskedPaths, readonlyPaths);
    }

    /** A copy with another restart policy (restart work: {@code update --restart}). */
    public HostConfig withRestartPolicy(RestartPolicy policy) {
        return new HostConfig(binds, networkMode, autoRemove, policy, privileged, readonlyRootfs, portBindings, dns,
                extraHosts, logConfig, dnsSearch, dnsOptions, publishAllPorts, mounts, tmpfs, volumesFrom, memory,
                memorySwap, memoryReservation, memorySwappiness, nanoCpus, cpuShares, cpuPeriod, cpuQuota, cpusetCpus,
                cpusetMems, pidsLimit, blkioWeight, ulimits, shmSize, oomKillDisable, init, capAdd, capDrop,
                securityOpt, groupAdd, devices, usernsMode, oomScoreAdj);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public record RestartPolicy(String name, int maximumRetryCount) {}

    public record LogConfig(String type, Map<String, String> config) {}

    /** {@code --ulimit nofile=1024:2048}. */
    public record Ulimit(String name, long soft, long hard) {}

    /** {@code --device /dev/x[:/dev/y][:rwm]}. */
    public record DeviceMapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {}
}
