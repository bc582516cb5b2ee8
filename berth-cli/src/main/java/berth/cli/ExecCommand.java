package berth.cli;

import berth.client.Hijack;
import berth.common.DetachKeys;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth exec}: create an exec instance, start it attached (or -d), exit with its code. */
@Command(name = "exec", description = "Execute a command in a running container")
final class ExecCommand extends ClientVerb implements TakesCommandLine {
    @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background") boolean detach;
    @Option(names = {"-e", "--env"}, description = "Set environment variables") List<String> env = new ArrayList<>();
    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container") String workdir;
    @Option(names = {"-u", "--user"}, description = "Username or UID (format: <name|uid>[:<group|gid>])") String user;
    @Option(names = "--privileged", description = "Give extended privileges to the command") boolean privileged;
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached") boolean interactive;
    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY") boolean tty;
    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND") List<String> command;

    ExecCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Terminal.requireForInteractiveTty(interactive && !detach, tty);
        String execId = containers().createExec(container, body());
        if (detach) {
            containers().startExecDetached(execId, tty);
            return 0;
        }
        DetachKeys keys = AttachedRun.parseKeys(detachKeys);
        try (Hijack h = containers().startExecAttached(execId, tty)) {
            if (StdinPump.session(session, h, interactive, tty, keys,
                    (rows, cols) -> containers().resizeExec(execId, rows, cols))) return 0;
        }
        return exitCode(execId);
    }

    /** The process's code once the daemon has it: the output can end a moment before the exit is recorded. */
    private int exitCode(String execId) {
        var exec = containers().inspectExec(execId);
        for (int i = 0; i < 250 && exec.path("Running").asBoolean() && exec.path("ExitCode").isNull(); i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            exec = containers().inspectExec(execId);
        }
        return exec.path("ExitCode").asInt();
    }

    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("AttachStdin", interactive && !detach)
                .put("AttachStdout", !detach)
                .put("AttachStderr", !detach)
                .put("Tty", tty)
                .put("Privileged", privileged)
                .put("DetachKeys", detachKeys);
        command.forEach(body.putArray("Cmd")::add);
        List<String> resolved = env.stream().map(e -> EnvFile.flag(e, k -> Optional.ofNullable(session.env().get(k)))).toList();
        if (!resolved.isEmpty()) {
            resolved.forEach(body.putArray("Env")::add);
        }
        Optional.ofNullable(workdir).ifPresent(w -> body.put("WorkingDir", w));
        Optional.ofNullable(user).ifPresent(u -> body.put("User", u));
        return body;
    }
}
