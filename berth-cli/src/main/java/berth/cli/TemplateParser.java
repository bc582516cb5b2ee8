package berth.cli;

import berth.cli.Template.Action;
import berth.cli.Template.Call;
import berth.cli.Template.Command;
import berth.cli.Template.Field;
import berth.cli.Template.If;
import berth.cli.Template.Literal;
import berth.cli.Template.Nested;
import berth.cli.Template.Node;
import berth.cli.Template.Operand;
import berth.cli.Template.Pipeline;
import berth.cli.Template.Range;
import berth.cli.Template.Text;
import berth.cli.Template.With;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses template source into {@link Template} nodes: text and {{actions}}, with {{- -}} trimming. */
final class TemplateParser {
    /** A piece of the source: literal text, or the tokens of one action. */
    private sealed interface Piece permits TextPiece, ActionPiece {}

    private record TextPiece(String text) implements Piece {}

    private record ActionPiece(List<String> tokens) implements Piece {
        String keyword() { return tokens.isEmpty() ? "" : tokens.getFirst(); }
    }

    private final List<Piece> pieces;
    private int next;

    TemplateParser(String source) { this.pieces = split(source); }

    List<Node> parse() {
        List<Node> nodes = parseUntil(List.of());
        if (next < pieces.size()) {
            throw new TemplateException("template: unexpected {{" + ((ActionPiece) pieces.get(next)).keyword() + "}}");
        }
        return nodes;
    }

    /** Parses nodes until one of the keywords ("end", "else"), leaving {@code next} on it. */
    private List<Node> parseUntil(List<String> stops) {
        List<Node> nodes = new ArrayList<>();
        while (next < pieces.size()) {
            Piece piece = pieces.get(next);
            if (piece instanceof ActionPiece a && stops.contains(a.keyword())) {
                return nodes;
            }
            next++;
            nodes.add(switch (piece) {
                case TextPiece(String text) -> new Text(text);
                case ActionPiece a -> action(a.tokens());
            });
        }
        if (!stops.isEmpty()) {
            throw new TemplateException("template: unexpected EOF, missing {{end}}");
        }
        return nodes;
    }

    private Node action(List<String> tokens) {
        List<String> rest = tokens.subList(Math.min(1, tokens.size()), tokens.size());
        return switch (tokens.isEmpty() ? "" : tokens.getFirst()) {
            case "if" -> ifNode(rest);
            case "range" -> new Range(pipeline(rest), body(), otherwise());
            case "with" -> new With(pipeline(rest), body(), otherwise());
            case "end", "else" -> throw new TemplateException("template: unexpected {{" + tokens.getFirst() + "}}");
            case "" -> throw new TemplateException("template: missing value for command");
            default -> new Action(pipeline(tokens));
        };
    }

    /** {{if c}}...{{else if d}}...{{else}}...{{end}}: an else-if is an If nested in the else branch. */
    private If ifNode(List<String> condition) {
        Pipeline c = pipeline(condition);
        List<Node> then = body();
        ActionPiece stop = (ActionPiece) pieces.get(next);
        if (stop.keyword().equals("else") && stop.tokens().size() > 1 && stop.tokens().get(1).equals("if")) {
            next++;
            return new If(c, then, List.of(ifNode(stop.tokens().subList(2, stop.tokens().size()))));
        }
        return new If(c, then, otherwise());
    }

    private List<Node> body() { return parseUntil(List.of("end", "else")); }

    /** After a body: either {{end}}, or {{else}} and a body and {{end}}. */
    private List<Node> otherwise() {
        boolean hasElse = ((ActionPiece) pieces.get(next++)).keyword().equals("else");
        if (!hasElse) {
            return List.of();
        }
        List<Node> nodes = parseUntil(List.of("end"));
        next++;
        return nodes;
    }

