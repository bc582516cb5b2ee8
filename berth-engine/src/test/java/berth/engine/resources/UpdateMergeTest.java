package berth.engine.resources;

import static berth.engine.resources.ResourceChecksTest.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import berth.common.Json;
import berth.engine.model.HostConfig;
import berth.runtime.DaemonRlimits;
import berth.runtime.cgroup.CgroupFeatures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker update: 0 keeps a value, Docker's conflicts, the restart policy only when named. */
class UpdateMergeTest {
    private final ResourceChecks checks = new ResourceChecks(CgroupFeatures.ALL, new DaemonRlimits(Map.of(), false), 2);

    private HostConfig created(String json) throws Exception {
        return checks.forCreate(host(json)).hostConfig();
    }

    /** As the API handler reads a body: not normalized. */
    private static HostConfig request(String json) throws Exception {
        return Json.docker().readValue(json, HostConfig.class);
    }

    @Test
    void changesOnlyWhatIsGiven() throws Exception {
        var current = created("{\"Memory\": 67108864, \"CpuShares\": 512, \"PidsLimit\": 50, \"AutoRemove\": false}");
        var merged = UpdateMerge.merge("c1", current, request("{\"Memory\": 100663296, \"CpuQuota\": 50000}"), checks);
        HostConfig h = merged.hostConfig();
        assertThat(h.memory()).isEqualTo(100663296);
        assertThat(h.memorySwap()).isEqualTo(134217728); // kept
        assertThat(h.cpuQuota()).isEqualTo(50000);
        assertThat(h.cpuShares()).isEqualTo(512);
        assertThat(h.pidsLimit()).isEqualTo(50);
        assertThat(h.restartPolicy()).isEqualTo(new HostConfig.RestartPolicy("no", 0));
        assertThat(h.shmSize()).isEqualTo(64L << 20);
    }

    @Test
    void memoryAboveTheSwapLimitNeedsTheSwapLimitToo() throws Exception {
        var current = created("{\"Memory\": 67108864}");
        assertThatThrownBy(() -> UpdateMerge.merge("c1", current, request("{\"Memory\": 268435456}"), checks))
                .isInstanceOf(BerthException.Conflict.class).hasMessage("Cannot update container c1: Memory limit should be "
                        + "smaller than already set memoryswap limit, update the memoryswap at the same time");
        var both = UpdateMerge.merge("c1", current, request("{\"Memory\": 268435456, \"MemorySwap\": 536870912}"), checks);
        assertThat(both.hostConfig().memory()).isEqualTo(268435456);
    }

    @Test
    void cpusAndQuotaExcludeEachOther() throws Exception {
        var withCpus = created("{\"NanoCpus\": 1000000000}");
        assertThatThrownBy(() -> UpdateMerge.merge("c1", withCpus, request("{\"CpuQuota\": 50000}"), checks))
                .hasMessage("Cannot update container c1: Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        var withQuota = created("{\"CpuQuota\": 50000}");
        assertThatThrownBy(() -> UpdateMerge.merge("c1", withQuota, request("{\"NanoCpus\": 500000000}"), checks))
                .hasMessage("Cannot update container c1: Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        assertThatThrownBy(() -> UpdateMerge.merge("c1", withQuota, request("{\"Memory\": 1}"), checks))
                .isInstanceOf(BerthException.InvalidArgument.class).hasMessage("Minimum memory limit allowed is 6MB");
    }

    @Test
    void restartPolicyOnlyWhenNamedAndNeverWithAutoRemove() throws Exception {
        var current = created("{}");
        var merged = UpdateMerge.merge("c1", current, request("{\"RestartPolicy\": {\"Name\": \"on-failure\", \"MaximumRetryCount\": 3}}"), checks);
        assertThat(merged.hostConfig().restartPolicy()).isEqualTo(new HostConfig.RestartPolicy("on-failure", 3));
        var autoRemove = created("{\"AutoRemove\": true}");
        assertThatThrownBy(() -> UpdateMerge.merge("c1", autoRemove, request("{\"RestartPolicy\": {\"Name\": \"always\"}}"), checks))
                .hasMessage("Cannot update container c1: Restart policy cannot be updated because AutoRemove is enabled for the container");
    }

    @Test
    void pidsLimitZeroOrLessIsUnlimitedWhenUpdating() throws Exception {
        var current = created("{\"PidsLimit\": 50}");
        var merged = UpdateMerge.merge("c1", current, request("{\"PidsLimit\": -1}"), checks);
        assertThat(merged.hostConfig().pidsLimit()).isZero();
        assertThat(ResourceMapping.limits(merged.hostConfig()).pidsLimit()).isEqualTo(-1);
    }
}
