package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Credentials in config.json's {@code auths}: {@code "auth"} is base64 of user:password, as docker writes it. */
record FileCredentialStore(DockerConfig config) implements CredentialStore {

    @Override
    public Optional<AuthConfig> get(String server) {
        ObjectNode auths = config.auths();
        JsonNode entry = auths.get(server);
        if (entry == null) {
            // docker also finds "http://host" or "https://host/v1/" entries by their host name
            for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext() && entry == null; ) {
                Map.Entry<String, JsonNode> e = it.next();
                entry = CredentialStore.hostname(e.getKey()).equals(server) ? e.getValue() : null;
            }
        }
        return entry == null ? Optional.empty() : Optional.of(decode(entry, server));
    }

    @Override
    public boolean store(AuthConfig auth) {
        ObjectNode entry = config.auths().objectNode();
        if (!auth.username().isEmpty() || !auth.password().isEmpty()) {
            String pair = auth.username() + ":" + auth.password();
            entry.put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        if (!auth.identityToken().isEmpty()) {
            entry.put("identitytoken", auth.identityToken());
        }
        JsonNode before = config.auths().replace(auth.serverAddress(), entry);
        config.save();
        return !entry.equals(before);
    }

    @Override
    public boolean erase(String server) {
        boolean had = config.auths().remove(server) != null;
        config.save();
        return had;
    }

    private static AuthConfig decode(JsonNode entry, String server) {
        String auth = entry.path("auth").asText("");
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (!auth.isEmpty()) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CliException(1, "error getting credentials for " + server + ": the auth field is not base64");
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new CliException(1, "error getting credentials for " + server + ": invalid auth configuration file");
            }
            user = pair.substring(0, colon);
            password = pair.substring(colon + 1).replaceAll("\\x00+$", "");
        }
        return new AuthConfig(user, password, server, entry.path("identitytoken").asText(""));
    }
}
