package berth.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The verb table. Only the verb on the command line is turned into a picocli model: building the models of
 * all ~40 commands would cost more start time than the work of most verbs.
 */
final class Verbs {
    /** A verb: its picocli object made on demand, and its other names. */
    record Verb(Function<Session, Object> factory, List<String> aliases) {
        static Verb of(Function<Session, Object> factory, String... aliases) { return new Verb(factory, List.of(aliases)); }
    }

    static final Map<String, Verb> CONTAINER = ordered(
            "run", Verb.of(RunCommand::new), "create", Verb.of(CreateCommand::new),
            "start", Verb.of(StartCommand::new), "stop", Verb.of(StopCommand::new),
            "kill", Verb.of(KillCommand::new), "restart", Verb.of(RestartCommand::new),
            "pause", Verb.of(PauseCommand::new), "unpause", Verb.of(UnpauseCommand::new),
            "wait", Verb.of(WaitCommand::new), "exec", Verb.of(ExecCommand::new),
            "attach", Verb.of(AttachCommand::new),
            "rm", Verb.of(RmCommand::new, "remove"), "rename", Verb.of(RenameCommand::new),
            "update", Verb.of(UpdateCommand::new),
            "ls", Verb.of(PsCommand::new, "ps", "list"), "logs", Verb.of(LogsCommand::new),
            "inspect", Verb.of(s -> new InspectCommand(s, Optional.of("container"))),
            "prune", Verb.of(ContainerPruneCommand::new),
            "diff", Verb.of(DiffCommand::new), "cp", Verb.of(CpCommand::new),
            "export", Verb.of(ExportCommand::new), "commit", Verb.of(CommitCommand::new),
            "top", Verb.of(TopCommand::new), "stats", Verb.of(StatsCommand::new), "port", Verb.of(PortCommand::new));

    static final Map<String, Verb> NETWORK = ordered(
            "ls", Verb.of(NetworkLsCommand::new, "list"), "inspect", Verb.of(NetworkInspectCommand::new),
            "create", Verb.of(NetworkCreateCommand::new), "rm", Verb.of(NetworkRmCommand::new, "remove"),
            "prune", Verb.of(NetworkPruneCommand::new), "connect", Verb.of(NetworkConnectCommand::new),
            "disconnect", Verb.of(NetworkDisconnectCommand::new));

    static final Map<String, Verb> VOLUME = ordered(
            "create", Verb.of(VolumeCreateCommand::new), "ls", Verb.of(VolumeLsCommand::new, "list"),
            "inspect", Verb.of(VolumeInspectCommand::new), "rm", Verb.of(VolumeRmCommand::new, "remove"),
            "prune", Verb.of(VolumePruneCommand::new));

    static final Map<String, Verb> IMAGE = ordered(
            "ls", Verb.of(ImagesCommand::new, "list"), "import", Verb.of(ImportCommand::new),
            "load", Verb.of(LoadCommand::new), "tag", Verb.of(TagCommand::new),
            "rm", Verb.of(RmiCommand::new, "remove"),
            "history", Verb.of(HistoryCommand::new), "save", Verb.of(SaveCommand::new),
            "prune", Verb.of(ImagePruneCommand::new),
            "inspect", Verb.of(s -> new InspectCommand(s, Optional.of("image"))),
            "pull", Verb.of(PullCommand::new), "push", Verb.of(PushCommand::new));

    static final Map<String, Verb> SYSTEM = ordered(
            "df", Verb.of(SystemDfCommand::new), "info", Verb.of(InfoCommand::new),
            "events", Verb.of(EventsCommand::new));

