package berth.network;

/** A host port that forwards to a container port: {@code hostIp} "0.0.0.0" for every address. */
public record PublishedPort(String hostIp, int hostPort, int containerPort, String proto) {

    public PortKey key() {
        return new PortKey(containerPort, proto);
    }

    public boolean anyAddress() {
        return hostIp.equals("0.0.0.0");
    }

    /** Two publications clash when they share protocol and port and one of them covers the other's address. */
    public boolean clashesWith(PublishedPort o) {
        return proto.equals(o.proto) && hostPort == o.hostPort
                && (anyAddress() || o.anyAddress() || hostIp.equals(o.hostIp));
    }

    @Override
    public String toString() {
        return hostIp + ":" + hostPort + "->" + containerPort + "/" + proto;
    }
}
