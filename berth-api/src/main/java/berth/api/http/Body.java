package berth.api.http;

import berth.common.BerthException;
import berth.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;

/** A request body: collected in memory for ordinary requests, or a live stream for uploads (image load,
 * import) that may be far larger than memory should hold. */
public sealed interface Body {

    InputStream stream();

    record Bytes(byte[] data) implements Body {
        public static final Bytes EMPTY = new Bytes(new byte[0]);

        @Override
        public InputStream stream() {
            return new ByteArrayInputStream(data);
        }
    }

    record Stream(InputStream in) implements Body {
        @Override
        public InputStream stream() {
            return in;
        }
    }

    /** The body as JSON; empty when there is none (or only whitespace). Bad JSON is a 400. */
    default Optional<JsonNode> json() {
        if (!(this instanceof Bytes(var data)) || new String(data).isBlank()) return Optional.empty();
        try {
            return Optional.of(Json.docker().readTree(data));
        } catch (JsonProcessingException e) {
            throw new BerthException.InvalidArgument(e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new BerthException.InvalidArgument(e.getMessage(), e);
        }
    }
}