    static final Map<String, Verb> TOP = ordered(
            "run", Verb.of(RunCommand::new), "create", Verb.of(CreateCommand::new),
            "start", Verb.of(StartCommand::new), "stop", Verb.of(StopCommand::new),
            "kill", Verb.of(KillCommand::new), "restart", Verb.of(RestartCommand::new),
            "pause", Verb.of(PauseCommand::new), "unpause", Verb.of(UnpauseCommand::new),
            "wait", Verb.of(WaitCommand::new), "exec", Verb.of(ExecCommand::new),
            "attach", Verb.of(AttachCommand::new),
            "rm", Verb.of(RmCommand::new), "rename", Verb.of(RenameCommand::new),
            "update", Verb.of(UpdateCommand::new),
            "ps", Verb.of(PsCommand::new), "logs", Verb.of(LogsCommand::new),
            "inspect", Verb.of(s -> new InspectCommand(s, Optional.empty())),
            "images", Verb.of(ImagesCommand::new), "import", Verb.of(ImportCommand::new),
            "load", Verb.of(LoadCommand::new), "tag", Verb.of(TagCommand::new),
            "rmi", Verb.of(RmiCommand::new), "history", Verb.of(HistoryCommand::new),
            "save", Verb.of(SaveCommand::new), "version", Verb.of(VersionCommand::new),
            "info", Verb.of(InfoCommand::new),
            "diff", Verb.of(DiffCommand::new), "cp", Verb.of(CpCommand::new),
            "export", Verb.of(ExportCommand::new), "commit", Verb.of(CommitCommand::new),
            "events", Verb.of(EventsCommand::new), "top", Verb.of(TopCommand::new),
            "stats", Verb.of(StatsCommand::new), "port", Verb.of(PortCommand::new),
            "pull", Verb.of(PullCommand::new), "push", Verb.of(PushCommand::new),
            "login", Verb.of(LoginCommand::new), "logout", Verb.of(LogoutCommand::new),
            "network", Verb.of(s -> new GroupCommand.Network()),
            "volume", Verb.of(s -> new GroupCommand.Volume()),
            "container", Verb.of(s -> new GroupCommand.Container()),
            "image", Verb.of(s -> new GroupCommand.Image()),
            "system", Verb.of(s -> new GroupCommand.System()));

    static {
        // picocli probes for Groovy's Closure at start: a class lookup that misses, opening every jar on the
        // class path. Its documented switch turns the probe off (berth has no Groovy).
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    private Verbs() {}

    /** The command line for these arguments, with models only for the verb (and sub-verb) they name. */
    static CommandLine commandLine(Session session, String[] args) {
        CommandLine root = configure(new CommandLine(new BerthCommand(session)), session);
        List<String> words = words(args);
        register(root, TOP, words.isEmpty() ? Optional.empty() : Optional.of(words.getFirst()), session);
        groupOf(words).ifPresent(group -> {
            CommandLine groupLine = root.getSubcommands().get(words.getFirst());
            register(groupLine, group, words.size() > 1 ? Optional.of(words.get(1)) : Optional.empty(), session);
        });
        return root;
    }

    private static Optional<Map<String, Verb>> groupOf(List<String> words) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return switch (words.getFirst()) {
            case "container" -> Optional.of(CONTAINER);
            case "image" -> Optional.of(IMAGE);
            case "network" -> Optional.of(NETWORK);
            case "volume" -> Optional.of(VOLUME);
            case "system" -> Optional.of(SYSTEM);
            default -> Optional.empty();
        };
    }

    /** Adds the named verb if known, else every verb (for usage help and picocli's own error messages). */
    private static void register(CommandLine parent, Map<String, Verb> verbs, Optional<String> word, Session session) {
        Optional<Map.Entry<String, Verb>> named = word.flatMap(w -> verbs.entrySet().stream()
                .filter(e -> e.getKey().equals(w) || e.getValue().aliases().contains(w)).findFirst());
        if (named.isPresent()) {
            add(parent, named.get().getKey(), named.get().getValue(), session);
        } else {
            verbs.forEach((name, verb) -> add(parent, name, verb, session));
        }
    }

    private static void add(CommandLine parent, String name, Verb verb, Session session) {
        CommandLine sub = configure(new CommandLine(verb.factory().apply(session)), session).setCommandName(name);
        if (sub.getCommand() instanceof TakesCommandLine) {
            sub.setStopAtPositional(true); // run IMAGE ls -l: "-l" belongs to the container's command
        }
        parent.addSubcommand(name, sub, verb.aliases().toArray(String[]::new));
    }

    private static CommandLine configure(CommandLine line, Session session) {
        return line.setOut(new java.io.PrintWriter(session.out(), true))
                .setErr(new java.io.PrintWriter(session.err(), true))
                .setPosixClusteredShortOptionsAllowed(true);
    }

    /** The global options that take the next word as their value. */
    private static final java.util.Set<String> GLOBAL_WITH_VALUE =
            java.util.Set.of("-H", "--host", "--tlscacert", "--tlscert", "--tlskey");

    /** The words that are not global options: the verb first. */
    static List<String> words(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (GLOBAL_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return List.of(args).subList(i, args.length);
            }
        }
        return List.of();
    }

    @SafeVarargs
    private static Map<String, Verb> ordered(Object... pairs) {
        Map<String, Verb> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Verb) pairs[i + 1]);
        }
        return map;
    }
}
