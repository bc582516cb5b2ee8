package berth.daemon;

/** The version berthd reports. */
final class Version {
    static final String BERTH = "0.1.0";

    private Version() {}
}
