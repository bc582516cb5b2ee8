package berth.engine.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sample of {@code GET /containers/{id}/stats}, in Docker's snake_case JSON. Fields Docker leaves out
 * when zero are left out here too, so the sample of a stopped container is Docker's empty one. Times are
 * {@link #ZERO_TIME} when unset (Go's zero time).
 */
public record ContainerStats(
        @JsonProperty("read") Instant read,
        @JsonProperty("preread") Instant preread,
        @JsonProperty("pids_stats") PidsStats pidsStats,
        @JsonProperty("blkio_stats") BlkioStats blkioStats,
        @JsonProperty("num_procs") int numProcs,
        @JsonProperty("storage_stats") Map<String, Long> storageStats,
        @JsonProperty("cpu_stats") CpuStats cpuStats,
        @JsonProperty("precpu_stats") CpuStats precpuStats,
        @JsonProperty("memory_stats") MemoryStats memoryStats,
        @JsonProperty("name") String name,
        @JsonProperty("id") String id,
        @JsonProperty("networks") @JsonInclude(Include.NON_EMPTY) Map<String, NetworkStats> networks) {

    public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** Docker's answer for a container that is not running: its name and ID, every counter zero. */
    public static ContainerStats empty(String id, String name) {
        return new ContainerStats(ZERO_TIME, ZERO_TIME, new PidsStats(0, 0), BlkioStats.NONE, 0, Map.of(),
                CpuStats.NONE, CpuStats.NONE, MemoryStats.NONE, name, id, Map.of());
    }

    /** This sample with {@code previous} as its "pre" reading (streams and two-sample answers). */
    public ContainerStats after(ContainerStats previous) {
        return new ContainerStats(read, previous.read, pidsStats, blkioStats, numProcs, storageStats, cpuStats,
                previous.cpuStats, memoryStats, name, id, networks);
    }

    public record CpuStats(
            @JsonProperty("cpu_usage") CpuUsage cpuUsage,
            @JsonProperty("system_cpu_usage") @JsonInclude(Include.NON_DEFAULT) long systemCpuUsage,
            @JsonProperty("online_cpus") @JsonInclude(Include.NON_DEFAULT) int onlineCpus,
            @JsonProperty("throttling_data") ThrottlingData throttlingData) {
        public static final CpuStats NONE = new CpuStats(new CpuUsage(0, List.of(), 0, 0), 0, 0,
                new ThrottlingData(0, 0, 0));
    }

    public record CpuUsage(
            @JsonProperty("total_usage") long totalUsage,
            @JsonProperty("percpu_usage") @JsonInclude(Include.NON_EMPTY) List<Long> percpuUsage,
            @JsonProperty("usage_in_kernelmode") long usageInKernelmode,
            @JsonProperty("usage_in_usermode") long usageInUsermode) {}

    public record ThrottlingData(
            @JsonProperty("periods") long periods,
            @JsonProperty("throttled_periods") long throttledPeriods,
            @JsonProperty("throttled_time") long throttledTime) {}

    public record MemoryStats(
            @JsonProperty("usage") @JsonInclude(Include.NON_DEFAULT) long usage,
            @JsonProperty("max_usage") @JsonInclude(Include.NON_DEFAULT) long maxUsage,
            @JsonProperty("stats") @JsonInclude(Include.NON_EMPTY) Map<String, Long> stats,
            @JsonProperty("failcnt") @JsonInclude(Include.NON_DEFAULT) long failcnt,
            @JsonProperty("limit") @JsonInclude(Include.NON_DEFAULT) long limit) {
        public static final MemoryStats NONE = new MemoryStats(0, 0, Map.of(), 0, 0);
    }

    public record PidsStats(
            @JsonProperty("current") @JsonInclude(Include.NON_DEFAULT) long current,
            @JsonProperty("limit") @JsonInclude(Include.NON_DEFAULT) long limit) {}

    /** Docker writes every list, null when the kernel has no such counter; berth reads service bytes only. */
    public record BlkioStats(
            @JsonProperty("io_service_bytes_recursive") List<BlkioEntry> ioServiceBytesRecursive,
            @JsonProperty("io_serviced_recursive") List<BlkioEntry> ioServicedRecursive,
            @JsonProperty("io_queue_recursive") List<BlkioEntry> ioQueueRecursive,
            @JsonProperty("io_service_time_recursive") List<BlkioEntry> ioServiceTimeRecursive,
            @JsonProperty("io_wait_time_recursive") List<BlkioEntry> ioWaitTimeRecursive,
            @JsonProperty("io_merged_recursive") List<BlkioEntry> ioMergedRecursive,
            @JsonProperty("io_time_recursive") List<BlkioEntry> ioTimeRecursive,
            @JsonProperty("sectors_recursive") List<BlkioEntry> sectorsRecursive) {
        public static final BlkioStats NONE = of(null);

        public static BlkioStats of(List<BlkioEntry> serviceBytes) {
            return new BlkioStats(serviceBytes, null, null, null, null, null, null, null);
        }
    }

    public record BlkioEntry(
            @JsonProperty("major") long major,
            @JsonProperty("minor") long minor,
            @JsonProperty("op") String op,
            @JsonProperty("value") long value) {}

    public record NetworkStats(
            @JsonProperty("rx_bytes") long rxBytes,
            @JsonProperty("rx_packets") long rxPackets,
            @JsonProperty("rx_errors") long rxErrors,
            @JsonProperty("rx_dropped") long rxDropped,
            @JsonProperty("tx_bytes") long txBytes,
            @JsonProperty("tx_packets") long txPackets,
            @JsonProperty("tx_errors") long txErrors,
            @JsonProperty("tx_dropped") long txDropped) {}
}
