package berth.api.handlers.system;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.common.BerthException;
import berth.engine.Engine;
import berth.registry.Credentials;
import berth.registry.RegistryException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * {@code POST /auth}: checks a user's credentials against a registry (the CLI's {@code login}). 200
 * {@code Login Succeeded}, 401 when the registry refuses them, 500 when it cannot be reached. Nothing is
 * stored: clients keep their credentials and send them with each pull and push.
 */
public record AuthHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        JsonNode body = req.bodyAs(JsonNode.class).orElseThrow(() -> BerthException.invalid("missing auth config"));
        String server = body.path("serveraddress").asText(body.path("ServerAddress").asText(""));
        try {
            engine.images().login(server, Credentials.fromJson(body));
        } catch (RegistryException e) {
            res.json(e.status() == 401 ? 401 : 500, Map.of("message", e.status() == 401 ? e.detail() : e.getMessage()));
            return;
        }
        res.json(Map.of("Status", "Login Succeeded", "IdentityToken", ""));
    }
}
