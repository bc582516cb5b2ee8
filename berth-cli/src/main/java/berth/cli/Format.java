package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code --format} value as docker reads it: {@code table ...} lays rows out in columns under headers,
 * {@code json} prints each row as JSON, anything else is a template applied per row. Literal {@code \t} and
 * {@code \n} in the flag become tab and newline.
 */
record Format(boolean table, Template template) {
    static Format parse(String raw, String defaultTable) {
        String f = raw.isBlank() ? defaultTable : raw;
        if (f.equals("json")) {
            f = "{{json .}}";
        }
        boolean table = f.startsWith("table");
        if (table) {
            f = f.equals("table") ? defaultTable.substring("table".length()) : f.substring("table".length());
        }
        f = f.strip().replace("\\t", "\t").replace("\\n", "\n");
        return new Format(table, Template.parse(f));
    }

    /** Renders the rows; in table mode the headers object (field name → column title) renders the first line. */
    String render(List<JsonNode> rows, JsonNode headers) {
        List<String> lines = new ArrayList<>();
        if (table) {
            lines.add(template.render(headers));
        }
        rows.forEach(r -> lines.add(template.render(r)));
        if (table) {
            return Table.format(lines);
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
