package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The two archive layouts {@code docker load} accepts. Docker's own wins when a tar has both (Docker 25+). */
sealed interface ArchiveFormat {

    List<ArchivedImage> images(StagedArchive archive);

    static ArchiveFormat of(StagedArchive archive) {
        if (archive.has("manifest.json")) return new DockerSave();
        if (archive.has("index.json")) return new OciLayout();
        throw BerthException.invalid("invalid image archive: neither manifest.json nor index.json found");
    }

    static JsonNode json(StagedArchive archive, String name) {
        try {
            return Json.oci().readTree(archive.read(name));
        } catch (IOException e) {
            throw new BerthException.InvalidArgument("invalid image archive: " + name + ": " + e.getMessage(), e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code manifest.json}: [{"Config": "...json", "RepoTags": ["busybox:latest"], "Layers": [".../layer.tar"]}]. */
    record DockerSave() implements ArchiveFormat {
        @Override
        public List<ArchivedImage> images(StagedArchive archive) {
            List<ArchivedImage> images = new ArrayList<>();
            for (JsonNode m : ArchiveFormat.json(archive, "manifest.json")) {
                List<Reference> tags = ArchiveFormat.texts(m.path("RepoTags")).stream().map(Reference::parse).toList();
                images.add(new ArchivedImage(archive.read(m.path("Config").asText()),
                        ArchiveFormat.texts(m.path("Layers")), tags));
            }
            return images;
        }
    }

    /** {@code oci-layout} + {@code index.json} + {@code blobs/<alg>/<hex>}; names from the descriptors' annotations. */
    record OciLayout() implements ArchiveFormat {
        private static final String INDEX_TYPES = "application/vnd.oci.image.index.v1+json "
                + "application/vnd.docker.distribution.manifest.list.v2+json";

        @Override
        public List<ArchivedImage> images(StagedArchive archive) {
            List<ArchivedImage> images = new ArrayList<>();
            for (JsonNode descriptor : ArchiveFormat.json(archive, "index.json").path("manifests")) {
                JsonNode manifest = manifest(archive, descriptor);
                List<String> layers = new ArrayList<>();
                manifest.path("layers").forEach(l -> layers.add(blob(l)));
                images.add(new ArchivedImage(archive.read(blob(manifest.path("config"))), layers,
                        name(descriptor.path("annotations")).stream().toList()));
            }
            return images;
        }

        /** Follows an image index down to the manifest for this platform (or its first manifest). */
        private static JsonNode manifest(StagedArchive archive, JsonNode descriptor) {
            JsonNode doc = ArchiveFormat.json(archive, blob(descriptor));
            for (int depth = 0; isIndex(descriptor, doc) && depth < 4; depth++) {
                descriptor = pick(doc.path("manifests"));
                doc = ArchiveFormat.json(archive, blob(descriptor));
            }
            return doc;
        }

        private static boolean isIndex(JsonNode descriptor, JsonNode doc) {
            String type = doc.path("mediaType").asText(descriptor.path("mediaType").asText(""));
            return (!type.isEmpty() && INDEX_TYPES.contains(type)) || (doc.has("manifests") && !doc.has("config"));
        }

        private static JsonNode pick(JsonNode manifests) {
            for (JsonNode m : manifests)
                if (m.path("platform").path("os").asText().equals("linux")
                        && m.path("platform").path("architecture").asText().equals(Platform.architecture())) return m;
            if (manifests.isEmpty()) throw BerthException.invalid("invalid image archive: empty image index");
            return manifests.get(0);
        }

        private static String blob(JsonNode descriptor) {
            Digest d = Digest.parse(descriptor.path("digest").asText(""));
            return "blobs/" + d.algorithm() + "/" + d.hex();
        }

        /** containerd's full name first; the OCI ref.name only when it is a full reference, not a bare tag. */
        private static Optional<Reference> name(JsonNode annotations) {
            String containerd = annotations.path("io.containerd.image.name").asText("");
            if (!containerd.isEmpty()) return Reference.tryParse(containerd);
            String ref = annotations.path("org.opencontainers.image.ref.name").asText("");
            return ref.contains(":") || ref.contains("/") ? Reference.tryParse(ref) : Optional.empty();
        }
    }
}
