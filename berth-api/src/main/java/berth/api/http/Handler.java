package berth.api.http;

/** One API endpoint. Runs on a virtual thread; must answer through {@code res} (or throw, and the error is
 * mapped to Docker's status and body). */
@FunctionalInterface
public interface Handler {
    void handle(Request req, Response res) throws Exception;
}
