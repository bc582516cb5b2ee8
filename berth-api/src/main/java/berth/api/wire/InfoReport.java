package berth.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code GET /info}: the fields clients actually read. */
public record InfoReport(
        @JsonProperty("ID") String id,
        int containers,
        int containersRunning,
        int containersPaused,
        int containersStopped,
        int images,
        String driver,
        String dockerRootDir,
        long memTotal,
        @JsonProperty("NCPU") int ncpu,
        String operatingSystem,
        @JsonProperty("OSType") String osType,
        String architecture,
        String kernelVersion,
        String cgroupDriver,
        String cgroupVersion,
        String defaultRuntime,
        Map<String, Map<String, String>> runtimes,
        String serverVersion,
        String name,
        List<String> labels,
        List<String> securityOptions,
        List<String> warnings) {}
