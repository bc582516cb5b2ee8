package berth.network;

import berth.common.BerthException;

/** A container port with its protocol, as Docker keys it: "80/tcp". */
public record PortKey(int port, String proto) implements Comparable<PortKey> {

    public PortKey {
        if (port < 1 || port > 65535) throw BerthException.invalid("invalid port: " + port);
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp"))
            throw BerthException.invalid("invalid proto: " + proto);
    }

    /** "80/tcp", "53/udp", or "80" (tcp). */
    public static PortKey parse(String s) {
        int slash = s.indexOf('/');
        String port = slash < 0 ? s : s.substring(0, slash);
        String proto = slash < 0 ? "tcp" : s.substring(slash + 1).toLowerCase();
        if (!port.matches("\\d{1,5}")) throw BerthException.invalid("invalid containerPort: " + port);
        return new PortKey(Integer.parseInt(port), proto);
    }

    @Override
    public int compareTo(PortKey o) {
        return port != o.port ? Integer.compare(port, o.port) : proto.compareTo(o.proto);
    }

    @Override
    public String toString() {
        return port + "/" + proto;
    }
}
