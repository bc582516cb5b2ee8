package berth.runtime;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Reads a container log as the monitor writes it (conmon's k8s-file format: one record per line,
 * {@code <RFC3339Nano time> <stdout|stderr> <P|F> <content>}, P marking a partial line).
 */
public interface LogReader {

    /** The reader for conmon's k8s-file logs. */
    static LogReader conmonLogs() {
        return new K8sFileLogReader();
    }

    /**
     * Feeds every entry of the log at {@code path} to {@code sink}, oldest first. With {@code follow},
     * keeps waiting for new entries while {@code running} says true, and returns once it says false and
     * everything written has been fed. Returns early when {@code sink} returns false. A missing file is an
     * empty log.
     */
    void read(Path path, boolean follow, BooleanSupplier running, Predicate<LogEntry> sink);
}
