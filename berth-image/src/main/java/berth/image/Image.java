package berth.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A local image as berth keeps it. {@code id} is "sha256:" + the digest of the image config JSON.
 * {@code diffIds} are the uncompressed layer digests, bottom first. {@code size} is the sum of the
 * layers' unpacked sizes.
 */
public record Image(
        String id,
        List<String> repoTags,
        List<String> repoDigests,
        String parent,
        String comment,
        Instant created,
        String author,
        String architecture,
        String os,
        long size,
        ImageConfig config,
        List<String> diffIds) {

    public Image {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        diffIds = List.copyOf(diffIds);
    }

    /** The run configuration an image carries (Docker's image "config" object). Lists and maps never null. */
    public record ImageConfig(
            String user,
            List<String> env,
            List<String> cmd,
            List<String> entrypoint,
            String workingDir,
            Map<String, String> labels,
            List<String> exposedPorts,
            List<String> volumes,
            String stopSignal,
            List<String> shell,
            Healthcheck healthcheck) {
        public ImageConfig {
            healthcheck = healthcheck == null ? Healthcheck.NONE : healthcheck;
            env = List.copyOf(env);
            cmd = List.copyOf(cmd);
            entrypoint = List.copyOf(entrypoint);
            labels = Map.copyOf(labels);
            exposedPorts = List.copyOf(exposedPorts);
            volumes = List.copyOf(volumes);
            shell = List.copyOf(shell);
        }

        /** Without a HEALTHCHECK. */
        public ImageConfig(String user, List<String> env, List<String> cmd, List<String> entrypoint, String workingDir,
                           Map<String, String> labels, List<String> exposedPorts, List<String> volumes,
                           String stopSignal, List<String> shell) {
            this(user, env, cmd, entrypoint, workingDir, labels, exposedPorts, volumes, stopSignal, shell,
                    Healthcheck.NONE);
        }

        public static ImageConfig empty() {
            return new ImageConfig("", List.of(), List.of(), List.of(), "", Map.of(), List.of(), List.of(), "", List.of());
        }
    }

    /**
     * Docker's HEALTHCHECK in an image config: Test is {@code ["NONE"]}, {@code ["CMD", args...]} or
     * {@code ["CMD-SHELL", command]}; durations in nanoseconds, 0 meaning Docker's default. An empty Test
     * means the image says nothing.
     */
    public record Healthcheck(List<String> test, long interval, long timeout, long startPeriod, long startInterval,
                              int retries) {
        public static final Healthcheck NONE = new Healthcheck(List.of(), 0, 0, 0, 0, 0);

        public Healthcheck {
            test = test == null ? List.of() : List.copyOf(test);
        }

        public boolean isSet() {
            return !test.isEmpty();
        }
    }
}
