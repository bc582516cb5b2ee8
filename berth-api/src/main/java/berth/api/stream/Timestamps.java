package berth.api.stream;

import berth.common.BerthException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Times as Docker's log endpoints write and read them. */
public final class Timestamps {

    /** Go's RFC3339NanoFixed: always nine fraction digits, so log lines align. */
    private static final DateTimeFormatter NANO_FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant t) {
        return NANO_FIXED.format(t);
    }

    /**
     * Reads {@code since}/{@code until}: Unix seconds with an optional fraction ("1700000000.5"), as the
     * docker CLI sends them, or an RFC 3339 time. Empty and "0" mean unset.
     */
    public static Optional<Instant> parse(String value) {
        var v = value.trim();
        if (v.isEmpty() || v.equals("0")) return Optional.empty();
        try {
            if (v.matches("-?\\d+(\\.\\d+)?")) return Optional.of(fromUnix(new BigDecimal(v)));
            return Optional.of(Instant.parse(v));
        } catch (RuntimeException e) {
            throw BerthException.invalid("invalid timestamp: " + value);
        }
    }

    private static Instant fromUnix(BigDecimal seconds) {
        var whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        var nanos = seconds.subtract(whole).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }
}
