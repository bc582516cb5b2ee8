package berth.runtime;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * What an exec inherits from its container, as Docker: the container's capability set (all of them for
 * {@code exec --privileged}) and its no_new_privs. Read back from the container's config.json, the one
 * record of what the container was given. (Its seccomp filter the runtime applies to execs by itself.)
 */
record ExecConfinement(List<String> capabilities, boolean noNewPrivileges) {

    static ExecConfinement of(Path configJson, ProcessSpec exec) {
        JsonNode process = read(configJson).path("process");
        boolean noNewPrivileges = process.path("noNewPrivileges").asBoolean(false);
        if (exec.privileged()) return new ExecConfinement(Capabilities.ALL, noNewPrivileges);
        JsonNode bounding = process.path("capabilities").path("bounding");
        if (!bounding.isArray()) return new ExecConfinement(Capabilities.DEFAULT, noNewPrivileges);
        var caps = StreamSupport.stream(bounding.spliterator(), false).map(JsonNode::asText).toList();
        return new ExecConfinement(caps, noNewPrivileges);
    }

    private static JsonNode read(Path file) {
        try {
            return Json.oci().readTree(file.toFile());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
