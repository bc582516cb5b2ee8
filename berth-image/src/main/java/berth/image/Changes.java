package berth.image;

import berth.common.BerthException;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dockerfile instructions applied to an image's run config, as {@code docker import --change} and
 * {@code docker commit --change} take them: CMD, ENTRYPOINT, SHELL (JSON or shell form), ENV, LABEL, EXPOSE,
 * VOLUME, WORKDIR, USER, STOPSIGNAL, HEALTHCHECK; ONBUILD is accepted and ignored. The result is Docker's "config" object.
 */
final class Changes {
    private Changes() {}

    static ObjectNode apply(List<String> changes) {
        return apply(Json.oci().createObjectNode(), changes);
    }

    /** Applies the changes on top of {@code config} (changed in place and returned). As in a Dockerfile,
     * an ENTRYPOINT without a CMD in the same changes clears the CMD inherited. */
    static ObjectNode apply(ObjectNode config, List<String> changes) {
        boolean cmdSet = false;
        for (String change : changes) {
            if (change.isBlank()) continue;
            String keyword = change.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            apply(config, change.strip());
            if (keyword.equals("cmd")) cmdSet = true;
            if (keyword.equals("entrypoint") && !cmdSet) config.remove("Cmd");
        }
        return config;
    }

    private static void apply(ObjectNode config, String change) {
        String[] split = change.split("\\s+", 2);
        String keyword = split[0].toLowerCase(Locale.ROOT);
        String rest = split.length > 1 ? split[1].strip() : "";
        switch (keyword) {
            case "cmd" -> config.set("Cmd", command(config, rest));
            case "entrypoint" -> config.set("Entrypoint", command(config, rest));
            case "shell" -> config.set("Shell", jsonArray(rest, "SHELL"));
            case "env" -> pairs(rest, "ENV").forEach(p -> setEnv(config, p[0], p[1]));
            case "label" -> pairs(rest, "LABEL").forEach(p -> object(config, "Labels").put(p[0], p[1]));
            case "expose" -> words(rest).forEach(port -> object(config, "ExposedPorts").putObject(port(port)));
            case "volume" -> volumes(rest).forEach(v -> object(config, "Volumes").putObject(v));
            case "workdir" -> config.put("WorkingDir", workdir(config.path("WorkingDir").asText(""), rest));
            case "user" -> config.put("User", rest);
            case "stopsignal" -> config.put("StopSignal", rest);
            case "healthcheck" -> config.set("Healthcheck", HealthcheckChange.parse(rest));
            case "onbuild" -> { }
            default -> throw BerthException.invalid(keyword + " is not a valid change command");
        }
    }

    /** JSON form {@code ["sh"]}, or shell form run by the image's shell (default {@code /bin/sh -c}). */
    private static ArrayNode command(ObjectNode config, String rest) {
        if (rest.startsWith("[")) {
            try {
                return jsonArray(rest, "CMD");
            } catch (BerthException.InvalidArgument notJson) {
                // Docker falls back to the shell form when the brackets are not a JSON string array.
            }
        }
        ArrayNode shell = config.path("Shell").isArray() && !config.path("Shell").isEmpty()
                ? ((ArrayNode) config.get("Shell")).deepCopy()
                : Json.oci().createArrayNode().add("/bin/sh").add("-c");
        return shell.add(rest);
    }

    private static ArrayNode jsonArray(String text, String instruction) {
        try {
            JsonNode node = Json.oci().readTree(text);
            if (node instanceof ArrayNode array && allText(array)) return array;
        } catch (IOException e) {
            // fall through to the error below
        }
        throw BerthException.invalid(instruction + " requires a JSON array of strings: " + text);
    }

    private static boolean allText(ArrayNode array) {
        for (JsonNode n : array) if (!n.isTextual()) return false;
        return true;
    }

    /** {@code K=V K2="v 2"} or the legacy {@code K some value}. */
    private static List<String[]> pairs(String rest, String instruction) {
        List<String> words = words(rest);
        if (words.isEmpty()) throw BerthException.invalid(instruction + " requires at least one argument");
        if (!words.getFirst().contains("=")) {
            String[] legacy = rest.split("\\s+", 2);
            if (legacy.length < 2) throw BerthException.invalid(instruction + " requires at least two arguments");
            return List.<String[]>of(new String[]{legacy[0], unquote(legacy[1].strip())});
        }
        List<String[]> out = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) throw BerthException.invalid("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
            out.add(new String[]{word.substring(0, eq), word.substring(eq + 1)});
        }
        return out;
    }

    /** Splits on blanks outside double quotes, dropping the quotes and honouring backslash escapes. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length()) { word.append(text.charAt(++i)); any = true; }
            else if (ch == '"') { quoted = !quoted; any = true; }
            else if (Character.isWhitespace(ch) && !quoted) { if (any) words.add(word.toString()); word.setLength(0); any = false; }
            else { word.append(ch); any = true; }
        }
        if (any) words.add(word.toString());
        return words;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static void setEnv(ObjectNode config, String key, String value) {
        ArrayNode env = config.path("Env").isArray() ? (ArrayNode) config.get("Env") : config.putArray("Env");
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).asText().startsWith(key + "=")) {
                env.set(i, key + "=" + value);
                return;
            }
        }
        env.add(key + "=" + value);
    }

    private static ObjectNode object(ObjectNode config, String field) {
        return config.path(field).isObject() ? (ObjectNode) config.get(field) : config.putObject(field);
    }

    private static String port(String spec) {
        String port = (spec.contains("/") ? spec : spec + "/tcp").toLowerCase(Locale.ROOT);
        if (!port.matches("[0-9]+(-[0-9]+)?/(tcp|udp|sctp)")) throw BerthException.invalid("invalid containerPort: " + spec);
        return port;
    }

    private static List<String> volumes(String rest) {
        if (!rest.startsWith("[")) return words(rest);
        List<String> out = new ArrayList<>();
        jsonArray(rest, "VOLUME").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String workdir(String current, String path) {
        if (path.startsWith("/")) return path;
        String base = current.isEmpty() ? "/" : current;
        return (base.endsWith("/") ? base : base + "/") + path;
    }
}
