package berth.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's /etc/resolv.conf from the host's, with Docker's rules: nameservers on 127.x (and IPv6 ones,
 * as berth's networks are IPv4 only) cannot be reached from a container's namespace, so they are dropped, and
 * Google's public resolvers stand in when none is left; --dns, --dns-search and --dns-option replace the
 * host's lines of their kind ("." as a search domain means none).
 */
public final class ResolvConf {
    static final List<String> FALLBACK = List.of("8.8.8.8", "8.8.4.4");
    private static final Path HOST = Path.of("/etc/resolv.conf");
    /** Where systemd-resolved keeps the real upstream servers when /etc/resolv.conf names its 127.0.0.53 stub. */
    private static final Path RESOLVED = Path.of("/run/systemd/resolve/resolv.conf");

    private ResolvConf() {}

    /** The host's resolv.conf text, or the one behind systemd-resolved's stub. */
    public static String host() {
        String text = read(HOST);
        boolean stubOnly = parse(text).nameservers.stream().allMatch(ns -> ns.startsWith("127.")) && Files.exists(RESOLVED);
        return stubOnly && !text.isEmpty() ? read(RESOLVED) : text;
    }

    /** For a private network namespace. */
    public static String forContainer(String hostText, List<String> dns, List<String> search, List<String> options) {
        Parsed host = parse(hostText);
        List<String> servers = dns.isEmpty()
                ? host.nameservers.stream().filter(ns -> Ipv4.isValid(ns) && !Ipv4.parse(ns).isLoopback()).toList()
                : dns;
        if (servers.isEmpty()) servers = FALLBACK;
        List<String> domains = search.isEmpty() ? host.search : search.stream().filter(d -> !d.equals(".")).toList();
        List<String> opts = options.isEmpty() ? host.options : options;
        return render(servers, domains, opts);
    }

    /** On a user network: its DNS server (the gateway) alone; search domains and options as for the host. */
    public static String forUserNetwork(String hostText, Ipv4 dnsServer, List<String> search, List<String> options) {
        Parsed host = parse(hostText);
        return render(List.of(dnsServer.toString()),
                search.isEmpty() ? host.search : search.stream().filter(d -> !d.equals(".")).toList(),
                options.isEmpty() ? host.options : options);
    }

    /** The nameservers a resolv.conf names, in order. */
    public static List<String> nameservers(String text) {
        return parse(text).nameservers;
    }

    /** For the host's network: the host's file, with only what the user asked for replaced. */
    public static String forHostNetwork(String hostText, List<String> dns, List<String> search, List<String> options) {
        if (dns.isEmpty() && search.isEmpty() && options.isEmpty()) return hostText;
        Parsed host = parse(hostText);
        return render(dns.isEmpty() ? host.nameservers : dns,
                search.isEmpty() ? host.search : search.stream().filter(d -> !d.equals(".")).toList(),
                options.isEmpty() ? host.options : options);
    }

    private static String render(List<String> servers, List<String> search, List<String> options) {
        StringBuilder s = new StringBuilder();
        servers.forEach(ns -> s.append("nameserver ").append(ns).append('\n'));
        if (!search.isEmpty()) s.append("search ").append(String.join(" ", search)).append('\n');
        if (!options.isEmpty()) s.append("options ").append(String.join(" ", options)).append('\n');
        return s.toString();
    }

    private record Parsed(List<String> nameservers, List<String> search, List<String> options) {}

    private static Parsed parse(String text) {
        List<String> ns = new ArrayList<>(), search = new ArrayList<>(), options = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || f[0].startsWith("#") || f[0].startsWith(";")) continue;
            List<String> rest = List.of(f).subList(1, f.length);
            switch (f[0]) {
                case "nameserver" -> ns.add(f[1]);
                case "search", "domain" -> { search.clear(); search.addAll(rest); } // the last one wins
                case "options" -> options.addAll(rest);
                default -> { }
            }
        }
        return new Parsed(ns, search, options);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
