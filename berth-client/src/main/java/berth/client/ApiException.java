package berth.client;

/** The daemon answered with a non-2xx status; {@code message} is the {@code "message"} field of its body. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() { return status; }

    public boolean isNotFound() { return status == 404; }
}
