package berth.network;

import berth.common.BerthException;
import java.util.List;

/** A container's /etc/hosts as Docker writes it: localhost lines, --add-host entries, then the container itself. */
public final class HostsFile {
    private static final String DEFAULTS = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private HostsFile() {}

    /**
     * @param extraHosts  "name:ip" or "name=ip"; the ip "host-gateway" is replaced by {@code hostGateway}
     * @param ownAddress  the container's address, "" when it has none (--network none)
     * @param names       the container's names on that address (FQDN first, then the hostname, then aliases)
     */
    public static String render(List<String> extraHosts, String hostGateway, String ownAddress, List<String> names) {
        StringBuilder s = new StringBuilder(DEFAULTS);
        for (String entry : extraHosts) {
            String[] hostAndIp = parseExtraHost(entry);
            String ip = hostAndIp[1].equals("host-gateway") ? hostGateway : hostAndIp[1];
            s.append(ip).append('\t').append(hostAndIp[0]).append('\n');
        }
        if (!ownAddress.isEmpty() && !names.isEmpty()) s.append(ownAddress).append('\t').append(String.join(" ", names)).append('\n');
        return s.toString();
    }

    /** Docker's "host:ip" (split at the first colon, so IPv6 addresses keep theirs) or the newer "host=ip". */
    public static String[] parseExtraHost(String entry) {
        int eq = entry.indexOf('=');
        int sep = eq >= 0 ? eq : entry.indexOf(':');
        if (sep <= 0 || sep == entry.length() - 1) throw BerthException.invalid("bad format for add-host: \"" + entry + "\"");
        String ip = entry.substring(sep + 1);
        if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
        if (!ip.equals("host-gateway") && !Ipv4.isValid(ip) && !ip.contains(":"))
            throw BerthException.invalid("invalid IP address in add-host: \"" + ip + "\"");
        return new String[] {entry.substring(0, sep), ip};
    }
}
