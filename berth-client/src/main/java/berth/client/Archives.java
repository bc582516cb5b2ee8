package berth.client;

import static berth.client.DockerClient.segment;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** A container's files: diff, the archive endpoints (cp), export and commit. */
public final class Archives {
    private static final String STAT_HEADER = "x-docker-container-path-stat";
    private final DockerClient api;

    Archives(DockerClient api) { this.api = api; }

    /** Docker's stat of a path in a container. {@code mode} holds Go's FileMode bits. */
    public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
        public static final long MODE_DIR = 1L << 31, MODE_SYMLINK = 1L << 27;

        public boolean isDirectory() { return (mode & MODE_DIR) != 0; }

        public boolean isSymlink() { return (mode & MODE_SYMLINK) != 0; }

        /** A device or an irregular file: docker cp refuses to write to those. */
        public boolean isDeviceOrIrregular() { return (mode & ((1L << 26) | (1L << 19))) != 0; }

        static Optional<PathStat> decode(Optional<String> header) {
            return header.map(h -> {
                try {
                    JsonNode n = Json.oci().readTree(Base64.getDecoder().decode(h));
                    return new PathStat(n.path("name").asText(), n.path("size").asLong(), n.path("mode").asLong(),
                            Instant.parse(n.path("mtime").asText("1970-01-01T00:00:00Z")), n.path("linkTarget").asText(""));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException("unable to decode container path stat header: " + e.getMessage());
                }
            });
        }
    }

    /** A tar of a path, with the path's stat. Close it when read. */
    public record Archive(PathStat stat, InputStream tar, Response response) implements AutoCloseable {
        @Override
        public void close() { response.close(); }
    }

    /** {@code GET /containers/{id}/changes}: an array of {@code {"Path", "Kind"}}. */
    public JsonNode changes(String container) { return api.get(path(container, "/changes"), Query.of()); }

    /** {@code HEAD /containers/{id}/archive}: 404 is an {@link ApiException} without a message of the daemon's. */
    public PathStat stat(String container, String path) {
        try (Response r = api.send("HEAD", path(container, "/archive"), Query.of().with("path", path), Body.none())) {
            return PathStat.decode(r.header(STAT_HEADER))
                    .orElseThrow(() -> new IllegalArgumentException("the daemon sent no path stat"));
        }
    }

    /** {@code GET /containers/{id}/archive}. */
    public Archive get(String container, String path) {
        Response r = api.send("GET", path(container, "/archive"), Query.of().with("path", path), Body.none());
        try {
            PathStat stat = PathStat.decode(r.header(STAT_HEADER)).orElseThrow(
                    () -> new IllegalArgumentException("the daemon sent no path stat"));
            return new Archive(stat, r.body(), r);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** {@code PUT /containers/{id}/archive}: extracts the tar (sent chunked) into the directory {@code path}. */
    public void put(String container, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid) {
        Query q = Query.of().with("path", path).flag("noOverwriteDirNonDir", noOverwriteDirNonDir)
                .flag("copyUIDGID", copyUidGid);
        api.send("PUT", path(container, "/archive"), q, Body.tar(tar, -1)).bytes();
    }

    /** {@code GET /containers/{id}/export}: the tar of the container's filesystem. */
    public Response export(String container) {
        return api.send("GET", path(container, "/export"), Query.of(), Body.none());
    }

    /** {@code POST /commit}: the query carries container, repo, tag, comment, author, pause, changes. */
    public String commit(Query query) {
        try (Response r = api.send("POST", "/commit", query, Body.none())) {
            return Json.docker().readTree(r.text()).path("Id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(String container, String rest) { return "/containers/" + segment(container) + rest; }
}
