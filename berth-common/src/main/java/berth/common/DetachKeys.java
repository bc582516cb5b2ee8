package berth.common;

import java.util.Arrays;
import java.util.Locale;

/**
 * The key sequence that detaches a client from a container's terminal, as Docker spells it: comma-separated
 * keys, each a single character or {@code ctrl-<x>} ({@code ctrl-a}..{@code ctrl-z}, {@code ctrl-@},
 * {@code ctrl-[}, {@code ctrl-\}, {@code ctrl-]}, {@code ctrl-^}, {@code ctrl-_}). Default: ctrl-p,ctrl-q.
 */
public record DetachKeys(byte[] sequence) {
    public static final String DEFAULT = "ctrl-p,ctrl-q";

    public DetachKeys {
        sequence = sequence.clone();
    }

    /** Blank means the default; a bad spec is an InvalidArgument with Docker's message. */
    public static DetachKeys parse(String spec) {
        String s = spec == null || spec.isBlank() ? DEFAULT : spec;
        String[] keys = s.split(",", -1);
        byte[] out = new byte[keys.length];
        for (int i = 0; i < keys.length; i++) out[i] = key(keys[i], s);
        return new DetachKeys(out);
    }

    private static byte key(String k, String spec) {
        String lower = k.toLowerCase(Locale.ROOT);
        if (lower.length() == 1) return (byte) k.charAt(0);
        if (lower.startsWith("ctrl-") && lower.length() == 6) {
            char c = lower.charAt(5);
            if (c >= 'a' && c <= 'z') return (byte) (c - 'a' + 1);
            int idx = "@[\\]^_".indexOf(c);
            if (idx >= 0) return (byte) (idx == 0 ? 0 : 27 + idx - 1);
        }
        throw BerthException.invalid("Invalid detach keys (" + spec + ") provided");
    }

    /** A filter for one input stream; it holds back a partial match until it knows. */
    public Filter filter() {
        return new Filter();
    }

    public final class Filter {
        private int matched;

        /** Appends to {@code out} what of {@code buf[0, len)} goes on to the container; true when the
         * sequence is complete (what follows it is dropped). */
        public boolean pass(byte[] buf, int len, java.io.ByteArrayOutputStream out) {
            for (int i = 0; i < len; i++) {
                byte b = buf[i];
                if (b == sequence[matched]) {
                    if (++matched == sequence.length) return true;
                    continue;
                }
                out.write(sequence, 0, matched);
                matched = 0;
                if (b == sequence[0]) matched = 1;
                else out.write(b);
            }
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetachKeys d && Arrays.equals(sequence, d.sequence);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sequence);
    }
}
