package berth.cli;

import java.util.Optional;

/** Where the CLI keeps a registry's credentials: config.json itself, or a docker credential helper. */
sealed interface CredentialStore permits FileCredentialStore, HelperCredentialStore {
    /** The stored credentials of this server, if any. */
    Optional<AuthConfig> get(String server);

    /** Stores them under their server address; true when something changed. */
    boolean store(AuthConfig auth);

    /** Forgets the server; false when nothing was stored for it. */
    boolean erase(String server);

    /** Docker's ConvertToHostname: {@code https://host:5000/v2/} is {@code host:5000}. */
    static String hostname(String server) {
        String s = server.startsWith("http://") ? server.substring(7)
                : server.startsWith("https://") ? server.substring(8) : server;
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }
}
