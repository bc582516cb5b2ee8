package berth.engine.resources;

import berth.common.Json;
import berth.engine.model.HostConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The resource fields of a HostConfig while Docker's checks adjust them (a limit the host lacks is dropped,
 * MemorySwap defaults to twice Memory...). Mutable on purpose and never shared: it lives for one create or
 * update. {@link #applyTo} writes the fields back by their wire names, so HostConfig may grow without this
 * class knowing.
 */
final class ResourceDraft {
    long memory, memorySwap, memoryReservation, nanoCpus, cpuShares, cpuPeriod, cpuQuota, shmSize;
    Long memorySwappiness, pidsLimit;
    Boolean oomKillDisable;
    String cpusetCpus, cpusetMems;
    int blkioWeight, oomScoreAdj;
    List<HostConfig.Ulimit> ulimits;

    static ResourceDraft of(HostConfig h) {
        var d = new ResourceDraft();
        d.memory = h.memory();
        d.memorySwap = h.memorySwap();
        d.memoryReservation = h.memoryReservation();
        d.memorySwappiness = h.memorySwappiness();
        d.oomKillDisable = h.oomKillDisable();
        d.nanoCpus = h.nanoCpus();
        d.cpuShares = h.cpuShares();
        d.cpuPeriod = h.cpuPeriod();
        d.cpuQuota = h.cpuQuota();
        d.cpusetCpus = h.cpusetCpus() == null ? "" : h.cpusetCpus();
        d.cpusetMems = h.cpusetMems() == null ? "" : h.cpusetMems();
        d.pidsLimit = h.pidsLimit();
        d.blkioWeight = h.blkioWeight();
        d.ulimits = h.ulimits() == null ? List.of() : h.ulimits();
        d.shmSize = h.shmSize();
        d.oomScoreAdj = h.oomScoreAdj();
        return d;
    }

    HostConfig applyTo(HostConfig h) {
        ObjectNode node = Json.docker().valueToTree(h);
        node.put("Memory", memory).put("MemorySwap", memorySwap).put("MemoryReservation", memoryReservation)
                .put("MemorySwappiness", memorySwappiness).put("OomKillDisable", oomKillDisable)
                .put("NanoCpus", nanoCpus).put("CpuShares", cpuShares).put("CpuPeriod", cpuPeriod)
                .put("CpuQuota", cpuQuota).put("CpusetCpus", cpusetCpus).put("CpusetMems", cpusetMems)
                .put("PidsLimit", pidsLimit).put("BlkioWeight", blkioWeight).put("ShmSize", shmSize)
                .put("OomScoreAdj", oomScoreAdj);
        node.set("Ulimits", Json.docker().valueToTree(ulimits));
        try {
            return Json.docker().treeToValue(node, HostConfig.class).normalized();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("HostConfig does not read back its own JSON", e);
        }
    }
}
