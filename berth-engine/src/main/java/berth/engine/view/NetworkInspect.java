package berth.engine.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A network as {@code GET /networks} and {@code GET /networks/{id}} show it, field for field as Docker names them. */
public record NetworkInspect(String name, String id, String created, String scope, String driver,
                             @JsonProperty("EnableIPv6") boolean enableIPv6, @JsonProperty("IPAM") Ipam ipam,
                             boolean internal, boolean attachable, boolean ingress, ConfigFrom configFrom,
                             boolean configOnly, Map<String, Attached> containers, Map<String, String> options,
                             Map<String, String> labels) {

    public record Ipam(String driver, Map<String, String> options, List<PoolConfig> config) {}

    public record PoolConfig(String subnet, String gateway) {}

    public record ConfigFrom(String network) {}

    /** A container with an endpoint on the network. */
    public record Attached(String name, @JsonProperty("EndpointID") String endpointId, String macAddress,
                           @JsonProperty("IPv4Address") String ipv4Address, @JsonProperty("IPv6Address") String ipv6Address) {}
}
