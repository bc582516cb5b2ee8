package berth.engine.resources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/** Docker's checks of --cpuset-cpus and --cpuset-mems: list syntax ("0-2,4"), and only what the host has. */
final class CpuSets {
    private static final Path NODES_ONLINE = Path.of("/sys/devices/system/node/online");

    private CpuSets() {}

    static void checkCpus(String list, int cpus) {
        if (list.isEmpty()) return;
        BitSet wanted = parse(list, "cpuset cpus");
        if (wanted.length() > cpus)
            throw ResourceChecks.invalid("Requested CPUs are not available - requested " + list + ", available: "
                    + (cpus == 1 ? "0" : "0-" + (cpus - 1)));
    }

    static void checkMems(String list) {
        if (list.isEmpty()) return;
        BitSet wanted = parse(list, "cpuset mems");
        String online = onlineNodes();
        BitSet available = parse(online, "cpuset mems");
        BitSet extra = (BitSet) wanted.clone();
        extra.andNot(available);
        if (!extra.isEmpty())
            throw ResourceChecks.invalid("Requested memory nodes are not available - requested " + list + ", available: " + online);
    }

    private static String onlineNodes() {
        try {
            return Files.exists(NODES_ONLINE) ? Files.readString(NODES_ONLINE).trim() : "0";
        } catch (java.io.IOException e) {
            return "0";
        }
    }

    /** "0-2,4" as a set; anything else is moby's "Invalid value X for cpuset cpus: invalid format: X". */
    static BitSet parse(String list, String what) {
        BitSet set = new BitSet();
        for (String part : list.split(",", -1)) {
            if (!part.matches("\\d+(-\\d+)?")) throw ResourceChecks.invalid("Invalid value " + list + " for " + what
                    + ": invalid format: " + list);
            String[] ends = part.split("-");
            int from = Integer.parseInt(ends[0]), to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
            if (to < from) throw ResourceChecks.invalid("Invalid value " + list + " for " + what + ": invalid format: " + list);
            set.set(from, to + 1);
        }
        return set;
    }
}
