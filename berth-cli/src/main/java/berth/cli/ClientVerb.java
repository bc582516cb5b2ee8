package berth.cli;

import berth.client.ApiException;
import berth.client.Containers;
import berth.client.Images;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Base of the verbs that talk to the daemon. */
abstract class ClientVerb implements Callable<Integer> {
    protected final Session session;

    ClientVerb(Session session) { this.session = session; }

    Containers containers() { return session.client().containers(); }

    Images images() { return session.client().images(); }

    /**
     * Docker's way with several arguments (rm, stop, kill...): an API error on one is reported and the
     * others still run; the exit code is 1 if any failed.
     */
    int forEach(List<String> args, Consumer<String> action) {
        int code = 0;
        for (String arg : args) {
            try {
                action.accept(arg);
            } catch (ApiException e) {
                session.err().println("Error response from daemon: " + e.getMessage());
                code = 1;
            }
        }
        return code;
    }
}
