package berth.registry;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.Optional;

/** {@code /v2/<name>/manifests/<reference>}: GET, HEAD and PUT. */
final class Manifests {
    /** Registries refuse bigger manifests (distribution: 4 MiB); a bigger answer is not a manifest. */
    private static final int MAX_SIZE = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = String.join(", ", MediaTypes.MANIFESTS);
    private final Session session;
    private final String path;

    Manifests(Session session, String path) {
        this.session = session;
        this.path = path;
    }

    private String target(String reference) {
        return "/v2/" + path + "/manifests/" + reference;
    }

    /** The manifest; when fetched by digest, verified against it. */
    Manifest get(String reference) {
        var res = session.send(target(reference), u -> HttpRequest.newBuilder(u).header("Accept", ACCEPT).GET());
        byte[] bytes;
        try (InputStream body = res.body()) {
            bytes = body.readNBytes(MAX_SIZE + 1);
        } catch (IOException e) {
            throw RegistryException.unreachable("cannot read the manifest " + reference + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_SIZE) throw new RegistryException(res.statusCode(), "MANIFEST_INVALID", "manifest too big", null);
        String digest = berth.common.Digest.sha256(bytes).toString();
        if (reference.contains(":") && !reference.equals(digest))
            throw new RegistryException(res.statusCode(), "DIGEST_INVALID",
                    "manifest verification failed for digest " + reference, null);
        String type = mediaType(bytes).orElse(res.headers().firstValue("Content-Type").orElse(MediaTypes.DOCKER_MANIFEST));
        return new Manifest(type.split(";")[0].trim(), bytes, digest);
    }

    private static Optional<String> mediaType(byte[] manifest) {
        try {
            String type = JSON.readTree(manifest).path("mediaType").asText("");
            return type.isEmpty() ? Optional.empty() : Optional.of(type);
        } catch (IOException e) {
            throw new RegistryException(200, "MANIFEST_INVALID", "the manifest is not JSON", e);
        }
    }

    /** The descriptor from {@code Docker-Content-Digest}, or empty when the registry has no such manifest. */
    Optional<Descriptor> head(String reference) {
        try {
            var res = session.send(target(reference), u -> HttpRequest.newBuilder(u).header("Accept", ACCEPT)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            Session.close(res);
            return Optional.of(new Descriptor(res.headers().firstValue("Content-Type").orElse(""),
                    res.headers().firstValue("Docker-Content-Digest").orElse(""),
                    res.headers().firstValueAsLong("Content-Length").orElse(-1)));
        } catch (RegistryException e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    /** Stores the manifest under {@code reference} (a tag or its digest); returns its digest. */
    String put(String reference, Manifest manifest) {
        var res = session.send(target(reference), u -> HttpRequest.newBuilder(u)
                .header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.content())));
        Session.close(res);
        return res.headers().firstValue("Docker-Content-Digest").orElse(manifest.digest());
    }
}
