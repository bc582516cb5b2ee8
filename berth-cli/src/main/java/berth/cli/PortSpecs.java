package berth.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * docker's {@code -p [ip:][hostPort:]containerPort[/proto]} and {@code --expose}: ranges on both sides
 * ("8000-8001:80-81" pairs them up; "8000-8010:80" lets the daemon pick one in the range), IPv6 host
 * addresses in brackets. The result is Config.ExposedPorts and HostConfig.PortBindings, as docker sends them.
 */
record PortSpecs(Set<String> exposed, Map<String, List<Map<String, String>>> bindings) {

    static PortSpecs parse(List<String> publish, List<String> expose) {
        Set<String> exposed = new LinkedHashSet<>();
        Map<String, List<Map<String, String>>> bindings = new LinkedHashMap<>();
        for (String e : expose) {
            String[] pp = protoSplit(e);
            int[] range = range(pp[0], "invalid range format for --expose: " + e);
            for (int p = range[0]; p <= range[1]; p++) exposed.add(p + "/" + pp[1]);
        }
        for (String spec : publish) add(spec, exposed, bindings);
        return new PortSpecs(exposed, bindings);
    }

    private static void add(String spec, Set<String> exposed, Map<String, List<Map<String, String>>> bindings) {
        String ip = "", host = "", rest = spec;
        if (rest.startsWith("[")) { // [::1]:8080:80
            int close = rest.indexOf(']');
            if (close < 0) throw new CliException(125, "invalid IP address: " + spec);
            ip = rest.substring(1, close);
            rest = rest.substring(close + 1);
            if (!rest.startsWith(":")) throw new CliException(125, "invalid port format: " + spec);
            rest = rest.substring(1);
        }
        String[] parts = rest.split(":", -1);
        String container;
        switch (parts.length) {
            case 1 -> container = parts[0];
            case 2 -> { host = parts[0]; container = parts[1]; }
            case 3 -> {
                if (!ip.isEmpty()) throw new CliException(125, "invalid port format: " + spec);
                ip = parts[0]; host = parts[1]; container = parts[2];
            }
            default -> throw new CliException(125, "invalid port format: " + spec);
        }
        String[] pp = protoSplit(container);
        if (!pp[1].equals("tcp") && !pp[1].equals("udp") && !pp[1].equals("sctp"))
            throw new CliException(125, "invalid proto: " + pp[1]);
        int[] cr = range(pp[0], "invalid containerPort: " + pp[0]);
        int[] hr = host.isEmpty() ? new int[] {0, 0} : range(host, "invalid hostPort: " + host);
        int count = cr[1] - cr[0] + 1;
        boolean paired = !host.isEmpty() && hr[1] - hr[0] + 1 == count;
        if (!host.isEmpty() && !paired && count != 1)
            throw new CliException(125, "invalid ranges specified for container and host Ports: " + spec);
        for (int i = 0; i < count; i++) {
            String key = (cr[0] + i) + "/" + pp[1];
            String hostPort = host.isEmpty() ? "" : paired ? Integer.toString(hr[0] + i) : host;
            exposed.add(key);
            bindings.computeIfAbsent(key, k -> new ArrayList<>()).add(Map.of("HostIp", ip, "HostPort", hostPort));
        }
    }

    private static String[] protoSplit(String s) {
        int slash = s.indexOf('/');
        return slash < 0 ? new String[] {s, "tcp"} : new String[] {s.substring(0, slash), s.substring(slash + 1).toLowerCase()};
    }

    private static int[] range(String s, String error) {
        String[] ends = s.split("-", -1);
        if (ends.length > 2) throw new CliException(125, error);
        int from = port(ends[0], error), to = ends.length == 2 ? port(ends[1], error) : from;
        if (to < from) throw new CliException(125, error);
        return new int[] {from, to};
    }

    private static int port(String s, String error) {
        if (!s.matches("\\d{1,5}") || Integer.parseInt(s) > 65535 || Integer.parseInt(s) == 0) throw new CliException(125, error);
        return Integer.parseInt(s);
    }
}
