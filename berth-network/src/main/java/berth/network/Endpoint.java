package berth.network;

import java.util.List;

/** A container's live attachment to a bridge network: its address, MAC, and the host end of its veth pair. */
public record Endpoint(String networkId, String id, Ipv4 address, int prefix, Ipv4 gateway, String mac, String veth,
                       List<String> aliases) {
    public Endpoint {
        aliases = List.copyOf(aliases);
    }
}
