package berth.cli;

import berth.cli.JsonMessage.Failure;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Shows a JSON message stream as docker's CLI does (its jsonmessage rules). On a terminal each layer id owns
 * one line, rewritten in place: up to it ({@code ESC[nA}), clear it ({@code ESC[2K}), write, back down
 * ({@code ESC[nB}); a message without progress forgets the lines, so a later layer list starts below it.
 * Elsewhere, messages that carry a progress count are left out and the rest are printed one per line.
 * An error message ends the stream with a {@link CliException} (exit 1) carrying its text.
 */
final class ProgressRenderer {
    private static final String ESC = "\u001b[";

    private final PrintStream out;
    private final boolean terminal;
    private final int width;
    private final Clock clock;
    private final Map<String, Integer> lines = new HashMap<>();

    ProgressRenderer(PrintStream out, boolean terminal, int width, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.width = width;
        this.clock = clock;
    }

    /** For the session's stdout: a terminal (and its width) when it is one. */
    static ProgressRenderer forStdout(Session session) {
        boolean tty = StdStreams.stdoutIsTerminal();
        int columns = tty ? TtySession.size().map(hw -> hw[1]).orElse(0) : 0;
        return new ProgressRenderer(session.out(), tty, columns, session.clock());
    }

    /** Renders every message; {@code aux} messages (push's digest, build's image id) go to {@code onAux}. */
    void render(InputStream stream, Consumer<JsonNode> onAux) {
        try (MappingIterator<JsonNode> it = Json.docker().readerFor(JsonNode.class).readValues(stream)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                JsonMessage m = JsonMessage.of(node);
                if (m.aux()) {
                    onAux.accept(node.get("aux"));
                } else {
                    show(m);
                    out.flush(); // each message as it comes: the session's stdout is buffered
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.flush();
        }
    }

    private void show(JsonMessage m) {
        int up = 0;
        if (!m.id().isEmpty() && (m.progress().isPresent() || !m.progressMessage().isEmpty())) {
            Integer line = lines.get(m.id());
            if (line == null) {
                line = lines.size();
                lines.put(m.id(), line);
                if (terminal) {
                    out.print("\n");
                }
            }
            up = lines.size() - line;
            if (terminal) {
                move(up, 'A');
            }
        } else {
            lines.clear(); // progress of an earlier operation (pull -a: another tag) is never rewritten
        }
        display(m);
        if (!m.id().isEmpty() && terminal) {
            move(up, 'B');
        }
    }

    private void display(JsonMessage m) {
        if (m.error().isPresent()) {
            out.flush();
            throw new CliException(1, m.error().map(Failure::text).orElseThrow());
        }
        String endl = "";
        if (terminal && m.stream().isEmpty() && m.progress().isPresent()) {
            out.print(ESC + "2K\r");
            endl = "\r";
        } else if (m.progress().isPresent() && !ProgressText.isEmpty(m.progress().get())) {
            return; // no bars in a log or a pipe
        }
        if (!m.id().isEmpty()) {
            out.print(m.id() + ": ");
        }
        if (!m.from().isEmpty()) {
            out.print("(from " + m.from() + ") ");
        }
        if (m.progress().isPresent() && terminal) {
            out.print(m.status() + " " + ProgressText.of(m.progress().get(), width, clock.instant()) + endl);
        } else if (!m.progressMessage().isEmpty()) {
            out.print(m.status() + " " + m.progressMessage() + endl);
        } else if (!m.stream().isEmpty()) {
            out.print(m.stream() + endl);
        } else {
            out.print(m.status() + endl + "\n");
        }
    }

    private void move(int n, char direction) {
        if (n > 0) {
            out.print(ESC + n + direction);
        }
    }
}
