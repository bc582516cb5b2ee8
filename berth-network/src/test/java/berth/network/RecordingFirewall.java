package berth.network;

import java.util.ArrayList;
import java.util.List;

/** Keeps the rules as the real firewall would have them, and counts the changes (each would be one nft run). */
final class RecordingFirewall implements Firewall {
    final List<State> applied = new ArrayList<>();
    private State current = new State(List.of(), List.of());
    int changes;

    @Override
    public synchronized void apply(State state) {
        applied.add(state);
        current = state;
        changes++;
    }

    @Override
    public synchronized void publish(List<Dnat> dnats) {
        List<Dnat> all = new ArrayList<>(current.dnats());
        all.addAll(dnats);
        current = new State(current.bridges(), all);
        changes++;
    }

    @Override
    public synchronized void unpublish(List<Dnat> dnats) {
        if (!current.dnats().containsAll(dnats)) throw new IllegalStateException("no such element");
        List<Dnat> all = new ArrayList<>(current.dnats());
        all.removeAll(dnats);
        current = new State(current.bridges(), all);
        changes++;
    }

    /** The rules now. */
    synchronized State last() {
        return current;
    }
}
