package berth.api.handlers.container;

import berth.api.http.JsonBodies;
import berth.engine.model.NetworkingConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The create body's NetworkingConfig. Clients before API 1.44 send the MAC address as Config.MacAddress; it
 * becomes the endpoint setting of the container's network, where newer clients put it.
 */
final class CreateNetworking {
    private CreateNetworking() {}

    static NetworkingConfig of(JsonNode body) {
        JsonNode node = body.path("NetworkingConfig");
        NetworkingConfig asked = node.isObject() ? JsonBodies.convert(node, NetworkingConfig.class) : NetworkingConfig.EMPTY;
        String mac = body.path("MacAddress").asText("");
        if (mac.isEmpty()) return asked;
        String network = body.path("HostConfig").path("NetworkMode").asText("");
        String key = network.isEmpty() ? "default" : network;
        Map<String, NetworkingConfig.EndpointSettings> all = new HashMap<>(asked.endpointsConfig());
        var old = all.get(key);
        all.put(key, new NetworkingConfig.EndpointSettings(old == null ? null : old.ipamConfig(),
                old == null ? null : old.aliases(), old != null && old.macAddress() != null && !old.macAddress().isEmpty()
                        ? old.macAddress() : mac));
        return new NetworkingConfig(all);
    }
}
