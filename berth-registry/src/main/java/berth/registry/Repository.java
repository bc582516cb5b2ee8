package berth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * One repository on one registry ({@code localhost:5000} + {@code team/app}), reached with one set of
 * credentials: the distribution API's manifest, blob, upload and tag endpoints.
 */
public final class Repository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Session session;
    private final String path;
    private final Manifests manifests;
    private final Blobs blobs;
    private final Uploads uploads;

    Repository(Session session, String path, long chunkSize) {
        this.session = session;
        this.path = path;
        this.manifests = new Manifests(session, path);
        this.blobs = new Blobs(session, path);
        this.uploads = new Uploads(session, path, chunkSize);
    }

    /** The repository's path on its registry ({@code library/busybox}). */
    public String path() {
        return path;
    }

    /** The registry host as named in references ({@code localhost:5000}). */
    public String endpoint() {
        return session.endpoint();
    }

    /** {@code GET /v2/}: throws {@link RegistryException} when the registry refuses these credentials. */
    public void ping() {
        session.ping();
    }

    /** The manifest or index for a tag or digest. */
    public Manifest manifest(String reference) {
        return manifests.get(reference);
    }

    /** HEAD of a manifest: its descriptor, or empty when absent. */
    public Optional<Descriptor> manifestHead(String reference) {
        return manifests.head(reference);
    }

    /** PUT of a manifest under a tag or digest; returns the digest the registry gives it. */
    public String putManifest(String reference, Manifest manifest) {
        return manifests.put(reference, manifest);
    }

    /** A blob's bytes, verified while they stream (a {@link DigestMismatchException} from the read at its end). */
    public InputStream blob(Descriptor blob) {
        return blobs.get(blob);
    }

    /** The blob's size if this repository has it. */
    public OptionalLong blobSize(String digest) {
        return blobs.head(digest);
    }

    /** Mounts a blob from another repository of the same registry; false when the registry would not. */
    public boolean mount(String digest, String fromRepository) {
        return uploads.mount(digest, fromRepository);
    }

    /** Uploads a blob; {@code content} opens its bytes from the start, again if a retry needs them. */
    public void upload(Descriptor blob, Supplier<InputStream> content, LongConsumer sent) {
        uploads.upload(blob, content, sent);
    }

    /** {@code GET /v2/<name>/tags/list}, following {@code Link} pages. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>();
        String next = "/v2/" + path + "/tags/list";
        while (next != null) {
            var res = session.send(next, u -> HttpRequest.newBuilder(u).GET());
            try (InputStream body = res.body()) {
                JsonNode json = JSON.readTree(body);
                json.path("tags").forEach(t -> tags.add(t.asText()));
            } catch (IOException e) {
                throw RegistryException.unreachable("cannot read the tags of " + path, e);
            }
            next = res.headers().firstValue("Link").map(Repository::linkTarget).orElse(null);
        }
        return tags;
    }

    private static String linkTarget(String link) {
        int lt = link.indexOf('<');
        int gt = link.indexOf('>');
        return lt >= 0 && gt > lt ? link.substring(lt + 1, gt) : null;
    }
}
