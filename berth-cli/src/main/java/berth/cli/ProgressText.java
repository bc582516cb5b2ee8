package berth.cli;

import berth.cli.JsonMessage.Progress;
import java.time.Duration;
import java.time.Instant;

/**
 * A progress detail as docker's CLI writes it: {@code [=====>     ]  1.2MB/3.4MB 5s}. The bar only on a
 * terminal wider than 110 columns, the time left only wider than 50 and before the bar is full; byte
 * counts in decimal units (counts with their own units as {@code 3/7 layers}).
 */
final class ProgressText {
    private static final int BAR = 50;

    private ProgressText() {}

    static String of(Progress p, int width, Instant now) {
        if (p.current() <= 0 && p.total() <= 0) {
            return "";
        }
        if (p.total() <= 0) {
            return p.units().isEmpty() ? pad(Units.humanSize(p.current())) : p.current() + " " + p.units();
        }
        int filled = Math.min(BAR, (int) ((double) p.current() / p.total() * 100) / 2);
        String bar = width > 110 ? "[" + "=".repeat(filled) + ">" + " ".repeat(BAR - filled) + "] " : "";
        return bar + counts(p) + timeLeft(p, filled, width, now);
    }

    /** Whether a message with this detail shows a bar (docker skips such messages when not on a terminal). */
    static boolean isEmpty(Progress p) { return p.current() <= 0 && p.total() <= 0; }

    private static String counts(Progress p) {
        if (p.hideCounts()) {
            return "";
        }
        boolean wonky = p.current() > p.total(); // a total that the count overtook is not shown
        if (p.units().isEmpty()) {
            String current = pad(Units.humanSize(p.current()));
            return wonky ? current : current + "/" + Units.humanSize(p.total());
        }
        return wonky ? p.current() + " " + p.units() : p.current() + "/" + p.total() + " " + p.units();
    }

    private static String timeLeft(Progress p, int filled, int width, Instant now) {
        if (p.current() <= 0 || p.start() <= 0 || filled >= BAR || width <= 50) {
            return "";
        }
        long elapsedNanos = Duration.between(Instant.ofEpochSecond(p.start()), now).toNanos();
        long perUnit = elapsedNanos / p.current();
        long leftSeconds = (p.total() - p.current()) * perUnit / 1_000_000_000L;
        return " " + goDuration(leftSeconds);
    }

    /** Go's time.Duration text for whole seconds: 0s, 45s, 2m0s, 1h0m5s. */
    static String goDuration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
        return (h > 0 ? h + "h" + m + "m" : m + "m") + s + "s";
    }

    private static String pad(String s) { return " ".repeat(Math.max(0, 8 - s.length())) + s; }
}
