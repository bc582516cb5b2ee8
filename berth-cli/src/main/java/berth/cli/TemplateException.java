package berth.cli;

/** A --format template that does not parse or cannot be evaluated. */
final class TemplateException extends RuntimeException {
    TemplateException(String message) { super(message); }
}
