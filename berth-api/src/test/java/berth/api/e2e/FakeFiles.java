package berth.api.e2e;

import berth.common.BerthException;
import berth.engine.ContainerFiles;
import berth.image.FileChange;
import berth.image.PathStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Canned file answers for container "web": /etc/hosts exists (a 5-byte "tar"), nothing else does. */
final class FakeFiles implements ContainerFiles {
    static final PathStat HOSTS = new PathStat("hosts", 5, 0644, Instant.parse("2024-01-02T03:04:05Z"), "");
    volatile String extracted = "";
    volatile CommitRequest committed;

    @Override
    public List<FileChange> changes(String ref) {
        web(ref);
        return List.of(new FileChange("/etc", FileChange.Kind.MODIFIED), new FileChange("/etc/x", FileChange.Kind.ADDED),
                new FileChange("/tmp/y", FileChange.Kind.DELETED));
    }

    @Override
    public PathStat stat(String ref, String path) {
        web(ref);
        if (!path.equals("/etc/hosts")) throw BerthException.notFound("Could not find the file " + path + " in container " + ref);
        return HOSTS;
    }

    @Override
    public void archive(String ref, String path, Function<PathStat, OutputStream> open) {
        write(open.apply(stat(ref, path)), "hosts");
    }

    @Override
    public void extract(String ref, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid) {
        web(ref);
        try {
            extracted = path + " " + noOverwriteDirNonDir + " " + copyUidGid + " " + new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void export(String ref, Supplier<OutputStream> open) {
        web(ref);
        write(open.get(), "everything");
    }

    @Override
    public String commit(CommitRequest request) {
        web(request.container());
        committed = request;
        return "sha256:" + "d".repeat(64);
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void web(String ref) {
        if (!ref.equals("web")) throw BerthException.notFound("No such container: " + ref);
    }
}
