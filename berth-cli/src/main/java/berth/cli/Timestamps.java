package berth.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** --since / --until values as docker reads them: a Go duration back from now, a unix time, or a date. */
final class Timestamps {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+");

    private Timestamps() {}

    /** The API's form: "seconds.nanoseconds" since the epoch (or the unix time as given). */
    static String parse(String value, Instant now) {
        if (value.matches("\\d+(\\.\\d+)?")) {
            return value;
        }
        if (DURATION.matcher(value).matches()) {
            return format(now.minusNanos(nanos(value)));
        }
        return format(instant(value));
    }

    private static long nanos(String duration) {
        BigDecimal total = BigDecimal.ZERO;
        Matcher m = DURATION_PART.matcher(duration);
        while (m.find()) {
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        return total.longValue();
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notZoned) {
            try {
                return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
                } catch (DateTimeParseException e) {
                    throw new CliException(1, "invalid value for \"since\"/\"until\": " + value);
                }
            }
        }
    }

    private static String format(Instant t) { return t.getEpochSecond() + "." + String.format("%09d", t.getNano()); }
}
