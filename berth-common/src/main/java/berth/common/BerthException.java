package berth.common;

/**
 * The few error kinds berth knows. Each carries a message naming the resource; the API edge maps the kind
 * to Docker's status code (404, 409, 400, 403, 304, 500) and the message to {@code {"message": "..."}}.
 */
public abstract sealed class BerthException extends RuntimeException {

    protected BerthException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 404: no such container, image, exec instance... */
    public static final class NotFound extends BerthException {
        public NotFound(String message) { super(message, null); }
    }

    /** 403: an operation Docker forbids on this resource (writing to a read-only root filesystem, removing a
     * pre-defined network). */
    public static final class Forbidden extends BerthException {
        public Forbidden(String message) { super(message, null); }
    }

    /** 409: the resource exists or is in a state that forbids the operation. */
    public static final class Conflict extends BerthException {
        public Conflict(String message) { super(message, null); }
    }

    /** 400: the request itself is wrong. */
    public static final class InvalidArgument extends BerthException {
        public InvalidArgument(String message) { super(message, null); }
        public InvalidArgument(String message, Throwable cause) { super(message, cause); }
    }

    /** 304: nothing to do (already started, already stopped). */
    public static final class NotModified extends BerthException {
        public NotModified(String message) { super(message, null); }
    }

    /** 500: a real fault of the server or of the system below it (runtime, kernel, disk). */
    public static final class SystemFault extends BerthException {
        public SystemFault(String message) { super(message, null); }
        public SystemFault(String message, Throwable cause) { super(message, cause); }
    }

    public static NotFound notFound(String message) { return new NotFound(message); }
    public static Conflict conflict(String message) { return new Conflict(message); }
    public static Forbidden forbidden(String message) { return new Forbidden(message); }
    public static InvalidArgument invalid(String message) { return new InvalidArgument(message); }
    public static SystemFault fault(String message, Throwable cause) { return new SystemFault(message, cause); }
}
