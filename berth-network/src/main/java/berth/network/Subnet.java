package berth.network;

import berth.common.BerthException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An IPv4 network in CIDR form; {@code network} has no host bits. */
public record Subnet(Ipv4 network, int prefix) {

    public Subnet {
        if (prefix < 0 || prefix > 32) throw BerthException.invalid("invalid prefix length: " + prefix);
        network = new Ipv4(network.bits() & mask(prefix));
    }

    /** "10.1.2.0/24"; host bits are cleared ("10.1.2.7/24" is 10.1.2.0/24). */
    @JsonCreator
    public static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(slash + 1).matches("\\d{1,2}"))
            throw BerthException.invalid("invalid CIDR address: " + cidr);
        return new Subnet(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public boolean contains(Ipv4 ip) {
        return (ip.bits() & mask(prefix)) == network.bits();
    }

    public boolean overlaps(Subnet other) {
        int common = mask(Math.min(prefix, other.prefix));
        return (network.bits() & common) == (other.network.bits() & common);
    }

    /** The first host address: the gateway, by Docker's convention. */
    public Ipv4 firstHost() {
        return network.plus(1);
    }

    public Ipv4 broadcast() {
        return new Ipv4(network.bits() | ~mask(prefix));
    }

    /** Usable host addresses: the network and broadcast addresses excluded. */
    public long hostCount() {
        return Math.max(0, (1L << (32 - prefix)) - 2);
    }

    @JsonValue
    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
