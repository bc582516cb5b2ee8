package berth.cli;

import berth.client.ApiException;
import berth.client.Response;
import java.util.function.Function;

/**
 * The credentials pull and push send (X-Registry-Auth): those stored for the reference's registry, else none
 * ({@code {}}). As docker's CLI, a 401 from the daemon is answered once by asking the user on the terminal.
 */
final class RegistryAuth {
    private RegistryAuth() {}

    static AuthConfig stored(Session session, String server) {
        DockerConfig config = DockerConfig.load(session);
        return config.storeFor(server, session).get(server).orElse(AuthConfig.anonymous(server));
    }

    /** Calls the daemon with the stored credentials; after a 401, once more with what the user types. */
    static Response call(Session session, ImageName ref, String verb, Function<String, Response> request) {
        AuthConfig auth = stored(session, ref.registryKey());
        try {
            return request.apply(auth.header());
        } catch (ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            session.out().print("\nLogin prior to " + verb + ":\n");
            session.out().flush();
            return request.apply(CredentialPrompt.ask(session, ref.registryKey(), "", auth.username()).header());
        }
    }
}
