package berth.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** docker's prompt before destructive verbs (the prunes): "y" or "yes", any case, goes on; anything else stops. */
final class Confirmation {
    private Confirmation() {}

    static boolean ask(Session session, String warning) {
        session.out().print(warning + "\nAre you sure you want to continue? [y/N] ");
        session.out().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
