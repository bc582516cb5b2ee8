package berth.cli;

import berth.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Go's template builtins that format strings use, plus docker's own (json, join, split, upper, pad...). */
final class TemplateFunctions {
    private TemplateFunctions() {}

    static JsonNode apply(String name, List<JsonNode> args) {
        return switch (name) {
            case "json" -> Template.text(json(arg(args, 0)));
            case "index" -> index(args);
            case "len" -> LongNode.valueOf(length(arg(args, 0)));
            case "upper" -> Template.text(str(args, 0).toUpperCase(Locale.ROOT));
            case "lower" -> Template.text(str(args, 0).toLowerCase(Locale.ROOT));
            case "title" -> Template.text(title(str(args, 0)));
            case "join" -> Template.text(join(arg(args, 0), str(args, 1)));
            case "split" -> split(str(args, 0), str(args, 1));
            case "truncate" -> Template.text(truncate(str(args, 0), (int) arg(args, 1).asLong()));
            case "pad" -> Template.text(" ".repeat((int) arg(args, 1).asLong()) + str(args, 0) + " ".repeat((int) arg(args, 2).asLong()));
            case "print" -> Template.text(String.join("", args.stream().map(GoValues::print).toList()));
            case "println" -> Template.text(String.join(" ", args.stream().map(GoValues::print).toList()) + "\n");
            case "printf" -> Template.text(printf(str(args, 0), args.subList(1, args.size())));
            case "eq" -> BooleanNode.valueOf(args.subList(1, args.size()).stream().anyMatch(b -> same(arg(args, 0), b)));
            case "ne" -> BooleanNode.valueOf(!same(arg(args, 0), arg(args, 1)));
            case "not" -> BooleanNode.valueOf(!GoValues.truthy(arg(args, 0)));
            case "and" -> args.stream().filter(a -> !GoValues.truthy(a)).findFirst().orElse(args.getLast());
            case "or" -> args.stream().filter(GoValues::truthy).findFirst().orElse(args.getLast());
            default -> throw new TemplateException("template: function \"" + name + "\" not defined");
        };
    }

    private static JsonNode arg(List<JsonNode> args, int i) {
        if (i >= args.size()) {
            throw new TemplateException("template: wrong number of args");
        }
        return args.get(i);
    }

    private static String str(List<JsonNode> args, int i) {
        JsonNode a = arg(args, i);
        return a.isTextual() ? a.textValue() : GoValues.print(a);
    }

    /** docker's json: compact, HTML characters left as they are. */
    static String json(JsonNode v) {
        try {
            return v.isMissingNode() ? "null" : Json.docker().writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new TemplateException(e.getMessage());
        }
    }

    /** {{index .Config.Labels "k"}}; a missing map key yields the empty string, as for a map of strings. */
    private static JsonNode index(List<JsonNode> args) {
        JsonNode v = arg(args, 0);
        for (JsonNode key : args.subList(1, args.size())) {
            v = v.isArray() ? v.path((int) key.asLong()) : v.path(key.asText());
            if (v.isMissingNode()) {
                return Template.text("");
            }
        }
        return v;
    }

    private static int length(JsonNode v) { return v.isTextual() ? v.textValue().length() : v.size(); }

    private static String title(String s) {
        return Arrays.stream(s.split(" ", -1))
                .map(w -> w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1))
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    private static String join(JsonNode list, String sep) {
        if (!list.isArray()) {
            return GoValues.print(list);
        }
        return String.join(sep, GoValues.elements(list).stream().map(GoValues::print).toList());
    }

    private static JsonNode split(String s, String sep) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Arrays.stream(s.split(java.util.regex.Pattern.quote(sep), -1)).forEach(out::add);
        return out;
    }

    private static String truncate(String s, int n) { return s.length() <= n ? s : s.substring(0, n); }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return GoValues.print(a).equals(GoValues.print(b));
    }

    /** %v %s %d %q and %%: enough for format strings; widths are not supported. */
    private static String printf(String format, List<JsonNode> args) {
        StringBuilder out = new StringBuilder();
        int a = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char verb = format.charAt(++i);
            if (verb == '%') {
                out.append('%');
            } else {
                String v = a < args.size() ? GoValues.print(args.get(a++)) : "%!" + verb + "(MISSING)";
                out.append(verb == 'q' ? json(Template.text(v)) : v);
            }
        }
        return out.toString();
    }
}
