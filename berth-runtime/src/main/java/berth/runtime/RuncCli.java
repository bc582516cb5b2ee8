package berth.runtime;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's command line (runc and crun share it), always with our own {@code --root} so that two
 * daemons with different exec roots never see each other's containers.
 */
final class RuncCli {
    private final RuntimeBinary binary;
    private final Path root;

    RuncCli(RuntimeBinary binary, Path root) {
        this.binary = binary;
        this.root = root;
    }

    RuntimeBinary binary() { return binary; }

    Path root() { return root; }

    void start(String id) { check(run("start", id)); }

    void pause(String id) { check(run("pause", id)); }

    void resume(String id) { check(run("resume", id)); }

    /** {@code resources}: an OCI LinuxResources document; what it leaves out stays as it is. */
    void update(String id, Path resources) { check(run("update", "--resources", resources.toString(), id)); }

    /** Deletes the runtime's state (and the container's cgroup); nothing to do when it keeps none. */
    void delete(String id) {
        if (knows(id)) check(run("delete", "--force", id));
    }

    Command.Result kill(String id, int signal) { return run("kill", id, Integer.toString(signal)); }

    /** The runtime's state document, empty when it does not know the container. */
    Optional<JsonNode> state(String id) {
        if (!knows(id)) return Optional.empty();
        Command.Result result = run("state", id);
        if (!result.ok()) {
            if (notFound(result)) return Optional.empty();
            throw new RuntimeFailure(message(result));
        }
        try {
            return Optional.of(Json.oci().readTree(result.stdout()));
        } catch (IOException e) {
            throw new RuntimeFailure("unreadable state of " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the runtime keeps state for the container: runc and crun both keep it in a directory named after
     * the id under {@code --root}, from {@code create} until {@code delete}. Asking the runtime itself costs a
     * process (~30 ms); a created-but-never-started or already-deleted container (every {@code rm} of an
     * exited one, every {@code run --rm}) would pay for one or two such calls for nothing.
     */
    private boolean knows(String id) {
        return Files.isDirectory(root.resolve(id));
    }

    /** The last error the runtime wrote to its JSON log file, if any. */
    static Optional<String> lastLoggedError(Path log) {
        try {
            return Files.readAllLines(log).reversed().stream().filter(l -> l.contains("\"error\""))
                    .map(RuncCli::msg).flatMap(Optional::stream).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean notFound(Command.Result result) {
        String err = result.stderr();
        return err.contains("does not exist") || err.contains("not found") || err.contains("No such file");
    }

    private Command.Result run(String... args) {
        var argv = new ArrayList<>(List.of(binary.executable().toString(), "--root", root.toString(),
                "--log-format", "json"));
        argv.addAll(List.of(args));
        return Command.run(argv);
    }

    private void check(Command.Result result) {
        if (!result.ok()) throw new RuntimeFailure(message(result));
    }

    /** The last error the runtime logged (JSON lines with "msg", or plain text), without trailing newline. */
    static String message(Command.Result result) {
        List<String> lines = result.stderr().lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) return "runtime exited with status " + result.exitCode();
        return lines.reversed().stream().map(RuncCli::msg).flatMap(Optional::stream).findFirst()
                .orElse(lines.getLast()).strip();
    }

    static Optional<String> msg(String line) {
        try {
            JsonNode node = Json.oci().readTree(line);
            return Optional.ofNullable(node.get("msg")).map(JsonNode::asText);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
