package berth.runtime;

/** The per-process part of a container's {@link ContainerResources}: rlimits, OOM score, /dev/shm size. */
final class ProcessLimits {
    private ProcessLimits() {}

    /** The rlimits asked for; an OOM score adjustment only when not 0, since lowering the daemon's own
     * would need CAP_SYS_RESOURCE. */
    static OciSpec.Process apply(OciSpec.Process process, ContainerResources resources) {
        var rlimits = resources.rlimits().stream()
                .map(r -> new OciSpec.Rlimit(r.ociType(), r.hard(), r.soft())).toList();
        return process.withLimits(rlimits, resources.oomScoreAdj() != 0 ? resources.oomScoreAdj() : null);
    }

    /** tmpfs size option for /dev/shm: Docker's 64 MiB unless --shm-size says otherwise. */
    static String shmSize(BundleSpec spec) {
        long size = spec.resources().shmSize() > 0 ? spec.resources().shmSize() : ContainerResources.DEFAULT_SHM_SIZE;
        return "size=" + size;
    }

    /** An exec gets the container's rlimits, as with Docker (the runtime would give it its own otherwise). */
    static OciSpec.Process inherit(OciSpec.Process exec, java.nio.file.Path containerConfig) {
        try {
            var node = berth.common.Json.oci().readTree(containerConfig.toFile()).path("process");
            var rlimits = new java.util.ArrayList<OciSpec.Rlimit>();
            node.path("rlimits").forEach(r -> rlimits.add(new OciSpec.Rlimit(r.path("type").asText(),
                    r.path("hard").asLong(), r.path("soft").asLong())));
            Integer oomScoreAdj = node.has("oomScoreAdj") ? node.get("oomScoreAdj").asInt() : null;
            return exec.withLimits(rlimits, oomScoreAdj);
        } catch (java.io.IOException e) {
            return exec; // no config.json: the container is gone, and the exec fails on its own
        }
    }
}
