package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Pull and push through docker-java, collecting Docker's progress lines; docker-archive tars for skopeo. */
final class Registries {
    private Registries() {}

    /** Every progress line as "id: status" (or the status alone), and the stream's error if it had one. */
    record Outcome(List<String> lines, String error) {
        boolean has(String line) {
            return lines.stream().anyMatch(l -> l.equals(line) || l.endsWith(": " + line));
        }
    }

    static final class Collector<T extends ResponseItem> extends ResultCallback.Adapter<T> {
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile String error = "";

        @Override
        public void onNext(T item) {
            if (item.getErrorDetail() != null) error = item.getErrorDetail().getMessage();
            else if (item.getStatus() != null) lines.add(item.getId() == null ? item.getStatus() : item.getId() + ": " + item.getStatus());
        }

        Outcome outcome() {
            return new Outcome(List.copyOf(lines), error);
        }
    }

    static Outcome pull(DockerClient client, String reference, AuthConfig auth) throws InterruptedException {
        var cmd = client.pullImageCmd(reference);
        if (auth != null) cmd.withAuthConfig(auth);
        var collector = cmd.exec(new Collector<PullResponseItem>());
        if (!collector.awaitCompletion(300, TimeUnit.SECONDS)) throw new IllegalStateException("pull of " + reference + " hangs");
        return collector.outcome();
    }

    static Outcome push(DockerClient client, String repository, String tag, AuthConfig auth) throws InterruptedException {
        var cmd = client.pushImageCmd(repository).withTag(tag);
        cmd.withAuthConfig(auth == null ? new AuthConfig() : auth);
        var collector = cmd.exec(new Collector<PushResponseItem>());
        if (!collector.awaitCompletion(300, TimeUnit.SECONDS)) throw new IllegalStateException("push of " + repository + " hangs");
        return collector.outcome();
    }

    static AuthConfig auth(TestRegistry registry, String user, String password) {
        return new AuthConfig().withUsername(user).withPassword(password).withRegistryAddress(registry.endpoint());
    }

    /**
     * A docker-archive ({@code docker save}'s format) of uncompressed layer tars, bottom first, with
     * {@code CMD ["sh"]}: what skopeo copies to a registry.
     */
    static Path dockerArchive(Path out, String repoTag, List<Path> layerTars) throws IOException {
        List<String> diffIds = new ArrayList<>();
        for (Path layer : layerTars) diffIds.add("sha256:" + sha256(layer));
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-11-29T00:00:00Z\","
                + "\"config\":{\"Cmd\":[\"sh\"],\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + String.join("\",\"", diffIds) + "\"]}}";
        List<String> layerNames = new ArrayList<>();
        for (int i = 0; i < layerTars.size(); i++) layerNames.add("layer" + i + ".tar");
        String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + repoTag + "\"],\"Layers\":[\""
                + String.join("\",\"", layerNames) + "\"]}]";
        try (var tar = new TarArchiveOutputStream(Files.newOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entry(tar, "config.json", config.getBytes(StandardCharsets.UTF_8));
            entry(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < layerTars.size(); i++) {
                var e = new TarArchiveEntry(layerNames.get(i));
                e.setSize(Files.size(layerTars.get(i)));
                tar.putArchiveEntry(e);
                Files.copy(layerTars.get(i), tar);
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    /** A layer tar holding one file of {@code size} random bytes (incompressible, so its blob is as big). */
    static Path randomFileLayer(Path out, String name, long size) throws IOException {
        var random = new java.util.Random(size);
        try (var tar = new TarArchiveOutputStream(Files.newOutputStream(out))) {
            var e = new TarArchiveEntry(name);
            e.setSize(size);
            tar.putArchiveEntry(e);
            byte[] buf = new byte[64 * 1024];
            for (long left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                tar.write(buf, 0, (int) Math.min(buf.length, left));
            }
            tar.closeArchiveEntry();
        }
        return out;
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        var e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            var md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** skopeo copy to a loopback registry over plain HTTP, with extra flags (compression, format). */
    static void skopeoCopy(String source, String destination, String... flags) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false"));
        if (source.startsWith("docker-archive:")) cmd.remove("--src-tls-verify=false");
        cmd.addAll(List.of(flags));
        cmd.add(source);
        cmd.add(destination);
        Shell.run(cmd);
    }

}
