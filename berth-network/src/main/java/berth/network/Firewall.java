package berth.network;

import java.util.List;

/** NAT and filtering for the daemon's bridges. Each {@link #apply} replaces the whole rule set atomically. */
public interface Firewall {

    void apply(State state);

    /** What the rules are made from: the bridge networks and the published ports. */
    record State(List<Bridge> bridges, List<Dnat> dnats) {
        public State {
            bridges = List.copyOf(bridges);
            dnats = List.copyOf(dnats);
        }
    }

    /** A bridge network: traffic from {@code subnet} leaving by another interface is masqueraded unless internal. */
    record Bridge(String name, Subnet subnet, boolean internal) {}

    /** Traffic to a local {@code hostIp} ("0.0.0.0": any) and {@code hostPort} goes to {@code target:targetPort}. */
    record Dnat(String hostIp, String proto, int hostPort, Ipv4 target, int targetPort) {}
}
