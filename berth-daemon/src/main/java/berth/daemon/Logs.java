package berth.daemon;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per record on stderr, in the shape dockerd prints: time, level, message. */
final class Logs {
    private Logs() {}

    static void configure(Level level) {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) root.removeHandler(h);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String error = r.getThrown() == null ? "" : " error=\"" + r.getThrown() + "\"";
                return "time=\"" + Instant.ofEpochMilli(r.getMillis()) + "\" level=" + name(r.getLevel())
                        + " msg=\"" + formatMessage(r) + "\"" + error + "\n";
            }
        });
        root.addHandler(handler);
        root.setLevel(level);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    private static String name(Level l) {
        if (l.intValue() >= Level.SEVERE.intValue()) return "error";
        if (l.intValue() >= Level.WARNING.intValue()) return "warning";
        if (l.intValue() >= Level.INFO.intValue()) return "info";
        return "debug";
    }
}
