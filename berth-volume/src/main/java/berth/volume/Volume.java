package berth.volume;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A volume of the local driver as berth keeps it. {@code fresh} stays true until the volume is first mounted
 * into a container: only a fresh volume receives a copy of the image's content (Docker's copy-up).
 * Anonymous volumes carry Docker's label {@value #ANONYMOUS_LABEL}, which is what prune looks at.
 *
 * @param mountpoint {@code <data-root>/volumes/<name>/_data}, where the data lives (or a device is mounted)
 * @param options    the driver options as given (type, device, o)
 */
public record Volume(String name, String driver, Path mountpoint, Instant createdAt, Map<String, String> labels,
                     Map<String, String> options, boolean fresh) {
    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
    public static final String LOCAL = "local";

    public Volume {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
    }

    public boolean anonymous() {
        return labels.containsKey(ANONYMOUS_LABEL);
    }

    Volume populated() {
        return new Volume(name, driver, mountpoint, createdAt, labels, options, false);
    }

    /** What the options ask for: a plain directory, a bind of a host path, or a filesystem to mount. */
    public LocalOptions kind() {
        return LocalOptions.parse(name, options);
    }
}
