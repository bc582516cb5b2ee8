package berth.registry;

import java.io.IOException;

/** Thrown by a read of a blob stream when the blob is not what its digest (or size) says. */
public final class DigestMismatchException extends IOException {
    DigestMismatchException(String message) {
        super(message);
    }
}
