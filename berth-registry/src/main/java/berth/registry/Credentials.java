package berth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a client gives to reach a registry: a user and password, or an identity token (an OAuth refresh
 * token from a credential helper), or a registry token used as is. {@link #toString()} never shows them,
 * so a record that ends up in a log or a message leaks nothing.
 */
public record Credentials(String username, String password, String identityToken, String registryToken) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
        registryToken = registryToken == null ? "" : registryToken;
    }

    public static Credentials anonymous() {
        return new Credentials("", "", "", "");
    }

    public static Credentials basic(String username, String password) {
        return new Credentials(username, password, "", "");
    }

    /**
     * The {@code X-Registry-Auth} header the docker CLI sends: base64url (padding optional) of JSON
     * {@code {username, password, serveraddress, identitytoken, registrytoken}}. Absent, empty or
     * {@code e30=} ({@code {}}) is anonymous; an unreadable header is anonymous too, as in Docker.
     */
    public static Credentials fromHeader(String header) {
        if (header == null || header.isBlank()) return anonymous();
        try {
            byte[] json = Base64.getUrlDecoder().decode(header.trim().replace('+', '-').replace('/', '_').replace("=", ""));
            return fromJson(JSON.readTree(json));
        } catch (IOException | IllegalArgumentException e) {
            return anonymous();
        }
    }

    /** The {@code POST /auth} body or a decoded header: Docker's AuthConfig field names. */
    public static Credentials fromJson(JsonNode node) {
        if (node == null || !node.isObject()) return anonymous();
        return new Credentials(text(node, "username"), text(node, "password"), text(node, "identitytoken"),
                text(node, "registrytoken"));
    }

    private static String text(JsonNode node, String field) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equalsIgnoreCase(field)) return node.get(name).asText("");
        }
        return "";
    }

    public boolean isAnonymous() {
        return username.isEmpty() && password.isEmpty() && identityToken.isEmpty() && registryToken.isEmpty();
    }

    boolean hasBasic() {
        return !username.isEmpty() || !password.isEmpty();
    }

    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A key for caches: who asks, without the secret in clear. */
    String cacheKey() {
        return username + "#" + Integer.toHexString((password + identityToken + registryToken).hashCode());
    }

    @Override
    public String toString() {
        return isAnonymous() ? "Credentials[anonymous]" : "Credentials[username=" + username + ", secrets redacted]";
    }
}
