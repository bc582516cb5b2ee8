package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** JSON as docker's inspect prints it: four-space indent, "key": value, and [] / {} when empty. */
final class JsonIndent {
    private JsonIndent() {}

    static String array(List<JsonNode> items) {
        if (items.isEmpty()) {
            return "[]";
        }
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < items.size(); i++) {
            out.append("    ");
            write(items.get(i), out, 1);
            out.append(i + 1 < items.size() ? ",\n" : "\n");
        }
        return out.append(']').toString();
    }

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, 0);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, int depth) {
        if (node.isObject() && !node.isEmpty()) {
            container(out, depth, '{', '}', node.size(), node.fieldNames(), node);
        } else if (node.isArray() && !node.isEmpty()) {
            container(out, depth, '[', ']', node.size(), null, node);
        } else {
            out.append(node.isContainerNode() ? (node.isArray() ? "[]" : "{}") : TemplateFunctions.json(node));
        }
    }

    private static void container(StringBuilder out, int depth, char open, char close, int size,
                                  java.util.Iterator<String> names, JsonNode node) {
        String inner = "    ".repeat(depth + 1);
        out.append(open).append('\n');
        for (int i = 0; i < size; i++) {
            out.append(inner);
            JsonNode child = node.get(i);
            if (names != null) {
                String name = names.next();
                out.append(TemplateFunctions.json(Template.text(name))).append(": ");
                child = node.get(name);
            }
            write(child, out, depth + 1);
            out.append(i + 1 < size ? ",\n" : "\n");
        }
        out.append("    ".repeat(depth)).append(close);
    }
}
