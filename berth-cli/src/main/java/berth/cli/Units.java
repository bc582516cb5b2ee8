package berth.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** Docker's human units (go-units): "About a minute", "4.26MB", "23.47GiB". */
final class Units {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private Units() {}

    /** How long ago, as docker's CREATED column says it (append " ago" yourself). */
    static String humanDuration(Duration d) {
        return berth.common.HumanDuration.of(d);
    }

    /** Decimal units, 4 significant digits: docker's HumanSize. */
    static String humanSize(double bytes) { return humanSize(bytes, 4); }

    /** Decimal units with the given significant digits (images and ps use 3). */
    static String humanSize(double bytes, int precision) { return scaled(bytes, 1000, DECIMAL, precision); }

    /** Binary units, 4 significant digits: docker's BytesSize (info's Total Memory). */
    static String bytesSize(double bytes) { return scaled(bytes, 1024, BINARY, 4); }

    private static String scaled(double size, double base, String[] units, int precision) {
        int i = 0;
        while (size >= base && i < units.length - 1) {
            size /= base;
            i++;
        }
        return formatG(size, precision) + units[i];
    }

    /** Go's {@code %.Ng}: N significant digits, no trailing zeros, exponent form when it is too big or small. */
    static String formatG(double v, int precision) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            return mantissa.toPlainString() + "e" + sign + String.format("%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
