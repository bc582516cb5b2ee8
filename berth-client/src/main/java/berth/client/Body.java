package berth.client;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A request body: none, bytes in memory, or a stream (sent chunked when its length is unknown). */
public sealed interface Body {
    String JSON = "application/json";
    String TAR = "application/x-tar";

    record None() implements Body {}

    record Bytes(byte[] data, String contentType) implements Body {}

    /** {@code length < 0} means unknown: the request goes out with chunked transfer encoding. */
    record Stream(InputStream in, long length, String contentType) implements Body {}

    static Body none() { return new None(); }

    static Body json(String json) { return new Bytes(json.getBytes(StandardCharsets.UTF_8), JSON); }

    static Body tar(InputStream in, long length) { return new Stream(in, length, TAR); }
}
