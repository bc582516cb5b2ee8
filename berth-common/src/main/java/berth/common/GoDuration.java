package berth.common;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/** Go's time.ParseDuration, as docker's duration flags take it: "1m30s", "500ms", "1.5h", "-2s", "0". */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {}

    /** Nanoseconds; IllegalArgumentException with Go's message when the text is not a duration. */
    public static long parseNanos(String text) {
        String s = text;
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) s = s.substring(1);
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        var m = PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                boolean unitless = s.substring(at).matches("[\\d.]+");
                throw new IllegalArgumentException(unitless ? "time: missing unit in duration \"" + text + "\""
                        : "time: invalid duration \"" + text + "\"");
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNIT_NANOS.get(m.group(2)))));
            at = m.end();
        }
        long nanos = total.longValue();
        return negative ? -nanos : nanos;
    }
}
