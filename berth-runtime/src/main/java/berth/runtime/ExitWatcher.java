package berth.runtime;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Watches the directory where monitors write exit files ({@code <id>} holding the exit code as text) and
 * tells the listeners once per recorded exit. conmon writes a temporary file and renames it, so only
 * names of known containers ({@code known}) count.
 */
final class ExitWatcher {
    private static final System.Logger LOG = System.getLogger(ExitWatcher.class.getName());

    private final Path dir;
    private final Predicate<String> known;
    private final List<ContainerRuntime.ExitListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final WatchService watcher;

    ExitWatcher(Path dir, Predicate<String> known) {
        this.dir = dir;
        this.known = known;
        try {
            watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot watch " + dir + ": " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("berth-exit-watcher").start(this::loop);
    }

    void onExit(ContainerRuntime.ExitListener listener) {
        listeners.add(listener);
    }

    /** Reads the exit code recorded for {@code id}, if any. */
    OptionalInt exitCode(String id) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(dir.resolve(id)).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Reports {@code id}'s exit if it is recorded and not reported yet (covers exits raced with start). */
    void check(String id) {
        OptionalInt code = exitCode(id);
        if (code.isPresent() && known.test(id) && reported.add(id)) notify(id, code.getAsInt());
    }

    /** Forgets what was reported for {@code id}, so that its next run is reported again. */
    void forget(String id) {
        reported.remove(id);
    }

    void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing exit watcher", e);
        }
    }

    private void loop() {
        try {
            for (WatchKey key = watcher.take(); ; key = watcher.take()) {
                key.pollEvents().forEach(this::handle);
                if (!key.reset()) return;
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the runtime is shutting down
        }
    }

    private void handle(WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) rescan();
        else if (event.context() instanceof Path name) check(name.toString());
    }

    private void rescan() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            files.forEach(f -> check(f.getFileName().toString()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "rescanning " + dir, e);
        }
    }

    private void notify(String id, int code) {
        for (var listener : listeners) {
            try {
                listener.exited(id, code);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "exit listener failed for " + id, e);
            }
        }
    }

}
