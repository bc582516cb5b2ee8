package berth.cli;

import berth.client.ApiException;
import berth.client.Archives;
import berth.client.Archives.PathStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth cp}: copies between a container and the local filesystem, with docker's rules for
 * directories, trailing "/" and "/.", symlinks (-L) and tar streams ("-").
 */
@Command(name = "cp", description = "Copy files/folders between a container and the local filesystem",
        footer = {"", "Use '-' as the source to read a tar archive from stdin", "and extract it to a directory destination in a container.",
                "Use '-' as the destination to stream a tar archive of a", "container source to stdout."})
final class CpCommand extends ClientVerb {
    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)") boolean archive;
    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH") boolean followLink;
    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "SRC_PATH") String source;
    @Parameters(index = "1", paramLabel = "DEST_PATH") String destination;

    CpCommand(Session session) { super(session); }

    /** {@code CONTAINER:PATH} or a local path (absolute paths and "./x:y" are always local). */
    record Location(Optional<String> container, String path) {
        static Location parse(String arg) {
            if (arg.startsWith("/") || arg.startsWith(".")) return new Location(Optional.empty(), arg);
            int colon = arg.indexOf(':');
            return colon < 0 ? new Location(Optional.empty(), arg)
                    : new Location(Optional.of(arg.substring(0, colon)), arg.substring(colon + 1));
        }
    }

    @Override
    public Integer call() {
        Location src = Location.parse(source);
        Location dst = Location.parse(destination);
        if (src.container().isPresent() && dst.container().isPresent())
            throw new CliException(1, "copying between containers is not supported");
        if (src.container().isEmpty() && dst.container().isEmpty())
            throw new CliException(1, "must specify at least one container source");
        try {
            if (src.container().isPresent()) fromContainer(src.container().get(), src.path(), dst.path());
            else toContainer(src.path(), dst.container().get(), dst.path());
        } catch (IOException e) {
            throw new CliException(1, e.getMessage());
        }
        return 0;
    }

    private Archives archives() {
        return session.client().archives();
    }

    private void fromContainer(String container, String srcPath, String dstArg) throws IOException {
        if (srcPath.isEmpty()) throw new CliException(1, "source path cannot be empty");
        String rebaseName = "";
        if (followLink) {
            PathStat stat = archives().stat(container, srcPath);
            if (stat.isSymlink()) {
                String target = stat.linkTarget().startsWith("/") ? stat.linkTarget()
                        : GoPaths.join(GoPaths.splitDirEntry(srcPath)[0], stat.linkTarget());
                String[] rebased = rebaseName(srcPath, target);
                srcPath = rebased[0];
                rebaseName = rebased[1];
            }
        }
        try (Archives.Archive a = archives().get(container, srcPath)) {
            if (dstArg.equals("-")) {
                a.tar().transferTo(session.out());
                session.out().flush();
                return;
            }
            String dstPath = local(dstArg);
            InputStream content = a.tar();
            var srcInfo = new CopyPlan.Info(srcPath, true, a.stat().isDirectory(), rebaseName);
            java.util.function.UnaryOperator<String> preRebase = rebaseName.isEmpty()
                    ? java.util.function.UnaryOperator.identity()
                    : CopyPlan.rebase(GoPaths.splitDirEntry(srcPath)[1], rebaseName);
            CopyPlan plan = CopyPlan.of(srcInfo, localDestination(dstPath));
            LocalUntar.extract(content, Path.of(plan.extractDir()), name -> plan.rename().apply(preRebase.apply(name)));
            copied(dstArg);
        }
    }

    private void toContainer(String srcArg, String container, String dstPath) throws IOException {
        CopyPlan.Info dstInfo = containerDestination(container, dstPath);
        if (srcArg.equals("-")) {
            if (!dstInfo.isDir()) throw new CliException(1, "destination \"" + container + ":" + dstPath + "\" must be a directory");
            archives().put(container, dstInfo.path(), session.in(), true, archive);
            return;
        }
        CopyPlan.Info srcInfo = localSource(local(srcArg));
        CopyPlan plan = CopyPlan.of(srcInfo, dstInfo);
        // The tar is made while it is sent: a writer thread fills a pipe the request body reads.
        PipedInputStream body = new PipedInputStream(1 << 16);
        PipedOutputStream pipe = new PipedOutputStream(body);
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (pipe) {
                LocalTar.write(srcInfo.path(), srcInfo.rebaseName(), plan.rename(), pipe);
            } catch (IOException e) {
                failure.set(e);
            }
        });
        try {
            archives().put(container, plan.extractDir(), body, true, archive);
        } finally {
            body.close();
            join(writer);
        }
        if (failure.get() != null) throw failure.get();
        copied(container + ":" + dstPath);
    }

    /** docker stats the destination, follows one symlink there, and refuses devices. */
    private CopyPlan.Info containerDestination(String container, String dstPath) {
        String path = dstPath;
        Optional<PathStat> stat = statIfPresent(container, path);
        if (stat.isPresent() && stat.get().isSymlink()) {
            String target = stat.get().linkTarget();
            path = target.startsWith("/") ? target : GoPaths.join(GoPaths.splitDirEntry(dstPath)[0], target);
            stat = statIfPresent(container, path);
        }
        if (stat.isPresent() && stat.get().isDeviceOrIrregular())
            throw new CliException(1, "destination \"" + container + ":" + dstPath + "\" must be a directory or a regular file");
        return new CopyPlan.Info(path, stat.isPresent(), stat.map(PathStat::isDirectory).orElse(false), "");
    }

    private Optional<PathStat> statIfPresent(String container, String path) {
        try {
            return Optional.of(archives().stat(container, path));
        } catch (ApiException e) {
            if (e.isNotFound() && containerExists(container)) return Optional.empty();
            throw e;
        }
    }

    /** A HEAD answer has no body: tell a missing container from a missing path by asking. */
    private boolean containerExists(String container) {
        session.client().containers().inspect(container);
        return true;
    }

    /** The local source as docker cp resolves it: links before the last component followed (all with -L). */
    private CopyPlan.Info localSource(String path) throws IOException {
        String resolved;
        String rebaseName = "";
        try {
            if (followLink) {
                String[] r = rebaseName(path, Path.of(path).toRealPath().toString());
                resolved = r[0];
                rebaseName = r[1];
            } else {
                String[] split = GoPaths.split(path);
                String dir = split[0].isEmpty() ? "." : split[0];
                resolved = Path.of(dir).toRealPath() + "/" + split[1];
                if (GoPaths.hasTrailingSeparator(path) && !GoPaths.base(path).equals(GoPaths.base(resolved)))
                    rebaseName = GoPaths.base(path);
            }
            boolean followLast = GoPaths.assertsDirectory(resolved);
            boolean isDir = followLast ? Files.isDirectory(Path.of(resolved))
                    : Files.isDirectory(Path.of(resolved), LinkOption.NOFOLLOW_LINKS);
            if (!Files.exists(Path.of(resolved), LinkOption.NOFOLLOW_LINKS)) throw new NoSuchFileException(resolved);
            return new CopyPlan.Info(resolved, true, isDir, rebaseName);
        } catch (NoSuchFileException e) {
            throw new CliException(1, "lstat " + path + ": no such file or directory");
        }
    }

    /** docker's GetRebaseName: keep "/." and "/" of the asked path on the resolved one; rename when the base
     * name changed. Returns the resolved path and the rebase name ("" when none). */
    private static String[] rebaseName(String path, String resolved) {
        String out = resolved;
        if (GoPaths.specifiesCurrentDir(path) && !GoPaths.specifiesCurrentDir(out)) out += "/.";
        if (GoPaths.hasTrailingSeparator(path) && !GoPaths.hasTrailingSeparator(out)) out += "/";
        String rebase = GoPaths.base(path).equals(GoPaths.base(out)) ? "" : GoPaths.base(path);
        return new String[]{out, rebase};
    }

    /** The local destination: symlinks followed (up to 10); a missing one needs an existing parent directory. */
    private static CopyPlan.Info localDestination(String path) {
        String current = path;
        for (int hops = 0; hops <= 10; hops++) {
            Path p = Path.of(current);
            if (!Files.isSymbolicLink(p)) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return new CopyPlan.Info(current, true, Files.isDirectory(p), "");
                String parent = GoPaths.splitDirEntry(current)[0];
                if (!Files.exists(Path.of(parent))) throw new CliException(1, "stat " + parent + ": no such file or directory");
                if (!Files.isDirectory(Path.of(parent))) throw new CliException(1, "not a directory");
                return new CopyPlan.Info(current, false, false, "");
            }
            try {
                String target = Files.readSymbolicLink(p).toString();
                current = target.startsWith("/") ? target : GoPaths.join(GoPaths.splitDirEntry(current)[0], target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new CliException(1, "too many symlinks in " + path);
    }

    /** An absolute local path, keeping a trailing "/" or "/.". */
    private static String local(String path) {
        return GoPaths.preserveTrailingDotOrSeparator(GoPaths.clean(Path.of(path).toAbsolutePath().toString()), path);
    }

    private void copied(String where) {
        if (!quiet && StdStreams.stderrIsTerminal()) session.err().println("Successfully copied to " + where);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
