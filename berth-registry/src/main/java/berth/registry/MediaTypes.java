package berth.registry;

import java.util.List;

/** The manifest and layer media types of OCI and Docker that berth reads and writes. */
public final class MediaTypes {
    private MediaTypes() {}

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_FOREIGN_LAYER = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /** What a manifest GET accepts, in order of preference. */
    public static final List<String> MANIFESTS = List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    public static boolean isIndex(String mediaType) {
        return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
    }
}
