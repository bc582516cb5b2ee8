package berth.api.handlers.image;

import berth.api.http.Response;
import berth.common.BerthException;
import berth.engine.Engine;
import java.util.Map;

/**
 * {@code POST /images/create?fromImage=}: berth cannot pull yet. An image already here is reported up to
 * date (compose pulls before it runs); any other is a 404, which the docker CLI prints before exiting 125.
 */
record ImagePull(Engine engine) {

    void run(String ref, Response res) {
        try {
            engine.images().get(ref);
        } catch (BerthException.NotFound e) {
            throw BerthException.notFound("pull access denied for " + familiar(ref)
                    + ", repository does not exist or may require 'docker login': berth cannot pull from registries yet");
        }
        try (var out = res.stream("application/json")) {
            out.writeJson(Map.of("status", "Status: Image is up to date for " + ref));
        }
    }

    /** How Docker names an image in messages: without the implied registry, library/ and :latest. */
    static String familiar(String ref) {
        var name = ref.replaceFirst("^docker\\.io/", "").replaceFirst("^library/", "");
        return name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
    }
}
