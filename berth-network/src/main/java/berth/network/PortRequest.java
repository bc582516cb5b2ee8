package berth.network;

import berth.common.BerthException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One host port to publish for a container port: {@code hostFrom..hostTo} is the range to pick from (both 0
 * for any free port), {@code hostIp} is "" for every address.
 */
public record PortRequest(PortKey container, String hostIp, int hostFrom, int hostTo) {

    /**
     * Docker's HostConfig.PortBindings ({@code {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}}, HostPort
     * "", "8080" or "8000-8010"), plus every exposed port not bound explicitly when {@code publishAll} (-P).
     */
    public static List<PortRequest> of(Map<String, Object> bindings, boolean publishAll, Collection<String> exposed) {
        Map<PortKey, List<PortRequest>> byPort = new TreeMap<>();
        bindings.forEach((key, value) -> {
            PortKey port = PortKey.parse(key);
            List<PortRequest> list = byPort.computeIfAbsent(port, k -> new ArrayList<>());
            if (value instanceof List<?> entries) {
                for (Object e : entries) list.add(entry(port, e instanceof Map<?, ?> m ? m : Map.of()));
            }
            if (list.isEmpty()) list.add(new PortRequest(port, "", 0, 0));
        });
        if (publishAll) {
            for (String e : exposed) byPort.putIfAbsent(PortKey.parse(e), List.of(new PortRequest(PortKey.parse(e), "", 0, 0)));
        }
        return byPort.values().stream().flatMap(List::stream).toList();
    }

    private static PortRequest entry(PortKey port, Map<?, ?> binding) {
        String ip = binding.get("HostIp") instanceof String s ? s : "";
        String hostPort = binding.get("HostPort") instanceof String s ? s.trim() : "";
        if (ip.contains(":")) throw BerthException.invalid("IPv6 host addresses are not supported yet: " + ip);
        if (!ip.isEmpty()) Ipv4.parse(ip);
        if (ip.equals("0.0.0.0")) ip = "";
        if (hostPort.isEmpty()) return new PortRequest(port, ip, 0, 0);
        String[] range = hostPort.split("-", -1);
        int from = number(range[0]), to = range.length > 1 ? number(range[1]) : from;
        if (range.length > 2 || to < from) throw BerthException.invalid("invalid hostPort: " + hostPort);
        return new PortRequest(port, ip, from, to);
    }

    private static int number(String s) {
        if (!s.matches("\\d{1,5}") || Integer.parseInt(s) > 65535) throw BerthException.invalid("invalid hostPort: " + s);
        return Integer.parseInt(s);
    }

    public boolean anyPort() {
        return hostFrom == 0;
    }
}
