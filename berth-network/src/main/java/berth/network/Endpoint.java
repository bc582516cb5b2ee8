package berth.network;

import java.util.List;

/**
 * A container's live attachment to a bridge network: its address, MAC, the host end of its veth pair, the
 * interface name inside, and the names the network's DNS server answers for it (none on the default bridge).
 */
public record Endpoint(String networkId, String id, Ipv4 address, int prefix, Ipv4 gateway, String mac, String veth,
                       String ifname, List<String> dnsNames) {
    public Endpoint {
        dnsNames = List.copyOf(dnsNames);
    }
}
