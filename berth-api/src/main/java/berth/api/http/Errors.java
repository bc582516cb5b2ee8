package berth.api.http;

import berth.common.BerthException;
import com.fasterxml.jackson.core.JsonProcessingException;

/** The one place where failures become Docker's status codes and messages. */
public final class Errors {
    private Errors() {}

    /** A failure as the API reports it; {@code message} goes into {@code {"message": ...}}. */
    public record ApiError(int status, String message) {
        public boolean hasBody() {
            return status != 304;
        }
    }

    public static ApiError of(Throwable t) {
        return switch (unwrap(t)) {
            case BerthException.NotFound e -> new ApiError(404, e.getMessage());
            case BerthException.Conflict e -> new ApiError(409, e.getMessage());
            case BerthException.InvalidArgument e -> new ApiError(400, e.getMessage());
            case BerthException.Forbidden e -> new ApiError(403, e.getMessage());
            case BerthException.NotModified e -> new ApiError(304, e.getMessage());
            case BerthException.SystemFault e -> new ApiError(500, e.getMessage());
            case JsonProcessingException e -> new ApiError(400, e.getOriginalMessage());
            case Throwable e -> new ApiError(500, e.getMessage() == null ? e.toString() : e.getMessage());
        };
    }

    /** Futures and executors wrap the real cause; the client wants that one. */
    private static Throwable unwrap(Throwable t) {
        var cur = t;
        while ((cur instanceof java.util.concurrent.CompletionException
                || cur instanceof java.util.concurrent.ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }
}
