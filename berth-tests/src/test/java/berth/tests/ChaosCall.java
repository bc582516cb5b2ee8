package berth.tests;

import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.function.Supplier;

/** The outcome of one request to a daemon that may die at any moment, as the chaos clients classify it. */
sealed interface ChaosCall<T> {

    /** A 2xx reply. */
    record Ok<T>(T value) implements ChaosCall<T> {}

    /** An error reply: the daemon answered and did not do it (4xx), or failed doing it (5xx). */
    record Refused<T>(int status, String message) implements ChaosCall<T> {}

    /** The request may have reached the daemon, which died before it answered: the outcome is open. */
    record NoReply<T>(Throwable cause) implements ChaosCall<T> {}

    /** The connection was refused: the daemon never saw the request. */
    record NotSent<T>(Throwable cause) implements ChaosCall<T> {}

    default boolean ok() {
        return this instanceof Ok;
    }

    default boolean refusedWith(int status) {
        return this instanceof Refused<T> r && r.status() == status;
    }

    /** Runs {@code request} and classifies what came back, counting it in {@code ledger}. */
    static <T> ChaosCall<T> of(ChaosLedger ledger, String what, Supplier<T> request) {
        ledger.trace(what);
        var outcome = classify(ledger, what, request);
        ledger.trace(what + " -> " + outcome);
        return outcome;
    }

    /**
     * docker-java's HTTP client retries an idempotent request (GET, DELETE) once after a lost connection, so a
     * reply or a refused connection seen after a kill may come from the second attempt while the first reached
     * the killed daemon: an error reply or a refused connection counts only when no kill came during the call.
     */
    private static <T> ChaosCall<T> classify(ChaosLedger ledger, String what, Supplier<T> request) {
        int killsBefore = ledger.kills.get();
        try {
            T value = request.get();
            ledger.confirmed.incrementAndGet();
            return new Ok<>(value);
        } catch (DockerException e) {
            if (ledger.kills.get() != killsBefore) {
                ledger.inDoubt.incrementAndGet();
                return new NoReply<>(e);
            }
            ledger.refused.incrementAndGet();
            if (e.getHttpStatus() >= 500) ledger.serverError(what + ": " + e.getHttpStatus() + " " + e.getMessage().strip());
            return new Refused<>(e.getHttpStatus(), e.getMessage());
        } catch (RuntimeException e) {
            if (neverSent(e) && ledger.kills.get() == killsBefore) {
                ledger.notSent.incrementAndGet();
                return new NotSent<>(e);
            }
            ledger.inDoubt.incrementAndGet();
            return new NoReply<>(e);
        }
    }

    /** A refused or missing socket: the daemon was down before the request. */
    static boolean neverSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) return true;
            String m = t.getMessage();
            if (t instanceof IOException && m != null
                    && (m.contains("Connection refused") || m.contains("No such file or directory"))) return true;
        }
        return false;
    }
}
