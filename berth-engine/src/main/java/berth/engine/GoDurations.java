package berth.engine;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's time.Duration text, for Docker's messages: "30s", "1.5s", "500ms", "1m30s", "2h0m0s". */
final class GoDurations {
    private GoDurations() {}

    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) return "0s";
        if (nanos < 1_000) return nanos + "ns";
        if (nanos < 1_000_000) return decimal(nanos, 1_000) + "µs";
        if (nanos < 1_000_000_000) return decimal(nanos, 1_000_000) + "ms";
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        String seconds = decimal(nanos % 60_000_000_000L, 1_000_000_000) + "s";
        if (hours > 0) return hours + "h" + minutes + "m" + seconds;
        if (minutes > 0) return minutes + "m" + seconds;
        return seconds;
    }

    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}
