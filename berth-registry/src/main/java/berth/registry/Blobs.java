package berth.registry;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.OptionalLong;

/** {@code /v2/<name>/blobs/<digest>}: GET (verified while it streams) and HEAD. */
final class Blobs {
    private final Session session;
    private final String path;

    Blobs(Session session, String path) {
        this.session = session;
        this.path = path;
    }

    /** The blob's bytes; a read fails with {@link DigestMismatchException} at the end if they are not its. */
    InputStream get(Descriptor blob) {
        var res = session.send("/v2/" + path + "/blobs/" + blob.digest(), u -> HttpRequest.newBuilder(u).GET());
        return new VerifyingInputStream(res.body(), blob.digest(), blob.size());
    }

    /** The blob's size when the repository has it (or can see it), else empty. */
    OptionalLong head(String digest) {
        try {
            var res = session.send("/v2/" + path + "/blobs/" + digest,
                    u -> HttpRequest.newBuilder(u).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            Session.close(res);
            return OptionalLong.of(res.headers().firstValueAsLong("Content-Length").orElse(0));
        } catch (RegistryException e) {
            if (e.status() == 404) return OptionalLong.empty();
            throw e;
        }
    }
}
