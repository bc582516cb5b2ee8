package berth.engine;

import berth.engine.view.ContainerStats;
import berth.engine.view.ContainerStats.BlkioEntry;
import berth.engine.view.ContainerStats.BlkioStats;
import berth.engine.view.ContainerStats.CpuStats;
import berth.engine.view.ContainerStats.CpuUsage;
import berth.engine.view.ContainerStats.MemoryStats;
import berth.engine.view.ContainerStats.PidsStats;
import berth.engine.view.ContainerStats.ThrottlingData;
import berth.runtime.cgroup.CgroupReader;
import berth.runtime.cgroup.CgroupStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Takes one stats sample of a container: its cgroup's counters, the host's CPU time, its network namespace. */
final class StatsSampler {
    private final CgroupReader cgroups;
    private final String cgroupParent;
    private final Path proc;
    private final long machineMemory;

    StatsSampler(CgroupReader cgroups, String cgroupParent, Path proc) {
        this.cgroups = cgroups;
        this.cgroupParent = cgroupParent;
        this.proc = proc;
        this.machineMemory = HostCounters.memTotal(HostCounters.read(proc.resolve("meminfo")));
    }

    /** The counters now, or Docker's empty sample when the container has no cgroup (not running). */
    ContainerStats sample(Container c) {
        Instant read = Instant.now();
        var stats = cgroups.stats(CgroupReader.containerPath(cgroupParent, c.id()));
        if (stats.isEmpty() || !c.isActive()) return ContainerStats.empty(c.id(), "/" + c.name());
        CgroupStats s = stats.get();
        var system = HostCounters.systemCpu(HostCounters.read(proc.resolve("stat")));
        return new ContainerStats(read, ContainerStats.ZERO_TIME, new PidsStats(s.pids().current(), s.pids().limit()),
                BlkioStats.of(s.ioServiceBytes().stream().map(e -> new BlkioEntry(e.major(), e.minor(), e.op(), e.value())).toList()),
                0, Map.of(), cpu(s.cpu(), system), CpuStats.NONE, memory(s.memory()), "/" + c.name(), c.id(), networks(c));
    }

    private static CpuStats cpu(CgroupStats.Cpu cpu, HostCounters.SystemCpu system) {
        return new CpuStats(new CpuUsage(cpu.totalNanos(), cpu.perCpuNanos(), cpu.kernelNanos(), cpu.userNanos()),
                system.nanos(), system.onlineCpus(),
                new ThrottlingData(cpu.periods(), cpu.throttledPeriods(), cpu.throttledNanos()));
    }

    /** An unlimited container is limited by the machine, as Docker shows it. */
    private MemoryStats memory(CgroupStats.Memory m) {
        long limit = machineMemory > 0 && m.limit() > machineMemory ? machineMemory : m.limit();
        return new MemoryStats(m.usage(), m.maxUsage(), m.stats(), m.failcnt(), limit);
    }

    /** A container on the host's network has no interfaces of its own to report. */
    private Map<String, ContainerStats.NetworkStats> networks(Container c) {
        if (NetMode.of(c.hostConfig().networkMode()) instanceof NetMode.Host || c.pid() <= 0) return Map.of();
        return HostCounters.networks(HostCounters.read(proc.resolve(c.pid() + "/net/dev")));
    }
}
