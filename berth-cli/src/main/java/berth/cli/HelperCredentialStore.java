package berth.cli;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Credentials kept by a docker credential helper, {@code docker-credential-<name>} on PATH, through its
 * protocol: {@code store} reads {@code {"ServerURL","Username","Secret"}} on stdin, {@code get} and
 * {@code erase} read the server URL; {@code get} answers with the same JSON. An identity token is stored
 * with the user name {@code <token>}. As docker does, config.json keeps an empty entry per server so that
 * tools listing {@code auths} see the login.
 */
record HelperCredentialStore(String helper, DockerConfig config, Session session) implements CredentialStore {
    private static final String TOKEN_USER = "<token>";
    private static final String NOT_FOUND = "credentials not found in native keychain";

    @Override
    public Optional<AuthConfig> get(String server) {
        Result r = run("get", server);
        if (r.code() != 0) {
            if (r.out().strip().equals(NOT_FOUND)) {
                return Optional.empty();
            }
            throw new CliException(1, "error getting credentials - err: exit status " + r.code() + ", out: `" + r.out().strip() + "`");
        }
        try {
            JsonNode creds = Json.docker().readTree(r.out());
            String user = creds.path("Username").asText("");
            String secret = creds.path("Secret").asText("");
            return Optional.of(user.equals(TOKEN_USER) ? new AuthConfig("", "", server, secret)
                    : new AuthConfig(user, secret, server, ""));
        } catch (IOException e) {
            throw new CliException(1, "error getting credentials - the helper's answer is not JSON");
        }
    }

    @Override
    public boolean store(AuthConfig auth) {
        ObjectNode creds = Json.docker().createObjectNode()
                .put("ServerURL", auth.serverAddress())
                .put("Username", auth.identityToken().isEmpty() ? auth.username() : TOKEN_USER)
                .put("Secret", auth.identityToken().isEmpty() ? auth.password() : auth.identityToken());
        Result r = run("store", creds.toString());
        if (r.code() != 0) {
            throw new CliException(1, "Error saving credentials: error storing credentials - err: exit status " + r.code()
                    + ", out: `" + r.out().strip() + "`");
        }
        config.auths().putObject(auth.serverAddress());
        config.save();
        return true;
    }

    @Override
    public boolean erase(String server) {
        Result r = run("erase", server);
        boolean inFile = config.auths().remove(server) != null;
        if (inFile) {
            config.save();
        }
        if (r.code() != 0 && !r.out().strip().equals(NOT_FOUND)) {
            throw new CliException(1, "error erasing credentials - err: exit status " + r.code() + ", out: `" + r.out().strip() + "`");
        }
        return r.code() == 0 || inFile;
    }

    private record Result(int code, String out) {}

    /** Runs the helper with {@code input} on stdin; its stderr passes through, its stdout is the answer. */
    private Result run(String action, String input) {
        Path program = program();
        try {
            ProcessBuilder pb = new ProcessBuilder(program.toString(), action)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().clear();
            pb.environment().putAll(session.env());
            Process p = pb.start();
            try (var stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new CliException(1, "error running docker-credential-" + helper + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(1, "interrupted while running docker-credential-" + helper);
        }
    }

    /** Found on the session's PATH (not the JVM's), as the shell would. */
    private Path program() {
        String name = "docker-credential-" + helper;
        for (String dir : session.env().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new CliException(1, "error getting credentials - err: exec: \"" + name
                + "\": executable file not found in $PATH, out: ``");
    }
}
