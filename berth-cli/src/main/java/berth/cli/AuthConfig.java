package berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Credentials for one registry, as docker's CLI hands them to the daemon. Empty strings mean absent (docker's
 * omitempty). {@link #toString()} never shows the password or token.
 */
record AuthConfig(String username, String password, String serverAddress, String identityToken) {
    static AuthConfig anonymous(String serverAddress) { return new AuthConfig("", "", serverAddress, ""); }

    boolean isEmpty() { return username.isEmpty() && password.isEmpty() && identityToken.isEmpty(); }

    /** The JSON of {@code POST /auth} and, base64url-encoded, of X-Registry-Auth ({@code {}} when anonymous). */
    ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        put(o, "username", username);
        put(o, "password", password);
        put(o, "serveraddress", isEmpty() ? "" : serverAddress);
        put(o, "identitytoken", identityToken);
        return o;
    }

    /** The X-Registry-Auth header value: docker sends {@code e30=} ({@code {}}) when it has no credentials. */
    String header() {
        return Base64.getUrlEncoder().encodeToString(json().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void put(ObjectNode o, String key, String value) {
        if (!value.isEmpty()) {
            o.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "AuthConfig[username=" + username + ", serverAddress=" + serverAddress + ", secret="
                + (password.isEmpty() && identityToken.isEmpty() ? "none" : "hidden") + "]";
    }
}
