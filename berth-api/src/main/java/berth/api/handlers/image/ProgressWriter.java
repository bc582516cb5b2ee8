package berth.api.handlers.image;

import berth.api.http.ChunkedStream;
import berth.api.http.Response;
import berth.common.BerthException;
import berth.image.Progress;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Docker's JSON progress stream for pulls and pushes. The 200 and its stream start with the first message,
 * so an error before it is still an HTTP status; after it, an error is an {@code errorDetail} message.
 */
final class ProgressWriter implements Progress, AutoCloseable {
    private static final int BAR = 50;
    private final Response res;
    private ChunkedStream out;

    ProgressWriter(Response res) {
        this.res = res;
    }

    @Override
    public synchronized void emit(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", e.status());
        if (!e.id().isEmpty()) {
            Map<String, Long> detail = new LinkedHashMap<>();
            if (e.hasBar()) {
                detail.put("current", e.current());
                if (e.total() > 0) detail.put("total", e.total());
            }
            if (e.hasBar() || !e.status().startsWith("Pulling from")) m.put("progressDetail", detail);
            if (e.hasBar()) m.put("progress", bar(e.current(), e.total()));
            m.put("id", e.id());
        }
        send(m);
    }

    @Override
    public synchronized void pushed(PushResult r) {
        Map<String, Object> aux = new LinkedHashMap<>(); // Docker's order and keys
        aux.put("Tag", r.tag());
        aux.put("Digest", r.digest());
        aux.put("Size", r.size());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("progressDetail", Map.of());
        m.put("aux", aux);
        send(m);
    }

    /** A client that went away cancels its pull or push, as with dockerd: the next progress report throws,
     * and what is complete stays for the next pull (nothing half-made is indexed). */
    private void send(Map<String, Object> message) {
        if (!stream().writeJson(message)) throw new BerthException.SystemFault("cancelled: the client went away");
    }

    synchronized boolean started() {
        return out != null;
    }

    synchronized void error(String message) {
        Map<String, Object> m = new LinkedHashMap<>(); // Docker's order
        m.put("errorDetail", Map.of("message", message));
        m.put("error", message);
        stream().writeJson(m);
    }

    private ChunkedStream stream() {
        if (out == null) out = res.stream("application/json");
        return out;
    }

    @Override
    public synchronized void close() {
        if (out != null) out.close();
    }

    /** What dockerd renders for clients that do not draw bars themselves: {@code [====>   ]  1.2MB/4.5MB}. */
    static String bar(long current, long total) {
        if (total <= 0) return String.format(Locale.ROOT, "%8s", human(current));
        int filled = (int) Math.min(BAR, current * 100 / total / 2);
        String box = "[" + "=".repeat(filled) + ">" + " ".repeat(BAR - filled) + "] ";
        String numbers = current > total ? String.format(Locale.ROOT, "%8s", human(current))
                : String.format(Locale.ROOT, "%8s/%s", human(current), human(total));
        return box + numbers;
    }

    /** go-units' HumanSize: decimal units, four significant digits ({@code 1.235MB}, {@code 512B}). */
    static String human(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        int i = 0;
        while (size >= 1000 && i < units.length - 1) {
            size /= 1000;
            i++;
        }
        String digits = new java.math.BigDecimal(size).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return digits + units[i];
    }
}
