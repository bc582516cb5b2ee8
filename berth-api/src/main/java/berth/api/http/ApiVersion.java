package berth.api.http;

import berth.common.BerthException;
import java.util.regex.Pattern;

/** A Docker API version ("1.47"). Paths may carry one ({@code /v1.43/containers/json}); unversioned means
 * the newest. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    public static final ApiVersion MIN = new ApiVersion(1, 24);
    public static final ApiVersion MAX = new ApiVersion(1, 47);

    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)");

    public static ApiVersion parse(String text) {
        var m = FORM.matcher(text);
        if (!m.matches()) throw BerthException.invalid("invalid API version: " + text);
        return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Parses and checks against the supported range, with Docker's messages. */
    public static ApiVersion supported(String text) {
        var v = parse(text);
        if (v.compareTo(MAX) > 0) {
            throw BerthException.invalid("client version " + v + " is too new. Maximum supported API version is " + MAX);
        }
        if (v.compareTo(MIN) < 0) {
            throw BerthException.invalid("client version " + v + " is too old. Minimum supported API version is "
                    + MIN + ", please upgrade your client to a newer version");
        }
        return v;
    }

    public boolean atLeast(int otherMajor, int otherMinor) {
        return compareTo(new ApiVersion(otherMajor, otherMinor)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