    static Pipeline pipeline(List<String> tokens) {
        List<Command> commands = new ArrayList<>();
        List<Operand> current = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("|")) {
                commands.add(command(current));
                current = new ArrayList<>();
            } else if (t.equals("(")) {
                int close = matching(tokens, i);
                current.add(new Nested(pipeline(tokens.subList(i + 1, close))));
                i = close;
            } else {
                current.add(operand(t));
            }
        }
        commands.add(command(current));
        return new Pipeline(commands);
    }

    private static Command command(List<Operand> operands) {
        if (operands.isEmpty()) {
            throw new TemplateException("template: missing value for command");
        }
        return new Command(List.copyOf(operands));
    }

    private static int matching(List<String> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            depth += tokens.get(i).equals("(") ? 1 : tokens.get(i).equals(")") ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new TemplateException("template: unclosed left paren");
    }

    static Operand operand(String t) {
        if (t.equals(".")) return new Field(false, List.of());
        if (t.startsWith(".")) return new Field(false, Arrays.asList(t.substring(1).split("\\.")));
        if (t.equals("$")) return new Field(true, List.of());
        if (t.startsWith("$.")) return new Field(true, Arrays.asList(t.substring(2).split("\\.")));
        if (t.startsWith("\"") || t.startsWith("`")) return new Literal(Template.text(unquote(t)));
        if (t.equals("true") || t.equals("false")) return new Literal(BooleanNode.valueOf(t.equals("true")));
        if (t.equals("nil")) return new Literal(NullNode.getInstance());
        if (t.matches("-?\\d+")) return new Literal(LongNode.valueOf(Long.parseLong(t)));
        if (t.matches("[A-Za-z_][A-Za-z0-9_]*")) return new Call(t);
        throw new TemplateException("template: bad token " + t);
    }

    private static String unquote(String t) {
        String body = t.substring(1, t.length() - 1);
        if (t.startsWith("`")) {
            return body;
        }
        return body.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** Splits source into text and action pieces, applying {{- and -}} trimming. */
    private static List<Piece> split(String src) {
        List<Piece> pieces = new ArrayList<>();
        int pos = 0;
        boolean trimNext = false;
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            String text = src.substring(pos, open < 0 ? src.length() : open);
            if (trimNext) text = text.stripLeading();
            if (open < 0) {
                addText(pieces, text);
                break;
            }
            int close = closing(src, open);
            String inner = src.substring(open + 2, close);
            if (inner.startsWith("-") && (inner.length() == 1 || Character.isWhitespace(inner.charAt(1)))) {
                text = text.stripTrailing();
                inner = inner.substring(1);
            }
            trimNext = inner.endsWith("-") && (inner.length() == 1 || Character.isWhitespace(inner.charAt(inner.length() - 2)));
            addText(pieces, text);
            pieces.add(new ActionPiece(tokens(trimNext ? inner.substring(0, inner.length() - 1) : inner)));
            pos = close + 2;
        }
        return pieces;
    }

    private static void addText(List<Piece> pieces, String text) {
        if (!text.isEmpty()) pieces.add(new TextPiece(text));
    }

    /** The "}}" closing the action opened at {@code open}, skipping "}}" inside string literals. */
    private static int closing(String src, int open) {
        char quote = 0;
        for (int i = open + 2; i < src.length() - 1; i++) {
            char c = src.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '}' && src.charAt(i + 1) == '}') {
                return i;
            }
        }
        throw new TemplateException("template: unclosed action");
    }

    /** Whitespace-separated tokens; quoted strings, '(' ')' and '|' stand alone. */
    static List<String> tokens(String action) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < action.length()) {
            char c = action.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '`') {
                int end = stringEnd(action, i);
                tokens.add(action.substring(i, end + 1));
                i = end + 1;
            } else if (c == '(' || c == ')' || c == '|') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int end = i;
                while (end < action.length() && !Character.isWhitespace(action.charAt(end)) && "()|".indexOf(action.charAt(end)) < 0) end++;
                tokens.add(action.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static int stringEnd(String s, int open) {
        char quote = s.charAt(open);
        for (int i = open + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && quote == '"') i++;
            else if (s.charAt(i) == quote) return i;
        }
        throw new TemplateException("template: unterminated quoted string");
    }
}
