package berth.api.wire;

/** {@code {"Id": ...}} of exec create. */
public record IdResponse(String id) {}
