package berth.network;

import berth.common.BerthException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Addresses on bridge networks. The gateway, the network and broadcast addresses are never given out. Free
 * addresses are handed out round-robin from after the last one given, as Docker does, so that an address
 * just released (whose old veth the kernel may still be tearing down) is not reused at once. In memory;
 * the leases are stored with their sandbox ({@link SandboxStore#putSandbox}).
 */
final class Ipam {
    private final Map<String, Set<Ipv4>> used = new HashMap<>();
    private final Map<String, Ipv4> last = new HashMap<>();

    synchronized void markUsed(String networkId, Ipv4 address) {
        used.computeIfAbsent(networkId, k -> new HashSet<>()).add(address);
    }

    /** The requested address when given (Conflict if taken, InvalidArgument if outside the subnet), else the next free. */
    synchronized Ipv4 allocate(Network network, String requested) {
        Network.Pool pool = network.pool();
        Set<Ipv4> taken = used.computeIfAbsent(network.id(), k -> new HashSet<>());
        if (!requested.isEmpty()) {
            Ipv4 ip = Ipv4.parse(requested);
            if (!pool.subnet().contains(ip) || ip.equals(pool.subnet().network()) || ip.equals(pool.subnet().broadcast()))
                throw BerthException.invalid("no configured subnet or ip-range contain the IP address " + ip);
            if (ip.equals(pool.gateway()) || taken.contains(ip))
                throw BerthException.conflict("Address already in use");
            taken.add(ip);
            return ip;
        }
        Subnet range = pool.range();
        long size = 1L << (32 - range.prefix());
        Ipv4 start = last.getOrDefault(network.id(), range.network());
        long offset = Integer.toUnsignedLong(start.bits()) - Integer.toUnsignedLong(range.network().bits());
        for (long i = 1; i <= size; i++) {
            Ipv4 ip = range.network().plus((offset + i) % size);
            if (ip.equals(pool.gateway()) || taken.contains(ip) || ip.equals(pool.subnet().network())
                    || ip.equals(pool.subnet().broadcast()) || !pool.subnet().contains(ip)) continue;
            taken.add(ip);
            last.put(network.id(), ip);
            return ip;
        }
        throw BerthException.fault("no available IPv4 addresses on this network's address pools: " + network.name()
                + " (" + network.id() + ")", null);
    }

    synchronized void release(String networkId, Ipv4 address) {
        Set<Ipv4> taken = used.get(networkId);
        if (taken != null) taken.remove(address);
    }

    synchronized int inUse(String networkId) {
        return used.getOrDefault(networkId, Set.of()).size();
    }
}
