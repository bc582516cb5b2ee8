package berth.network;

import java.util.ArrayList;
import java.util.List;

/** Keeps each state it is given; the last one is what the rules would be. */
final class RecordingFirewall implements Firewall {
    final List<State> applied = new ArrayList<>();

    @Override
    public synchronized void apply(State state) {
        applied.add(state);
    }

    synchronized State last() {
        return applied.getLast();
    }
}
