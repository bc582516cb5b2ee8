package berth.network;

import berth.common.BerthException;
import berth.sys.NetOs;
import java.util.List;

/** The address pool of a new user network: as asked (checked), or the first free of Docker's default pools. */
final class UserPool {
    private UserPool() {}

    static Network.Pool choose(NetworkService.CreateRequest r, List<Network> bridges, List<NetOs.Route> routes) {
        if (r.subnet().isEmpty()) {
            if (!r.gateway().isEmpty() || !r.ipRange().isEmpty())
                throw BerthException.invalid("a gateway or an ip-range needs a subnet");
            return free(bridges, routes);
        }
        Subnet subnet = Subnet.parse(r.subnet());
        if (subnet.prefix() > 30) throw BerthException.invalid("invalid subnet " + subnet + ": too small for a network");
        for (Network n : bridges) {
            if (n.pool().subnet().overlaps(subnet))
                throw BerthException.forbidden("Pool overlaps with other one on this address space");
        }
        Ipv4 gateway = r.gateway().isEmpty() ? subnet.firstHost() : Ipv4.parse(r.gateway());
        if (!subnet.contains(gateway) || gateway.equals(subnet.network()) || gateway.equals(subnet.broadcast()))
            throw BerthException.invalid("no matching subnet for gateway " + gateway);
        if (!r.ipRange().isEmpty()) {
            Subnet range = Subnet.parse(r.ipRange());
            if (!subnet.contains(range.network()) || range.prefix() < subnet.prefix())
                throw BerthException.invalid("no matching subnet for range " + r.ipRange());
            return new Network.Pool(subnet, gateway, range.toString());
        }
        return new Network.Pool(subnet, gateway, "");
    }

    private static Network.Pool free(List<Network> bridges, List<NetOs.Route> routes) {
        for (String candidate : candidates()) {
            Subnet s = Subnet.parse(candidate);
            boolean taken = bridges.stream().anyMatch(n -> n.pool().subnet().overlaps(s))
                    || !DefaultPool.free(s, "", routes);
            if (!taken) return new Network.Pool(s, s.firstHost(), "");
        }
        throw BerthException.fault("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network", null);
    }

    /** Docker's default pools: 172.17-31.0.0/16, then 192.168.0.0/20 in steps of 16. */
    private static List<String> candidates() {
        var all = new java.util.ArrayList<String>();
        for (int i = 17; i <= 31; i++) all.add("172." + i + ".0.0/16");
        for (int i = 0; i < 256; i += 16) all.add("192.168." + i + ".0/20");
        return all;
    }
}
