package berth.registry;

import java.util.Optional;

/**
 * A registry said no, or could not be reached. {@code status} is the HTTP status (0 when there was no
 * answer), {@code code} the distribution error code ({@code MANIFEST_UNKNOWN}, {@code NAME_UNKNOWN},
 * {@code DENIED}, {@code UNAUTHORIZED}, ...) when the registry gave one. Messages never hold credentials.
 */
public final class RegistryException extends RuntimeException {
    private final int status;
    private final String code;
    private final String detail;

    public RegistryException(int status, String code, String detail, Throwable cause) {
        super(describe(code, detail), cause);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    static RegistryException unreachable(String what, Throwable cause) {
        return new RegistryException(0, "", what, cause);
    }

    public int status() {
        return status;
    }

    /** The first error code the registry sent, empty when none. */
    public Optional<String> code() {
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }

    public boolean unreachable() {
        return status == 0;
    }

    /** {@code unauthorized}, {@code manifest unknown}: how Docker prints a code before its message. */
    public String codeText() {
        return code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    public String detail() {
        return detail;
    }

    private static String describe(String code, String detail) {
        if (code.isEmpty()) return detail;
        return code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail;
    }
}
