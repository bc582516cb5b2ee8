package berth.image;

import berth.common.BerthException;
import berth.registry.Descriptor;
import berth.registry.Manifest;
import berth.registry.MediaTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Image manifests and indexes (OCI and Docker schema 2) read and written: config, layers, platforms. */
final class ManifestJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestJson() {}

    /** An image manifest's config and layers, bottom first. */
    record Image(Descriptor config, List<Descriptor> layers) {}

    static Image image(Manifest manifest) {
        JsonNode json = parse(manifest.content());
        if (json.path("schemaVersion").asInt() == 1)
            throw BerthException.invalid("[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, "
                    + "schema 1 support has been removed. Suggest the author of the image to upgrade it to v2, schema 2");
        if (!json.path("config").isObject()) throw BerthException.invalid("invalid manifest: no config");
        List<Descriptor> layers = new ArrayList<>();
        json.path("layers").forEach(l -> layers.add(descriptor(l)));
        return new Image(descriptor(json.path("config")), layers);
    }

    /**
     * The manifest of an index for a platform {@code os/arch[/variant]} (empty: this host's). Entries without a
     * platform, or with unknown/unknown (attestations), never match. NotFound with Docker's message otherwise.
     */
    static Descriptor select(Manifest index, String platform) {
        String wanted = platform.isEmpty() ? "linux/" + Platform.architecture() : platform;
        String[] p = wanted.split("/");
        String os = p.length > 1 ? p[0] : "linux";
        String arch = p.length > 1 ? p[1] : p[0];
        String variant = p.length > 2 ? p[2] : "";
        JsonNode best = null;
        for (JsonNode m : parse(index.content()).path("manifests")) {
            JsonNode pf = m.path("platform");
            if (!pf.path("os").asText().equals(os) || !pf.path("architecture").asText().equals(arch)) continue;
            String v = pf.path("variant").asText("");
            if (!variant.isEmpty() && !v.equals(variant)) continue;
            if (best == null) best = m;
        }
        if (best == null) throw BerthException.notFound("no matching manifest for " + wanted + " in the manifest list entries");
        return descriptor(best);
    }

    private static Descriptor descriptor(JsonNode node) {
        String digest = node.path("digest").asText("");
        berth.common.Digest.parse(digest); // refuses a malformed one before it becomes a path
        return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong(-1));
    }

    /**
     * A manifest for a push: Docker schema 2 with gzip layers, or OCI when any layer is OCI-typed (zstd
     * cannot be said in schema 2). Config media type follows.
     */
    static Manifest forPush(Descriptor config, List<Descriptor> layers) {
        boolean oci = layers.stream().anyMatch(l -> l.mediaType().startsWith("application/vnd.oci."));
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST);
        root.set("config", node(new Descriptor(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, config.digest(), config.size())));
        ArrayNode array = root.putArray("layers");
        for (Descriptor l : layers)
            array.add(node(new Descriptor(oci ? ociType(l.mediaType()) : dockerType(l.mediaType()), l.digest(), l.size())));
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            return new Manifest(root.path("mediaType").asText(), bytes, berth.common.Digest.sha256(bytes).toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ociType(String type) {
        return type.equals(MediaTypes.DOCKER_LAYER_GZIP) ? MediaTypes.OCI_LAYER_GZIP : type;
    }

    private static String dockerType(String type) {
        return type.equals(MediaTypes.OCI_LAYER_GZIP) ? MediaTypes.DOCKER_LAYER_GZIP : type;
    }

    private static ObjectNode node(Descriptor d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("mediaType", d.mediaType());
        n.put("size", d.size());
        n.put("digest", d.digest());
        return n;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw BerthException.invalid("invalid manifest: " + e.getMessage());
        }
    }
}
