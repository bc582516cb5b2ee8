package berth.network;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A network as berth keeps it. {@code driver} is "bridge", "host" or "null" (Docker's names); a bridge network
 * has one IPAM pool and its Linux bridge {@code bridge}; host and none have neither.
 */
public record Network(String id, String name, String driver, String bridge, List<Pool> pools, Instant created,
                      boolean internal, Map<String, String> options, Map<String, String> labels) {

    public static final String BRIDGE = "bridge", HOST = "host", NONE = "none";

    public Network {
        pools = List.copyOf(pools);
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }

    /** An address pool: the subnet, the gateway (the bridge's own address) and the range addresses are
     * handed out from ("" for the whole subnet). */
    public record Pool(Subnet subnet, Ipv4 gateway, @com.fasterxml.jackson.annotation.JsonProperty("IPRange") String ipRange) {
        public Pool {
            ipRange = ipRange == null ? "" : ipRange;
        }

        public Pool(Subnet subnet, Ipv4 gateway) {
            this(subnet, gateway, "");
        }

        /** Where automatic addresses come from. */
        public Subnet range() {
            return ipRange.isEmpty() ? subnet : Subnet.parse(ipRange);
        }
    }

    /** Named so that Jackson takes it for no property (an "isBridge" would shadow the bridge's name). */
    public boolean bridged() {
        return driver.equals("bridge");
    }

    /** The default bridge, host and none: made by the daemon, never removed. */
    public boolean predefined() {
        return name.equals(BRIDGE) || name.equals(HOST) || name.equals(NONE);
    }

    public Pool pool() {
        return pools.getFirst();
    }
}
