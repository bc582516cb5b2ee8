package berth.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which networks each container is on, with what it asked there: in memory, stored through {@link NetworkStore}. */
final class Memberships {
    private final NetworkStore store;
    private final Map<String, Map<String, EndpointConfig>> byContainer = new ConcurrentHashMap<>();

    Memberships(NetworkStore store) {
        this.store = store;
        store.memberships().forEach((cid, nets) -> byContainer.put(cid, new LinkedHashMap<>(nets)));
    }

    /** network ID → what was asked, in the order joined. */
    Map<String, EndpointConfig> of(String containerId) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byContainer.getOrDefault(containerId, Map.of())));
    }

    boolean contains(String containerId, String networkId) {
        return byContainer.getOrDefault(containerId, Map.of()).containsKey(networkId);
    }

    void put(String containerId, String networkId, EndpointConfig asked) {
        store.putMembership(containerId, networkId, asked);
        byContainer.computeIfAbsent(containerId, k -> Collections.synchronizedMap(new LinkedHashMap<>())).put(networkId, asked);
    }

    void remove(String containerId, String networkId) {
        var mine = byContainer.get(containerId);
        if (mine != null && mine.remove(networkId) != null) store.deleteMembership(containerId, networkId);
    }

    void removeContainer(String containerId) {
        if (byContainer.remove(containerId) != null) store.deleteMemberships(containerId);
    }

    void removeNetwork(String networkId) {
        Set.copyOf(byContainer.keySet()).forEach(cid -> remove(cid, networkId));
    }

    Set<String> containers() {
        return Set.copyOf(byContainer.keySet());
    }
}
