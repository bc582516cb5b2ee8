package berth.cli;

import java.util.List;
import java.util.Optional;

/** The network flags of run/create as values; {@link CreateBody} puts them where docker does. */
record NetworkSpec(List<String> publish, boolean publishAll, List<String> expose, List<String> dns,
                   List<String> dnsSearch, List<String> dnsOptions, List<String> addHosts, Optional<String> macAddress,
                   List<String> aliases, Optional<String> ip) {

    static final NetworkSpec NONE = new NetworkSpec(List.of(), false, List.of(), List.of(), List.of(), List.of(),
            List.of(), Optional.empty(), List.of(), Optional.empty());

    NetworkSpec {
        publish = List.copyOf(publish);
        expose = List.copyOf(expose);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOptions = List.copyOf(dnsOptions);
        addHosts = List.copyOf(addHosts);
        aliases = List.copyOf(aliases);
    }

    /** Whether the endpoint on the container's network needs settings of its own. */
    boolean hasEndpointSettings() {
        return macAddress.isPresent() || !aliases.isEmpty() || ip.isPresent();
    }
}
