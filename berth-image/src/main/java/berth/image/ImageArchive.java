package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.common.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link SavedImages} over the local store: configs from the index, layers from their blobs (decompressed). */
final class ImageArchive implements SavedImages {
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";

    /** One image to write: its index row, the names it is saved under, and its layers bottom first. */
    record Entry(ImageIndex.Row row, List<Reference> refs, List<ImageIndex.Layer> layers) {}

    private final List<Entry> entries;
    /** Each layer's blob by diff ID, opened when the images were chosen. */
    private final Map<String, FileChannel> layerFiles;
    /** Uncompressed sizes by diff ID, measured once. */
    private final Map<String, Long> sizes = new java.util.HashMap<>();

    private ImageArchive(List<Entry> entries, Map<String, FileChannel> layerFiles) {
        this.entries = List.copyOf(entries);
        this.layerFiles = layerFiles;
    }

    /** Opens every layer's blob now; the caller holds the store's writer lock meanwhile. */
    static ImageArchive open(List<Entry> entries, java.util.function.Function<String, Path> blobPath) {
        Map<String, FileChannel> files = new LinkedHashMap<>();
        try {
            for (Entry e : entries)
                for (ImageIndex.Layer l : e.layers())
                    if (!files.containsKey(l.diffId())) files.put(l.diffId(), FileChannel.open(blobPath.apply(l.blob())));
        } catch (IOException ex) {
            files.values().forEach(ImageArchive::closeQuietly);
            throw BerthException.fault("cannot open a layer to save: " + ex.getMessage(), ex);
        }
        return new ImageArchive(entries, files);
    }

    @Override
    public List<String> imageIds() {
        return entries.stream().map(e -> e.row().id()).toList();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        var tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        directory(tar, "blobs/");
        directory(tar, "blobs/sha256/");
        Set<String> written = new HashSet<>();
        ArrayNode manifest = Json.oci().createArrayNode();
        ArrayNode index = Json.oci().createArrayNode();
        ObjectNode repositories = Json.oci().createObjectNode();
        for (Entry e : entries) {
            if (written.add(e.row().id())) file(tar, blobName(e.row().id()), e.row().config());
            for (ImageIndex.Layer l : e.layers()) if (written.add(l.diffId())) layer(tar, l);
            byte[] ociManifest = ociManifest(e);
            String manifestDigest = Digest.sha256(ociManifest).toString();
            if (written.add(manifestDigest)) file(tar, blobName(manifestDigest), ociManifest);
            manifest.add(dockerManifest(e));
            descriptors(e, manifestDigest, ociManifest.length).forEach(index::add);
            for (Reference r : e.refs())
                repositories.withObject("/" + escape(r.name())).put(r.tag(), hex(e.layers().isEmpty() ? e.row().id()
                        : e.layers().getLast().diffId()));
        }
        file(tar, "index.json", bytes(Json.oci().createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json").set("manifests", index)));
        file(tar, "manifest.json", bytes(manifest));
        file(tar, "oci-layout", bytes(Json.oci().createObjectNode().put("imageLayoutVersion", "1.0.0")));
        if (!repositories.isEmpty()) file(tar, "repositories", bytes(repositories));
        tar.finish();
        out.flush();
    }

    private static ObjectNode dockerManifest(Entry e) {
        ObjectNode m = Json.oci().createObjectNode().put("Config", blobName(e.row().id()));
        if (e.refs().isEmpty()) m.putNull("RepoTags");
        else e.refs().forEach(r -> m.withArray("RepoTags").add(r.toString()));
        ArrayNode layers = m.putArray("Layers");
        e.layers().forEach(l -> layers.add(blobName(l.diffId())));
        return m;
    }

    private byte[] ociManifest(Entry e) throws IOException {
        ObjectNode m = Json.oci().createObjectNode().put("schemaVersion", 2).put("mediaType", MANIFEST_TYPE);
        m.putObject("config").put("mediaType", CONFIG_TYPE).put("digest", e.row().id()).put("size", e.row().config().length);
        ArrayNode layers = m.putArray("layers");
        for (ImageIndex.Layer l : e.layers())
            layers.addObject().put("mediaType", LAYER_TYPE).put("digest", l.diffId()).put("size", size(l));
        return bytes(m);
    }

    /** One descriptor per name (containerd's full name and the tag, as Docker writes them), or one bare. */
    private static List<ObjectNode> descriptors(Entry e, String digest, int size) {
        List<ObjectNode> out = new ArrayList<>();
        for (Reference r : e.refs()) {
            ObjectNode d = descriptor(digest, size);
            d.putObject("annotations").put("io.containerd.image.name", fullName(r))
                    .put("org.opencontainers.image.ref.name", r.tag());
            out.add(d);
        }
        if (out.isEmpty()) out.add(descriptor(digest, size));
        return out;
    }

    private static ObjectNode descriptor(String digest, int size) {
        return Json.oci().createObjectNode().put("mediaType", MANIFEST_TYPE).put("digest", digest).put("size", size);
    }

    /** {@code busybox:latest} → {@code docker.io/library/busybox:latest}. */
    static String fullName(Reference r) {
        String first = r.name().contains("/") ? r.name().substring(0, r.name().indexOf('/')) : "";
        boolean domain = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (domain) return r.toString();
        return "docker.io/" + (r.name().contains("/") ? "" : "library/") + r;
    }

    private void layer(TarArchiveOutputStream tar, ImageIndex.Layer l) throws IOException {
        var entry = new TarArchiveEntry(blobName(l.diffId()));
        entry.setSize(size(l));
        entry.setMode(0100644);
        entry.setModTime(new Date(0));
        tar.putArchiveEntry(entry);
        try (InputStream in = uncompressed(l)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
    }

    /** The layer's uncompressed size: the blob's own when it is the uncompressed tar (its digest is the diff ID). */
    private long size(ImageIndex.Layer l) throws IOException {
        Long known = sizes.get(l.diffId());
        if (known != null) return known;
        long size;
        if (l.blob().equals(l.diffId())) size = layerFiles.get(l.diffId()).size();
        else try (InputStream in = uncompressed(l)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        sizes.put(l.diffId(), size);
        return size;
    }

    private InputStream uncompressed(ImageIndex.Layer l) throws IOException {
        FileChannel ch = layerFiles.get(l.diffId()).position(0);
        InputStream raw = new FilterInputStream(Channels.newInputStream(ch)) {
            @Override
            public void close() {} // the channel stays open for the next read
        };
        return l.blob().equals(l.diffId()) ? raw : Compression.decompressed(raw);
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setMode(040755);
        entry.setModTime(new Date(0));
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(data.length);
        entry.setMode(0100644);
        entry.setModTime(new Date(0));
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static String blobName(String digest) {
        return "blobs/sha256/" + hex(digest);
    }

    private static String hex(String digest) {
        return Digest.parse(digest).hex();
    }

    /** JSON pointer escaping for a repository name used as a key. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static byte[] bytes(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return Json.oci().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        layerFiles.values().forEach(ImageArchive::closeQuietly);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // a read-only channel: nothing is lost
        }
    }
}
