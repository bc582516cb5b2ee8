package berth.runtime;

/**
 * The container's spec could not be made (an unknown user or group, a missing device, a bad seccomp
 * profile): Docker finds these before it calls the runtime, so its message comes without the runtime's
 * "OCI runtime create failed" prefix.
 */
public final class SpecFailure extends RuntimeFailure {
    SpecFailure(String message) {
        super(message);
    }

    SpecFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
