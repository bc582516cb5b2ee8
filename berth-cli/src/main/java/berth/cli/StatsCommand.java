package berth.cli;

import berth.client.Body;
import berth.client.Query;
import berth.client.Response;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth stats}: docker's live table of CPU, memory, network, block I/O and PIDs per container,
 * redrawn every second; {@code --no-stream} prints it once. Without names: the running containers (all
 * with -a), picked up anew at each redraw as docker does.
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics")
final class StatsCommand extends ClientVerb {
    /** Clear the screen and go home: the table is redrawn in place. */
    private static final String CLEAR = "\033[2J\033[H";

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)") boolean all;
    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result") boolean noStream;
    @Option(names = "--no-trunc", description = "Do not truncate output") boolean noTrunc;
    @Option(names = "--format", description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

    /** The latest sample of each container being followed, by the name the user gave (or the ID). */
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();

    StatsCommand(Session session) { super(session); }

    @Override
    public Integer call() throws InterruptedException {
        Format f = Format.parse(format, StatsRows.DEFAULT_TABLE);
        if (noStream) {
            session.out().print(f.render(once(targets()), StatsRows.HEADERS));
            return 0;
        }
        names.forEach(n -> containers().inspect(n)); // an unknown name fails now, as with docker
        Map<String, Thread> followers = new LinkedHashMap<>();
        while (true) {
            List<String> current = targets();
            current.forEach(c -> followers.computeIfAbsent(c, k -> Thread.ofVirtual().start(() -> follow(k))));
            followers.keySet().retainAll(current);
            List<JsonNode> rows = new ArrayList<>();
            current.stream().filter(latest::containsKey).forEach(c -> rows.add(StatsRows.row(c, latest.get(c), !noTrunc)));
            session.out().print(CLEAR + f.render(rows, StatsRows.HEADERS));
            session.out().flush();
            Thread.sleep(1000);
        }
    }

    /** The named containers, or the IDs of the listed ones. */
    private List<String> targets() {
        if (!names.isEmpty()) return names;
        List<String> ids = new ArrayList<>();
        containers().list(Query.of().flag("all", all)).forEach(c -> ids.add(c.path("Id").asText()));
        return ids;
    }

    /** One stream=false sample of each, taken in parallel (each takes a second). */
    private List<JsonNode> once(List<String> containers) throws InterruptedException {
        List<Future<JsonNode>> tasks = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            containers.forEach(c -> tasks.add(threads.submit(() -> (JsonNode) StatsRows.row(c, sample(c), !noTrunc))));
        }
        List<JsonNode> rows = new ArrayList<>();
        for (Future<JsonNode> t : tasks) {
            try {
                rows.add(t.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r; // "No such container" and the like
                throw new IllegalStateException(e.getCause());
            }
        }
        return rows;
    }

    private JsonNode sample(String container) {
        return session.client().get(StatsRows.path(container, "/stats"), Query.of().with("stream", 0));
    }

    /** Reads the container's stream into {@link #latest} until it ends (container removed, daemon gone). */
    private void follow(String container) {
        try (Response r = session.client().send("GET", StatsRows.path(container, "/stats"), Query.of().with("stream", 1), Body.none());
             var lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) latest.put(container, Json.docker().readTree(line));
            }
        } catch (IOException | RuntimeException e) {
            latest.remove(container); // a container that went away drops out of the table
        }
    }
}
