package berth.cli;

import berth.client.ApiException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth update}: new resource limits or restart policy for one or more containers, as docker's. */
@Command(name = "update", description = "Update configuration of one or more containers")
final class UpdateCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Option(names = "--blkio-weight", description = "Block IO (relative weight), between 10 and 1000, or 0 to disable") Integer blkioWeight;
    @Option(names = "--cpu-period", description = "Limit CPU CFS (Completely Fair Scheduler) period") Long cpuPeriod;
    @Option(names = "--cpu-quota", description = "Limit CPU CFS (Completely Fair Scheduler) quota") Long cpuQuota;
    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)") String cpusetCpus;
    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)") String cpusetMems;
    @Option(names = {"-c", "--cpu-shares"}, description = "CPU shares (relative weight)") Long cpuShares;
    @Option(names = {"-m", "--memory"}, description = "Memory limit") String memory;
    @Option(names = "--memory-reservation", description = "Memory soft limit") String memoryReservation;
    @Option(names = "--memory-swap", description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap") String memorySwap;
    @Option(names = "--restart", description = "Restart policy to apply when a container exits") String restart;
    @Option(names = "--pids-limit", description = "Tune container pids limit (set -1 for unlimited)") Long pidsLimit;
    @Option(names = "--cpus", description = "Number of CPUs") String cpus;
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

    UpdateCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        ObjectNode body = body();
        if (body.isEmpty()) {
            session.err().println("you must provide one or more flags when using this command");
            return 1;
        }
        List<String> warnings = new ArrayList<>();
        int code = forEach(containers, c -> {
            containers().update(c, body).path("Warnings").forEach(w -> warnings.add(w.asText()));
            session.out().println(c);
        });
        if (!warnings.isEmpty()) session.out().println(String.join("\n", warnings));
        return code;
    }

    /** Only the flags given, as docker sends them (0 and "" mean "unchanged" to the daemon). */
    private ObjectNode body() {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        if (blkioWeight != null) b.put("BlkioWeight", blkioWeight);
        if (cpuPeriod != null) b.put("CpuPeriod", cpuPeriod);
        if (cpuQuota != null) b.put("CpuQuota", cpuQuota);
        if (cpusetCpus != null) b.put("CpusetCpus", cpusetCpus);
        if (cpusetMems != null) b.put("CpusetMems", cpusetMems);
        if (cpuShares != null) b.put("CpuShares", cpuShares);
        if (memory != null) b.put("Memory", ResourceFlags.bytes("-m, --memory", memory, "update"));
        if (memoryReservation != null)
            b.put("MemoryReservation", ResourceFlags.bytes("--memory-reservation", memoryReservation, "update"));
        if (memorySwap != null) b.put("MemorySwap", ResourceFlags.swapBytes("--memory-swap", memorySwap, "update"));
        if (pidsLimit != null) b.put("PidsLimit", pidsLimit);
        if (cpus != null) b.put("NanoCpus", ResourceFlags.nanoCpus(cpus, "update"));
        if (restart != null) b.set("RestartPolicy", restartPolicy(restart));
        return b;
    }

    /** no | always | unless-stopped | on-failure[:max-retries], as docker's ParseRestartPolicy reads it. */
    private static ObjectNode restartPolicy(String value) {
        String[] parts = value.split(":", 2);
        ObjectNode policy = JsonNodeFactory.instance.objectNode().put("Name", parts[0]);
        if (!List.of("no", "always", "unless-stopped", "on-failure").contains(parts[0]))
            throw new CliException(125, "invalid restart policy '" + value + "'");
        if (parts.length == 2) {
            if (!parts[0].equals("on-failure"))
                throw new CliException(125, "invalid restart policy format: maximum retry count can only be used with 'on-failure'");
            try {
                policy.put("MaximumRetryCount", Integer.parseInt(parts[1]));
            } catch (NumberFormatException e) {
                throw new CliException(125, "invalid restart policy format: maximum retry count must be an integer");
            }
        }
        return policy;
    }
}
