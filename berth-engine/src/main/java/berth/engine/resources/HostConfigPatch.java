package berth.engine.resources;

import berth.common.Json;
import berth.engine.model.HostConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Changes one field of a HostConfig by its wire name, so that HostConfig may grow without this class knowing. */
record HostConfigPatch(HostConfig base) {
    HostConfig restartPolicy(HostConfig.RestartPolicy policy) {
        ObjectNode node = Json.docker().valueToTree(base);
        node.set("RestartPolicy", Json.docker().valueToTree(policy));
        try {
            return Json.docker().treeToValue(node, HostConfig.class).normalized();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("HostConfig does not read back its own JSON", e);
        }
    }
}
