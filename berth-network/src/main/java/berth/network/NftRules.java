package berth.network;

import java.util.List;

/**
 * The nftables script for a {@link Firewall.State}: one table ({@code ip <name>}) holding everything, replaced
 * in one transaction ("add; delete; define" is nft's idiom for an atomic replace), so that removing berth's
 * rules is one {@code nft delete table}. Published ports live in two maps (any address; one address) looked up
 * by a single DNAT rule each, so the rule count does not grow with the ports.
 */
final class NftRules {
    private NftRules() {}

    static String script(String table, Firewall.State state) {
        StringBuilder s = new StringBuilder();
        s.append("add table ip ").append(table).append('\n');
        s.append("delete table ip ").append(table).append('\n');
        s.append("table ip ").append(table).append(" {\n");
        map(s, "pub_any", "inet_proto . inet_service", state.dnats().stream().filter(d -> d.hostIp().equals("0.0.0.0"))
                .map(d -> d.proto() + " . " + d.hostPort() + " : " + d.target() + " . " + d.targetPort()).toList());
        map(s, "pub_ip", "ipv4_addr . inet_proto . inet_service", state.dnats().stream()
                .filter(d -> !d.hostIp().equals("0.0.0.0"))
                .map(d -> d.hostIp() + " . " + d.proto() + " . " + d.hostPort() + " : " + d.target() + " . " + d.targetPort())
                .toList());
        s.append("""
                  chain publish {
                    dnat ip to ip daddr . meta l4proto . th dport map @pub_ip
                    dnat ip to meta l4proto . th dport map @pub_any
                  }
                  chain prerouting {
                    type nat hook prerouting priority dstnat; policy accept;
                    fib daddr type local jump publish
                  }
                  chain output {
                    type nat hook output priority -100; policy accept;
                    fib daddr type local jump publish
                  }
                """);
        s.append("  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        for (Firewall.Bridge b : state.bridges()) {
            String br = quote(b.name());
            if (!b.internal()) s.append("    ip saddr ").append(b.subnet()).append(" oifname != ").append(br).append(" masquerade\n");
            // the host's own 127.x to a published port (route_localnet lets it out), and a container to a port
            // published by its own network (hairpin): the answer must come back through the host
            s.append("    oifname ").append(br).append(" ip saddr 127.0.0.0/8 masquerade\n");
            s.append("    oifname ").append(br).append(" ip saddr ").append(b.subnet()).append(" ct status dnat masquerade\n");
        }
        s.append("  }\n");
        s.append("  chain forward {\n    type filter hook forward priority filter; policy accept;\n");
        forward(s, state.bridges());
        s.append("  }\n}\n");
        return s.toString();
    }

    /** Internal networks reach nothing beyond their bridge; bridges do not reach each other (Docker's isolation). */
    private static void forward(StringBuilder s, List<Firewall.Bridge> bridges) {
        for (Firewall.Bridge b : bridges) {
            if (b.internal()) {
                s.append("    iifname ").append(quote(b.name())).append(" oifname != ").append(quote(b.name())).append(" drop\n");
                s.append("    oifname ").append(quote(b.name())).append(" iifname != ").append(quote(b.name())).append(" drop\n");
            }
        }
        for (Firewall.Bridge from : bridges) {
            for (Firewall.Bridge to : bridges) {
                if (from != to)
                    s.append("    iifname ").append(quote(from.name())).append(" oifname ").append(quote(to.name())).append(" drop\n");
            }
        }
    }

    /** {@code add} or {@code delete} port mappings in the maps of an existing table, in one transaction. */
    static String elements(String table, String verb, List<Firewall.Dnat> dnats) {
        StringBuilder s = new StringBuilder();
        for (Firewall.Dnat d : dnats) {
            boolean any = d.hostIp().equals("0.0.0.0");
            String key = (any ? "" : d.hostIp() + " . ") + d.proto() + " . " + d.hostPort();
            String element = verb.equals("delete") ? key : key + " : " + d.target() + " . " + d.targetPort();
            s.append(verb).append(" element ip ").append(table).append(any ? " pub_any { " : " pub_ip { ")
                    .append(element).append(" }\n");
        }
        return s.toString();
    }

    private static void map(StringBuilder s, String name, String type, List<String> elements) {
        s.append("  map ").append(name).append(" {\n    type ").append(type).append(" : ipv4_addr . inet_service\n");
        if (!elements.isEmpty()) s.append("    elements = { ").append(String.join(", ", elements)).append(" }\n");
        s.append("  }\n");
    }

    private static String quote(String name) {
        return "\"" + name + "\"";
    }
}
