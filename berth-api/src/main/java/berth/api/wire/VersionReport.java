package berth.api.wire;

import java.util.List;
import java.util.Map;

/** {@code GET /version}. Docker's GoVersion carries the Java version here. */
public record VersionReport(Platform platform, List<Component> components, String version, String apiVersion,
                            String minAPIVersion, String gitCommit, String goVersion, String os, String arch,
                            String kernelVersion, String buildTime) {

    public record Platform(String name) {}

    public record Component(String name, String version, Map<String, String> details) {}
}
