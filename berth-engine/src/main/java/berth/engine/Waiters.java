package berth.engine;

import berth.engine.Engine.WaitResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Futures that complete on a container's next exit or on its removal. Registering and completing are
 * atomic with each other, so a future is never added to a list that is being completed. */
final class Waiters {
    private final Map<String, List<CompletableFuture<WaitResult>>> exits = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<WaitResult>>> removals = new ConcurrentHashMap<>();

    CompletableFuture<WaitResult> nextExit(String id) {
        return register(exits, id);
    }

    CompletableFuture<WaitResult> removal(String id) {
        return register(removals, id);
    }

    void exited(String id, int code) {
        complete(exits, id, code);
    }

    void removed(String id, int code) {
        complete(exits, id, code);
        complete(removals, id, code);
    }

    private synchronized CompletableFuture<WaitResult> register(Map<String, List<CompletableFuture<WaitResult>>> map,
                                                          String id) {
        CompletableFuture<WaitResult> f = new CompletableFuture<>();
        map.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }

    private synchronized void complete(Map<String, List<CompletableFuture<WaitResult>>> map, String id, int code) {
        List<CompletableFuture<WaitResult>> waiting = map.remove(id);
        if (waiting != null) waiting.forEach(f -> f.complete(new WaitResult(code, "")));
    }
}
