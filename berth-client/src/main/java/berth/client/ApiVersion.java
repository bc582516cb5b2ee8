package berth.client;

/** Docker API versions ("1.47"), compared part by part as numbers. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The newest API this client speaks. */
    public static final ApiVersion MAX = new ApiVersion(1, 47);
    /** What docker assumes of a daemon that does not say (ping without Api-Version). */
    public static final ApiVersion FALLBACK = new ApiVersion(1, 24);

    public static ApiVersion parse(String s) {
        int dot = s.indexOf('.');
        if (dot < 0) {
            return new ApiVersion(Integer.parseInt(s.trim()), 0);
        }
        return new ApiVersion(Integer.parseInt(s.substring(0, dot).trim()), Integer.parseInt(s.substring(dot + 1).trim()));
    }

    /** Docker's negotiation: the lower of the daemon's version and ours. */
    public static ApiVersion negotiate(String daemonHeader) {
        if (daemonHeader.isBlank()) {
            return FALLBACK;
        }
        ApiVersion daemon = parse(daemonHeader);
        return daemon.compareTo(MAX) < 0 ? daemon : MAX;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() { return major + "." + minor; }
}
