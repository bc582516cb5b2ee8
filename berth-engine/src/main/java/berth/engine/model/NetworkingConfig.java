package berth.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The create body's NetworkingConfig: per network (by name), the endpoint the client asks for. Null fields
 * are what clients leave out.
 */
public record NetworkingConfig(Map<String, EndpointSettings> endpointsConfig) {

    public static final NetworkingConfig EMPTY = new NetworkingConfig(Map.of());

    public NetworkingConfig {
        endpointsConfig = endpointsConfig == null ? Map.of() : Map.copyOf(endpointsConfig);
    }

    /** Docker's EndpointSettings as a request: a fixed address (IPAMConfig), aliases, a MAC address. */
    public record EndpointSettings(@JsonProperty("IPAMConfig") IpamConfig ipamConfig, List<String> aliases,
                                   String macAddress) {}

    public record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address) {}
}
