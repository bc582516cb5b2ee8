package berth.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * {@code /v2/<name>/blobs/uploads/}: cross-repository mounts, monolithic uploads (POST, then one PUT with
 * the bytes and {@code ?digest=}) for blobs up to a chunk, chunked ones (PATCH per chunk with its
 * {@code Content-Range}, then an empty PUT) for bigger blobs.
 */
final class Uploads {
    private final Session session;
    private final String path;
    private final long chunkSize;

    Uploads(Session session, String path, long chunkSize) {
        this.session = session;
        this.path = path;
        this.chunkSize = chunkSize;
    }

    /** {@code POST ?mount=&from=}: true when the registry mounted the blob (201), false when it did not. */
    boolean mount(String digest, String fromRepository) {
        var res = session.send("/v2/" + path + "/blobs/uploads/?mount=" + Session.encode(digest) + "&from="
                + Session.encode(fromRepository), u -> HttpRequest.newBuilder(u).POST(HttpRequest.BodyPublishers.noBody()));
        Session.close(res);
        if (res.statusCode() == 201) return true;
        // 202: the registry opened an upload instead; it expires unused, as with Docker.
        return false;
    }

    /** Uploads the blob; {@code content} opens its bytes from the start (again on a retry). */
    void upload(Descriptor blob, Supplier<InputStream> content, LongConsumer progress) {
        String location = start();
        if (blob.size() <= chunkSize) {
            put(location, blob, counted(content, 0, blob.size(), progress), blob.size());
            return;
        }
        for (long offset = 0; offset < blob.size(); offset += chunkSize) {
            long length = Math.min(chunkSize, blob.size() - offset);
            location = patch(location, counted(content, offset, length, progress), offset, length);
        }
        put(location, blob, () -> InputStream.nullInputStream(), 0);
    }

    private String start() {
        var res = session.send("/v2/" + path + "/blobs/uploads/",
                u -> HttpRequest.newBuilder(u).POST(HttpRequest.BodyPublishers.noBody()));
        Session.close(res);
        return location(res.headers().firstValue("Location"));
    }

    private String patch(String location, Supplier<InputStream> chunk, long offset, long length) {
        var res = session.send(location, u -> HttpRequest.newBuilder(u)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", offset + "-" + (offset + length - 1))
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(chunk), length)));
        Session.close(res);
        return location(res.headers().firstValue("Location"));
    }

    private void put(String location, Descriptor blob, Supplier<InputStream> bytes, long length) {
        String target = location + (location.contains("?") ? "&" : "?") + "digest=" + Session.encode(blob.digest());
        var res = session.send(target, u -> HttpRequest.newBuilder(u)
                .header("Content-Type", "application/octet-stream")
                .PUT(length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(bytes), length)));
        Session.close(res);
    }

    private String location(java.util.Optional<String> header) {
        return header.orElseThrow(() -> new RegistryException(202, "BLOB_UPLOAD_INVALID", "the registry gave no upload location", null));
    }

    /** {@code length} bytes from {@code offset}, reporting the blob's total sent so far. */
    private static Supplier<InputStream> counted(Supplier<InputStream> content, long offset, long length, LongConsumer progress) {
        return () -> {
            InputStream in = content.get();
            try {
                in.skipNBytes(offset);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new FilterInputStream(in) {
                private long sent;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (sent >= length) return -1;
                    int n = super.read(b, off, (int) Math.min(len, length - sent));
                    if (n > 0) progress.accept(offset + (sent += n));
                    return n;
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }
            };
        };
    }
}
