package berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The network flags run and create share (a picocli mixin, inside {@link ContainerOptions}). */
final class NetworkOptions {
    @Option(names = {"-p", "--publish"}, description = "Publish a container's port(s) to the host") List<String> publish = new ArrayList<>();
    @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports") boolean publishAll;
    @Option(names = "--expose", description = "Expose a port or a range of ports") List<String> expose = new ArrayList<>();
    @Option(names = "--dns", description = "Set custom DNS servers") List<String> dns = new ArrayList<>();
    @Option(names = "--dns-search", description = "Set custom DNS search domains") List<String> dnsSearch = new ArrayList<>();
    @Option(names = {"--dns-option", "--dns-opt"}, description = "Set DNS options") List<String> dnsOptions = new ArrayList<>();
    @Option(names = "--add-host", description = "Add a custom host-to-IP mapping (host:ip)") List<String> addHosts = new ArrayList<>();
    @Option(names = "--mac-address", description = "Container MAC address (e.g., 92:d0:c6:0a:29:33)") String macAddress;
    @Option(names = {"--network-alias", "--net-alias"}, description = "Add network-scoped alias for the container") List<String> aliases = new ArrayList<>();
    @Option(names = "--ip", description = "IPv4 address (e.g., 172.30.100.104)") String ip;

    NetworkSpec spec() {
        return new NetworkSpec(publish, publishAll, expose, dns, dnsSearch, dnsOptions, addHosts,
                Optional.ofNullable(macAddress), aliases, Optional.ofNullable(ip));
    }
}
