package berth.network;

import berth.common.BerthException;
import berth.sys.NetOs;
import java.util.List;
import java.util.Optional;

/** Picks the default bridge's subnet: --bip if given, else the stored one, else the first free of Docker's pools. */
final class DefaultPool {
    private DefaultPool() {}

    static Network.Pool choose(String bip, Optional<Network.Pool> stored, String bridge, List<NetOs.Route> routes) {
        if (!bip.isEmpty()) {
            int slash = bip.indexOf('/');
            if (slash < 0) throw BerthException.invalid("invalid --bip " + bip + ": want an address with a prefix, e.g. 172.17.0.1/16");
            Ipv4 gateway = Ipv4.parse(bip.substring(0, slash));
            Subnet subnet = Subnet.parse(bip);
            if (gateway.equals(subnet.network()) || gateway.equals(subnet.broadcast()))
                throw BerthException.invalid("invalid --bip " + bip + ": the bridge needs a host address");
            return new Network.Pool(subnet, gateway);
        }
        if (stored.isPresent()) return stored.get();
        for (int second = 17; second <= 31; second++) {
            Subnet candidate = Subnet.parse("172." + second + ".0.0/16");
            if (free(candidate, bridge, routes)) return new Network.Pool(candidate, candidate.firstHost());
        }
        for (int third = 0; third < 256; third += 16) {
            Subnet candidate = Subnet.parse("192.168." + third + ".0/20");
            if (free(candidate, bridge, routes)) return new Network.Pool(candidate, candidate.firstHost());
        }
        throw BerthException.fault("could not find a free address pool for the default bridge: give one with --bip", null);
    }

    /** Free: no route of another link covers or falls inside it (the default route covers all; it does not count). */
    static boolean free(Subnet candidate, String bridge, List<NetOs.Route> routes) {
        return routes.stream().filter(r -> r.prefix() > 0 && !r.device().equals(bridge))
                .noneMatch(r -> candidate.overlaps(new Subnet(Ipv4.parse(r.destination().getHostAddress()), r.prefix())));
    }
}
