package berth.engine.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import berth.common.Json;
import berth.engine.model.HostConfig;
import berth.runtime.DaemonRlimits;
import berth.runtime.cgroup.CgroupFeatures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's resource rules at create, with its messages and warnings. */
class ResourceChecksTest {
    private static final DaemonRlimits NOFILE_20000 = new DaemonRlimits(Map.of("nofile", 20000L), false);
    private final ResourceChecks all = new ResourceChecks(CgroupFeatures.ALL, NOFILE_20000, 2);

    static HostConfig host(String json) throws Exception {
        return Json.docker().readValue(json, HostConfig.class).normalized();
    }

    private void refused(String json, String message) {
        assertThatThrownBy(() -> all.forCreate(host(json))).isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessage(message);
    }

    @Test
    void memoryGetsTwiceItsSizeOfSwapAndShmItsDefault() throws Exception {
        var checked = all.forCreate(host("{\"Memory\": 67108864}"));
        assertThat(checked.hostConfig().memorySwap()).isEqualTo(134217728);
        assertThat(checked.hostConfig().shmSize()).isEqualTo(64L << 20);
        assertThat(checked.warnings()).isEmpty();
        assertThat(all.forCreate(host("{\"Memory\": 67108864, \"MemorySwap\": -1}")).hostConfig().memorySwap()).isEqualTo(-1);
    }

    @Test
    void dockersMemoryMessages() {
        refused("{\"Memory\": 4194304}", "Minimum memory limit allowed is 6MB");
        refused("{\"Memory\": 20971520, \"MemorySwap\": 10485760}",
                "Minimum memoryswap limit should be larger than memory limit, see usage");
        refused("{\"MemorySwap\": 10485760}", "You should always set the Memory limit when using Memoryswap limit, see usage");
        refused("{\"MemorySwappiness\": 101}", "Invalid value: 101, valid memory swappiness range is 0-100");
        refused("{\"MemoryReservation\": 1048576}", "Minimum memory reservation allowed is 6MB");
        refused("{\"Memory\": 8388608, \"MemoryReservation\": 16777216}",
                "Minimum memory limit can not be less than memory reservation limit, see usage");
    }

    @Test
    void dockersCpuMessages() {
        refused("{\"NanoCpus\": 1000000000, \"CpuQuota\": 50000}", "Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        refused("{\"NanoCpus\": 1000000000, \"CpuPeriod\": 50000}", "Conflicting options: Nano CPUs and CPU Period cannot both be set");
        refused("{\"NanoCpus\": 3000000000}", "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available");
        refused("{\"CpuPeriod\": 500}", "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        refused("{\"CpuQuota\": 500}", "CPU cfs quota can not be less than 1ms (i.e. 1000)");
        refused("{\"CpusetCpus\": \"5\"}", "Requested CPUs are not available - requested 5, available: 0-1");
        refused("{\"CpusetCpus\": \"a-b\"}", "Invalid value a-b for cpuset cpus: invalid format: a-b");
        refused("{\"BlkioWeight\": 5}", "Range of blkio weight is from 10 to 1000");
    }

    @Test
    void ulimitsStayWithinTheDaemonsHardLimit() throws Exception {
        refused("{\"Ulimits\": [{\"Name\": \"nofile\", \"Soft\": 30000, \"Hard\": 30000}]}",
                "Cannot set ulimit nofile=30000:30000: the daemon's own hard limit is 20000 and it lacks CAP_SYS_RESOURCE to raise it");
        refused("{\"Ulimits\": [{\"Name\": \"nofile\", \"Soft\": 20, \"Hard\": 10}]}",
                "ulimit soft limit must be less than or equal to hard limit: 20 > 10");
        refused("{\"Ulimits\": [{\"Name\": \"files\", \"Soft\": 1, \"Hard\": 1}]}", "invalid ulimit type: files");
        var ok = all.forCreate(host("{\"Ulimits\": [{\"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": 20000}]}"));
        assertThat(ok.hostConfig().ulimits()).containsExactly(new HostConfig.Ulimit("nofile", 1024, 20000));
        var raising = new ResourceChecks(CgroupFeatures.ALL, new DaemonRlimits(Map.of("nofile", 20000L), true), 2);
        assertThat(raising.forCreate(host("{\"Ulimits\": [{\"Name\": \"nofile\", \"Soft\": 30000, \"Hard\": 30000}]}"))
                .hostConfig().ulimits()).hasSize(1);
    }

    @Test
    void whatTheHostLacksIsDroppedWithDockersWarning() throws Exception {
        var v1NoSwap = new ResourceChecks(new CgroupFeatures(true, false, true, true, true, true, true, true, true, false),
                NOFILE_20000, 2);
        var checked = v1NoSwap.forCreate(host("{\"Memory\": 67108864, \"BlkioWeight\": 300}"));
        assertThat(checked.warnings()).containsExactly(
                "Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.",
                "Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
        assertThat(checked.hostConfig().memorySwap()).isEqualTo(-1);
        assertThat(checked.hostConfig().blkioWeight()).isZero();
        var v2 = new ResourceChecks(new CgroupFeatures(true, true, true, false, false, true, true, true, true, true),
                NOFILE_20000, 2);
        var oom = v2.forCreate(host("{\"Memory\": 67108864, \"OomKillDisable\": true, \"MemorySwappiness\": 10}"));
        assertThat(oom.warnings()).containsExactly(
                "Your kernel does not support memory swappiness capabilities or the cgroup is not mounted. Memory swappiness discarded.",
                "Your kernel does not support OomKillDisable. OomKillDisable discarded.");
        assertThat(oom.hostConfig().oomKillDisable()).isNull();
        assertThat(oom.hostConfig().memorySwappiness()).isNull();
    }

    @Test
    void dockersDefaultsForWhatClientsSend() throws Exception {
        // the docker CLI sends MemorySwappiness -1 and PidsLimit 0 when the flags are not given
        var checked = all.forCreate(host("{\"MemorySwappiness\": -1, \"PidsLimit\": 0, \"OomKillDisable\": false}"));
        assertThat(checked.hostConfig().memorySwappiness()).isNull();
        assertThat(checked.hostConfig().pidsLimit()).isNull();
        assertThat(checked.hostConfig().oomKillDisable()).isFalse();
        assertThat(checked.warnings()).isEmpty();
        assertThat(all.forCreate(host("{\"OomKillDisable\": true}")).warnings()).containsExactly(
                "OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources.");
    }

    @Test
    void cpusBecomeAQuotaForTheRuntime() throws Exception {
        var limits = ResourceMapping.limits(all.forCreate(host("{\"NanoCpus\": 1500000000, \"PidsLimit\": 50}")).hostConfig());
        assertThat(limits.cpuPeriod()).isEqualTo(100_000);
        assertThat(limits.cpuQuota()).isEqualTo(150_000);
        assertThat(limits.pidsLimit()).isEqualTo(50);
        assertThat(ResourceMapping.limits(HostConfig.defaults())).isEqualTo(berth.runtime.ResourceLimits.NONE);
    }
}
