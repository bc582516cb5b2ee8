package berth.engine;

import berth.common.BerthException;
import berth.engine.Engine.TopResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The host's {@code ps} output cut down to a container's processes, as {@code docker top} shows it. */
final class PsTable {
    /** "pid=PID" may rename the column; renaming another to PID ("-o comm=PID") would fool the filter. */
    private static final Pattern RENAMED_PID = Pattern.compile("\\s+([^\\s]*)=\\s*(PID[^\\s]*)");

    private PsTable() {}

    static void validateArgs(String psArgs) {
        var m = RENAMED_PID.matcher(psArgs);
        while (m.find()) {
            if (!m.group(1).equals("pid"))
                throw BerthException.invalid("specifying \"" + m.group(1) + "=" + m.group(2) + "\" is not allowed");
        }
    }

    /**
     * Keeps the rows whose PID is in {@code pids}; thread rows ("-" in the PID column, with -m) follow the
     * process they belong to. The last column (the command) keeps its spaces.
     */
    static TopResult parse(String output, Set<Integer> pids) {
        String[] lines = output.split("\n");
        List<String> titles = fields(lines[0]);
        int pidColumn = titles.indexOf("PID");
        if (pidColumn < 0) throw BerthException.fault("Couldn't find PID field in ps output", null);
        List<List<String>> rows = new ArrayList<>();
        boolean inContainer = false;
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            List<String> f = fields(line);
            if (f.size() <= pidColumn) continue;
            String pid = f.get(pidColumn);
            boolean thread = pid.equals("-");
            if (!thread) inContainer = pid.matches("\\d+") && pids.contains(Integer.parseInt(pid));
            if (inContainer) rows.add(row(f, titles.size()));
        }
        return new TopResult(titles, rows);
    }

    private static List<String> row(List<String> fields, int columns) {
        if (fields.size() <= columns) return fields;
        List<String> row = new ArrayList<>(fields.subList(0, columns - 1));
        row.add(String.join(" ", fields.subList(columns - 1, fields.size())));
        return row;
    }

    /** Go's fieldsASCII: only ASCII blanks separate fields. */
    private static List<String> fields(String line) {
        return Arrays.stream(line.split("[ \t\r\f]+")).filter(s -> !s.isEmpty()).toList();
    }
}
