package berth.cli;

import berth.client.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth login}: the daemon checks the credentials with the registry ({@code POST /auth}), then they are
 * stored as docker stores them (config.json or a credential helper). Without a name and password, stored
 * credentials are tried first, then the terminal is asked.
 */
@Command(name = "login", description = "Authenticate to a registry")
final class LoginCommand extends ClientVerb {
    private static final String UNENCRYPTED = """

            WARNING! Your credentials are stored unencrypted in '%s'.
            Configure a credential helper to remove this warning. See
            https://docs.docker.com/go/credential-store/

            """;

    @Option(names = {"-u", "--username"}, description = "Username") String username = "";
    @Option(names = {"-p", "--password"}, description = "Password") String password;
    @Option(names = "--password-stdin", description = "Take the password from stdin") boolean passwordStdin;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER") String server;

    LoginCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        String secret = password();
        String address = serverAddress(server);
        DockerConfig config = DockerConfig.load(session);
        CredentialStore store = config.storeFor(address, session);
        Optional<Login> done = Optional.empty();
        if (username.isEmpty() && secret.isEmpty()) {
            done = withStored(store, address);
        }
        Login login = done.orElseGet(() -> {
            AuthConfig typed = secret.isEmpty() || username.isEmpty()
                    ? CredentialPrompt.ask(session, address, username, "")
                    : new AuthConfig(username.strip(), secret, address, "");
            return authenticate(typed);
        });
        boolean changed = store.store(login.auth());
        if (changed && store instanceof FileCredentialStore && !login.auth().password().isEmpty()) {
            session.out().flush();
            session.err().print(UNENCRYPTED.formatted(config.file()));
            session.err().flush(); // before "Login Succeeded", as docker shows them on one terminal
        }
        session.out().println(login.status());
        return 0;
    }

    private record Login(AuthConfig auth, String status) {}

    private String password() {
        if (password != null && passwordStdin) {
            throw new CliException(1, "conflicting options: cannot specify both --password and --password-stdin");
        }
        if (passwordStdin) {
            if (username.isEmpty()) {
                throw new CliException(1, "Must provide --username with --password-stdin");
            }
            return readStdin();
        }
        if (password != null) {
            session.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            return password;
        }
        return "";
    }

    private String readStdin() {
        try {
            String all = new String(session.in().readAllBytes(), StandardCharsets.UTF_8);
            return all.replaceAll("[\r\n]+$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stored credentials that the registry still accepts; empty (so the user is asked) when it refuses them. */
    private Optional<Login> withStored(CredentialStore store, String address) {
        Optional<AuthConfig> stored = store.get(address).filter(a -> !a.isEmpty());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        session.out().print("Authenticating with existing credentials... [Username: " + stored.get().username() + "]\n\n"
                + " Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n");
        try {
            return Optional.of(authenticate(stored.get()));
        } catch (ApiException refused) {
            session.err().println(refused.status() == 401 ? "Stored credentials invalid or expired"
                    : "Login did not succeed, error: Error response from daemon: " + refused.getMessage());
            return Optional.empty();
        }
    }

    /** {@code POST /auth}; an identity token, when the registry hands one out, replaces the password. */
    private Login authenticate(AuthConfig auth) {
        JsonNode answer = session.client().auth(auth.json());
        String token = answer.path("IdentityToken").asText("");
        AuthConfig kept = token.isEmpty() ? auth : new AuthConfig(auth.username(), "", auth.serverAddress(), token);
        return new Login(kept, answer.path("Status").asText("Login Succeeded"));
    }

    /** Docker Hub's key for no server or one of its names; else the host name (no scheme, no path). */
    static String serverAddress(String server) {
        if (server == null || server.isBlank()) {
            return ImageName.INDEX_SERVER;
        }
        String host = CredentialStore.hostname(server.strip());
        return switch (host) {
            case "docker.io", "index.docker.io", "registry-1.docker.io" -> ImageName.INDEX_SERVER;
            default -> server.strip().equals(ImageName.INDEX_SERVER) ? ImageName.INDEX_SERVER : host;
        };
    }
}
