package berth.tests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the chaos clients were told. An object's state moves only on an answer: a 2xx reply confirms, an
 * error reply (4xx/5xx) refuses, and a request that got no reply (the daemon died under it) leaves the
 * outcome in doubt, so both outcomes are allowed afterwards. Objects are keyed by the name the client chose
 * (container name, image tag, volume name), so even an object whose create went unanswered can be found.
 */
final class ChaosLedger {

    enum Kind { CONTAINER, IMAGE, VOLUME }

    /** Where an object stands, as far as the daemon told the client. */
    enum State {
        /** Create sent, no reply: it may exist. */
        MAYBE,
        /** Create confirmed (or found later) and no removal sent since. */
        EXISTS,
        /** Removal sent, no reply: it may be gone. */
        MAYBE_GONE,
        /** Never made (refused) or removal confirmed: it must not be there. */
        GONE
    }

    /** One object: its state, its ID once known, and (volumes) the markers its data may hold. */
    static final class Entry {
        final Kind kind;
        final String name;
        final String owner;
        volatile State state = State.MAYBE;
        volatile String id = "";
        /** For volumes: every content the marker file may have ("" = no marker), given what was confirmed. */
        final Set<String> markers = Collections.synchronizedSet(new LinkedHashSet<>(List.of("")));

        Entry(Kind kind, String name, String owner) {
            this.kind = kind;
            this.name = name;
            this.owner = owner;
        }

        @Override
        public String toString() {
            return kind + " " + name + " (" + state + (id.isEmpty() ? "" : ", " + id.substring(0, Math.min(12, id.length()))) + ")";
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** SIGKILLs sent so far, counted before each is sent (a call that spans one has an open outcome). */
    final AtomicInteger kills = new AtomicInteger();
    final AtomicInteger confirmed = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger inDoubt = new AtomicInteger();
    final AtomicInteger notSent = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    private final List<String> lost = Collections.synchronizedList(new ArrayList<>());
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

    /** Every call with its outcome and time, for the trace file a failed run leaves behind. */
    private final java.util.Queue<String> trace = new java.util.concurrent.ConcurrentLinkedQueue<>();

    void trace(String line) {
        trace.add(java.time.Instant.now() + " " + line);
    }

    List<String> trace() {
        return List.copyOf(trace);
    }

    Entry add(Kind kind, String name, String owner) {
        var e = new Entry(kind, name, owner);
        entries.put(kind + "/" + name, e);
        return e;
    }

    List<Entry> all(Kind kind) {
        return entries.values().stream().filter(e -> e.kind == kind).toList();
    }

    Entry find(Kind kind, String name) {
        return entries.get(kind + "/" + name);
    }

    /** The daemon answered "no such object" (or failed to show it) for one it had confirmed. */
    void lost(String what) {
        lost.add(what);
    }

    List<String> lost() {
        return List.copyOf(lost);
    }

    private final List<String> clientFailures = Collections.synchronizedList(new ArrayList<>());

    /** A client thread ended by an exception the ledger's rules do not cover (a bug of the test). */
    void clientFailed(String what) {
        clientFailures.add(what);
    }

    List<String> clientFailures() {
        return List.copyOf(clientFailures);
    }

    /** A 5xx from a running daemon: kept as a sample for the report. */
    void serverError(String what) {
        serverErrors.incrementAndGet();
        if (errorSamples.size() < 20) errorSamples.add(what);
    }

    List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }
}
