package berth.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a client asked for a container on one network (Docker's EndpointSettings in NetworkingConfig):
 * aliases, a fixed IPv4 address and a MAC address, "" when not asked.
 */
public record EndpointConfig(List<String> aliases, @JsonProperty("IPv4Address") String ipv4Address, String macAddress) {

    public static final EndpointConfig NONE = new EndpointConfig(List.of(), "", "");

    public EndpointConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        ipv4Address = ipv4Address == null ? "" : ipv4Address;
        macAddress = macAddress == null ? "" : macAddress;
    }
}
