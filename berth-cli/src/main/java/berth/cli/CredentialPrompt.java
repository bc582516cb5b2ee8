package berth.cli;

import java.io.Console;

/** Asks the user for a name and password on the terminal, as docker's CLI does; refuses without one. */
final class CredentialPrompt {
    private CredentialPrompt() {}

    /** {@code knownUser} is offered as the default ({@code Username (alice): }). */
    static AuthConfig ask(Session session, String server, String givenUser, String knownUser) {
        Console console = System.console();
        if (!Terminal.stdinIsTerminal() || console == null) {
            throw new CliException(1, "Error: Cannot perform an interactive login from a non TTY device");
        }
        String user = givenUser.strip();
        if (user.isEmpty()) {
            if (server.equals(ImageName.INDEX_SERVER)) {
                session.out().println("Log in with your Docker ID or email address to push and pull images from Docker Hub.");
            }
            session.out().print(knownUser.isEmpty() ? "Username: " : "Username (" + knownUser + "): ");
            session.out().flush();
            String line = console.readLine();
            user = line == null || line.strip().isEmpty() ? knownUser : line.strip();
        }
        if (user.isEmpty()) {
            throw new CliException(1, "Error: Non-null Username Required");
        }
        session.out().flush();
        char[] password = console.readPassword("Password: ");
        if (password == null || password.length == 0) {
            throw new CliException(1, "Error: Password Required");
        }
        return new AuthConfig(user, new String(password), server, "");
    }
}
