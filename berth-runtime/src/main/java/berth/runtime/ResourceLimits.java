package berth.runtime;

/**
 * The cgroup limits of a container, in Docker's units, as the runtime applies them at create and at
 * {@link ContainerRuntime#update}. 0 (or "") means "not set" everywhere, as in Docker; the few fields where
 * 0 is a real value use -1 for "not set" ({@code memorySwappiness}) or for "unlimited" ({@code memorySwap},
 * {@code pidsLimit}).
 *
 * @param memory            bytes (memory.limit_in_bytes / memory.max)
 * @param memorySwap        memory plus swap, bytes; -1 unlimited
 * @param memoryReservation soft limit, bytes
 * @param memorySwappiness  0..100, -1 when not set (v1 only)
 * @param oomKillDisable    v1 only
 * @param cpuShares         relative weight (v2: converted to cpu.weight by the runtime)
 * @param cpuPeriod         CFS period, microseconds
 * @param cpuQuota          CFS quota, microseconds; -1 unlimited
 * @param cpusetCpus        e.g. "0-1"
 * @param cpusetMems        e.g. "0"
 * @param pidsLimit         -1 unlimited
 * @param blkioWeight       10..1000 (blkio.weight, io.weight)
 */
public record ResourceLimits(long memory, long memorySwap, long memoryReservation, long memorySwappiness,
                             boolean oomKillDisable, long cpuShares, long cpuPeriod, long cpuQuota, String cpusetCpus,
                             String cpusetMems, long pidsLimit, int blkioWeight) {
    public static final ResourceLimits NONE = new ResourceLimits(0, 0, 0, -1, false, 0, 0, 0, "", "", 0, 0);

    /** The period Docker uses for {@code --cpus}, in microseconds. */
    public static final long NANO_CPU_PERIOD = 100_000;

    /** {@code --cpus} as Docker applies it: a quota over a 100 ms period. */
    public static long quotaForNanoCpus(long nanoCpus) {
        return nanoCpus * NANO_CPU_PERIOD / 1_000_000_000L;
    }
}
