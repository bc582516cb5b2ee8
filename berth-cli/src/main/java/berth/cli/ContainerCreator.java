package berth.cli;

import berth.client.ApiException;
import com.fasterxml.jackson.databind.JsonNode;

/** The create step of run and create, with docker's messages and exit codes for failures. */
final class ContainerCreator {
    private ContainerCreator() {}

    /** Creates the container and returns its full id; prints the daemon's warnings. */
    static String create(Session session, ContainerSpec spec, String verb) {
        try {
            JsonNode created = session.client().containers().create(spec.name(), CreateBody.of(spec));
            created.path("Warnings").forEach(w -> session.err().println("WARNING: " + w.asText()));
            return created.path("Id").asText();
        } catch (ApiException e) {
            if (e.isNotFound() && e.getMessage().contains("No such image")) {
                // docker would pull here; berth has no registry client yet, so it stops at the lookup
                session.err().println("Unable to find image '" + withDefaultTag(spec.image()) + "' locally");
            }
            throw new CliException(125, report(verb, e.getMessage(), true));
        }
    }

    /** docker's reportError: "docker: <error>." and, for usage-like errors, a pointer to --help. */
    static String report(String verb, String message, boolean withHelp) {
        String line = "berth: Error response from daemon: " + stripDot(message) + ".";
        return withHelp ? line + "\nSee 'berth " + verb + " --help'." : line;
    }

    /** docker run's exit code when start fails: 127 command not found, 126 not executable, else 125. */
    static int startFailureCode(String message) {
        if (message.contains("executable file not found") || message.contains("no such file or directory")) {
            return 127;
        }
        if (message.contains("permission denied") || message.contains("is a directory")) {
            return 126;
        }
        return 125;
    }

    /** "busybox" → "busybox:latest", as docker names the image it could not find. */
    static String withDefaultTag(String image) {
        int slash = image.lastIndexOf('/');
        boolean tagged = image.indexOf(':', slash + 1) >= 0 || image.contains("@");
        return tagged ? image : image + ":latest";
    }

    private static String stripDot(String s) { return s.endsWith(".") ? s.substring(0, s.length() - 1) : s; }
}
