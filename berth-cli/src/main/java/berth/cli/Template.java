package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of Go's text/template that {@code --format} strings use, evaluated over JSON: fields and nested
 * fields ({@code .State.Status}), pipelines, function calls ({@code json}, {@code index}, {@code join},
 * {@code upper}...; see {@link TemplateFunctions}), {@code if}/{@code else}, {@code range} and {@code with}.
 */
final class Template {
    sealed interface Node permits Text, Action, If, Range, With {}

    record Text(String text) implements Node {}

    record Action(Pipeline pipeline) implements Node {}

    record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

    record Range(Pipeline over, List<Node> body, List<Node> otherwise) implements Node {}

    record With(Pipeline value, List<Node> body, List<Node> otherwise) implements Node {}

    record Pipeline(List<Command> commands) {}

    /** A function call with arguments, or a single operand. */
    record Command(List<Operand> operands) {}

    sealed interface Operand permits Field, Literal, Call, Nested {}

    /** {@code .A.B} (path [A, B]); {@code .} is the empty path; {@code $} starts from the root. */
    record Field(boolean root, List<String> path) implements Operand {}

    record Literal(JsonNode value) implements Operand {}

    record Call(String function) implements Operand {}

    record Nested(Pipeline pipeline) implements Operand {}

    private final List<Node> nodes;

    private Template(List<Node> nodes) { this.nodes = List.copyOf(nodes); }

    static Template parse(String source) { return new Template(new TemplateParser(source).parse()); }

    List<Node> nodes() { return nodes; }

    String render(JsonNode data) {
        StringBuilder out = new StringBuilder();
        new Evaluation(data, out).run(nodes, data);
        return out.toString();
    }

    /** One execution: the root ({@code $}) and the output. */
    private record Evaluation(JsonNode root, StringBuilder out) {
        void run(List<Node> body, JsonNode dot) {
            for (Node node : body) {
                switch (node) {
                    case Text(String text) -> out.append(text);
                    case Action(Pipeline p) -> out.append(GoValues.print(eval(p, dot)));
                    case If(Pipeline c, List<Node> then, List<Node> otherwise) ->
                            run(GoValues.truthy(eval(c, dot)) ? then : otherwise, dot);
                    case With(Pipeline v, List<Node> then, List<Node> otherwise) -> with(eval(v, dot), then, otherwise, dot);
                    case Range(Pipeline over, List<Node> then, List<Node> otherwise) -> range(eval(over, dot), then, otherwise, dot);
                }
            }
        }

        private void with(JsonNode value, List<Node> body, List<Node> otherwise, JsonNode dot) {
            if (GoValues.truthy(value)) {
                run(body, value);
            } else {
                run(otherwise, dot);
            }
        }

        /** Arrays in order; objects by sorted key, as Go ranges over maps. */
        private void range(JsonNode over, List<Node> body, List<Node> otherwise, JsonNode dot) {
            List<JsonNode> items = new ArrayList<>();
            if (over.isObject()) {
                items.addAll(GoValues.sorted(over).values());
            } else if (over.isArray()) {
                over.forEach(items::add);
            }
            if (items.isEmpty()) {
                run(otherwise, dot);
            }
            items.forEach(item -> run(body, item));
        }

        JsonNode eval(Pipeline pipeline, JsonNode dot) {
            JsonNode piped = null;
            for (Command command : pipeline.commands()) {
                piped = call(command, dot, piped);
            }
            return piped == null ? MissingNode.getInstance() : piped;
        }

        private JsonNode call(Command command, JsonNode dot, JsonNode piped) {
            List<Operand> ops = command.operands();
            if (ops.getFirst() instanceof Call(String function)) {
                List<JsonNode> args = new ArrayList<>(ops.subList(1, ops.size()).stream().map(o -> value(o, dot)).toList());
                if (piped != null) {
                    args.add(piped);
                }
                return TemplateFunctions.apply(function, args);
            }
            if (ops.size() > 1 || piped != null) {
                throw new TemplateException("can't give argument to non-function " + ops.getFirst());
            }
            return value(ops.getFirst(), dot);
        }

        private JsonNode value(Operand op, JsonNode dot) {
            return switch (op) {
                case Field(boolean fromRoot, List<String> path) -> walk(fromRoot ? root : dot, path);
                case Literal(JsonNode v) -> v;
                case Call(String f) -> TemplateFunctions.apply(f, List.of());
                case Nested(Pipeline p) -> eval(p, dot);
            };
        }
    }

    static JsonNode walk(JsonNode from, List<String> path) {
        JsonNode node = from;
        for (String name : path) {
            node = node.isObject() ? node.path(name) : MissingNode.getInstance();
        }
        return node;
    }

    static JsonNode text(String s) { return TextNode.valueOf(s); }
}
