package berth.client;

/** The first byte of a multiplexed frame header. */
public enum StreamType {
    STDIN, STDOUT, STDERR, SYSTEMERR;

    static StreamType of(int code) {
        return switch (code) {
            case 0 -> STDIN;
            case 1 -> STDOUT;
            case 2 -> STDERR;
            case 3 -> SYSTEMERR;
            default -> throw new IllegalStateException("bad stream type " + code + " in multiplexed stream");
        };
    }
}
