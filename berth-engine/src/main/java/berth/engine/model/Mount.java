package berth.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One entry of Docker's HostConfig.Mounts ({@code --mount}), as the client sent it; nested options are null
 * when not given and left out of inspect, as Docker leaves them. {@code TmpfsOptions.Mode} is the file mode as a number (the CLI parses octal).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mount(String type, String source, String target, boolean readOnly, String consistency,
                    BindOptions bindOptions, VolumeOptions volumeOptions, TmpfsOptions tmpfsOptions) {

    public record BindOptions(String propagation, boolean nonRecursive, boolean createMountpoint) {}

    public record VolumeOptions(boolean noCopy, Map<String, String> labels, DriverConfig driverConfig) {}

    public record DriverConfig(String name, Map<String, String> options) {}

    public record TmpfsOptions(long sizeBytes, int mode) {}
}
