package berth.client;

/** Nothing listens on the socket (or the socket is missing): the daemon is not running. */
public final class DaemonUnavailableException extends RuntimeException {
    private final DockerHost host;

    public DaemonUnavailableException(DockerHost host, Throwable cause) {
        super("Cannot connect to the berth daemon at " + host.url() + ". Is berthd running? (start it with: berthd)",
                cause);
        this.host = host;
    }

    public DockerHost host() { return host; }
}
