package berth.image;

import berth.common.Digest;
import berth.common.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds tars in memory for tests: layers, hostile layers, docker-save and OCI layout archives. */
final class Tars {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    Tars() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    Tars dir(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        e.setMode(040755);
        return put(e, new byte[0]);
    }

    Tars file(String name, String content) {
        return file(name, content, 0100644, 0, 0);
    }

    Tars file(String name, String content, int mode, int uid, int gid) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(mode);
        e.setSize(data.length);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(Instant.parse("2020-01-02T03:04:05Z").toEpochMilli());
        return put(e, data);
    }

    Tars symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    Tars hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    Tars charDevice(String name, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        e.setMode(0666);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, new byte[0]);
    }

    Tars fifo(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
        e.setMode(0644);
        return put(e, new byte[0]);
    }

    private Tars put(TarArchiveEntry e, byte[] data) {
        try {
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    byte[] build() {
        try {
            tar.close();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] gzip(byte[] data) {
        try {
            var out = new ByteArrayOutputStream();
            try (var gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A Docker image config for these uncompressed layers. */
    static byte[] config(List<byte[]> layers, Map<String, String> labels, List<String> cmd) {
        ObjectNode root = Json.oci().createObjectNode();
        root.put("architecture", "amd64").put("os", "linux").put("created", "2024-05-06T07:08:09.123456789Z");
        ObjectNode config = root.putObject("config");
        ArrayNode cmdNode = config.putArray("Cmd");
        cmd.forEach(cmdNode::add);
        config.putArray("Env").add("PATH=/usr/bin:/bin");
        ObjectNode labelNode = config.putObject("Labels");
        labels.forEach(labelNode::put);
        ObjectNode rootfs = root.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(Digest.sha256(l).toString()));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A docker-save archive (pre-25 layout: {@code <n>/layer.tar}, {@code <config-hex>.json}). Layers may be gzipped. */
    static byte[] dockerSave(byte[] config, List<byte[]> layerBlobs, List<String> tags) {
        Tars t = new Tars();
        String configName = Digest.sha256(config).hex() + ".json";
        t.put(regular(configName, config.length), config);
        ArrayNode layerNames = Json.oci().createArrayNode();
        for (int i = 0; i < layerBlobs.size(); i++) {
            t.dir("layer" + i);
            t.put(regular("layer" + i + "/layer.tar", layerBlobs.get(i).length), layerBlobs.get(i));
            layerNames.add("layer" + i + "/layer.tar");
        }
        ObjectNode m = Json.oci().createArrayNode().addObject();
        m.put("Config", configName);
        ArrayNode repoTags = m.putArray("RepoTags");
        tags.forEach(repoTags::add);
        m.set("Layers", layerNames);
        byte[] manifest = ("[" + m + "]").getBytes(StandardCharsets.UTF_8);
        t.put(regular("manifest.json", manifest.length), manifest);
        return t.build();
    }

    /** An OCI image layout archive with one manifest named by the given annotations. */
    static byte[] ociLayout(byte[] config, List<byte[]> layerBlobs, Map<String, String> annotations) {
        Tars t = new Tars();
        List<byte[]> blobs = new ArrayList<>(layerBlobs);
        blobs.add(config);
        ObjectNode manifest = Json.oci().createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", Digest.sha256(config).toString()).put("size", config.length);
        ArrayNode layers = manifest.putArray("layers");
        layerBlobs.forEach(l -> layers.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
                .put("digest", Digest.sha256(l).toString()).put("size", l.length));
        byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
        blobs.add(manifestBytes);
        for (byte[] b : blobs) t.put(regular("blobs/sha256/" + Digest.sha256(b).hex(), b.length), b);
        ObjectNode index = Json.oci().createObjectNode().put("schemaVersion", 2);
        ObjectNode desc = index.putArray("manifests").addObject()
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", Digest.sha256(manifestBytes).toString()).put("size", manifestBytes.length);
        ObjectNode ann = desc.putObject("annotations");
        annotations.forEach(ann::put);
        byte[] indexBytes = index.toString().getBytes(StandardCharsets.UTF_8);
        t.put(regular("index.json", indexBytes.length), indexBytes);
        byte[] layout = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
        t.put(regular("oci-layout", layout.length), layout);
        return t.build();
    }

    private static TarArchiveEntry regular(String name, int size) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(0100644);
        e.setSize(size);
        return e;
    }
}
