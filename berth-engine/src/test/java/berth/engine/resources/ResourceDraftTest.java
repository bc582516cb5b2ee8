package berth.engine.resources;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.Json;
import berth.engine.model.HostConfig;
import org.junit.jupiter.api.Test;

/** Writing the resource fields back keeps every other field of the HostConfig as it was. */
class ResourceDraftTest {
    @Test
    void aRoundTripChangesNothing() throws Exception {
        var h = Json.docker().readValue("""
                {"Binds": ["/h:/c:ro"], "NetworkMode": "bridge", "AutoRemove": true,
                 "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 2}, "Privileged": false,
                 "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}, "Dns": ["1.1.1.1"],
                 "Mounts": [{"Type": "volume", "Source": "v", "Target": "/d"}], "Tmpfs": {"/run": "size=1m"},
                 "Memory": 67108864, "MemorySwap": -1, "MemorySwappiness": 10, "NanoCpus": 1000000000,
                 "CpusetCpus": "0", "PidsLimit": 5, "Ulimits": [{"Name": "nofile", "Soft": 1, "Hard": 2}],
                 "ShmSize": 1048576, "OomKillDisable": true, "Init": true, "CapAdd": ["NET_ADMIN"],
                 "SecurityOpt": ["no-new-privileges"], "OomScoreAdj": 5}
                """, HostConfig.class).normalized();
        assertThat(ResourceDraft.of(h).applyTo(h)).isEqualTo(h);
    }
}
