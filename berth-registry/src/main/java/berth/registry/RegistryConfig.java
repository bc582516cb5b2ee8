package berth.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which registries berthd may talk to over plain HTTP, as dockerd's {@code --insecure-registry}: host[:port]
 * names and CIDRs. Loopback registries (localhost, 127.0.0.0/8, ::1) are insecure without being listed.
 * Insecure ones are still tried over https first, as Docker does.
 */
public record RegistryConfig(List<String> insecureRegistries, java.time.Duration tlsProbe) {
    /** How long an insecure registry may take to answer a TLS hello before berth talks HTTP to it. */
    public static final java.time.Duration TLS_PROBE = java.time.Duration.ofSeconds(3);

    public RegistryConfig {
        insecureRegistries = List.copyOf(insecureRegistries);
    }

    public RegistryConfig(List<String> insecureRegistries) {
        this(insecureRegistries, TLS_PROBE);
    }

    public static RegistryConfig defaults() {
        return new RegistryConfig(List.of());
    }

    /** {@code host} is an endpoint such as {@code localhost:5000} or {@code [::1]:5000}. */
    public boolean isInsecure(String endpoint) {
        String lower = endpoint.toLowerCase(Locale.ROOT);
        String host = hostOf(lower);
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("::1")) return true;
        for (String entry : insecureRegistries) {
            String e = entry.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceAll("/+$", "");
            if (e.equals(lower) || e.equals(host)) return true;
            if (e.contains("/") && inCidr(host, e)) return true;
        }
        return false;
    }

    static String hostOf(String endpoint) {
        if (endpoint.startsWith("[")) return endpoint.substring(1, endpoint.indexOf(']'));
        int colon = endpoint.lastIndexOf(':');
        return colon < 0 ? endpoint : endpoint.substring(0, colon);
    }

    /** Only literal addresses are matched against CIDRs: resolving names here would reach DNS per request. */
    private static boolean inCidr(String host, String cidr) {
        if (!host.matches("[0-9.]+|[0-9a-f:]+")) return false;
        try {
            byte[] addr = InetAddress.getByName(host).getAddress();
            String[] parts = cidr.split("/");
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            int bits = Integer.parseInt(parts[1]);
            if (addr.length != net.length) return false;
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((addr[i / 8] & mask) != (net[i / 8] & mask)) return false;
            }
            return true;
        } catch (UnknownHostException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }
}
