package berth.network;

import berth.store.Database;
import java.nio.file.Path;
import java.util.List;

import static berth.network.NetworkStore.json;
import static berth.network.NetworkStore.parse;
import static berth.network.NetworkStore.query;
import static berth.network.NetworkStore.update;

/**
 * Running containers' sandboxes and their IP leases, in SQLite under the exec root: state that lives as long
 * as the namespaces it describes (a reboot ends both), so commits skip fsync yet survive a kill -9. A sandbox
 * and its leases are written in one transaction, so a restarted daemon finds a running container's addresses
 * exactly as they were.
 */
final class SandboxStore implements AutoCloseable {
    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE sandboxes (container_id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE leases (network_id TEXT NOT NULL, address TEXT NOT NULL, container_id TEXT NOT NULL,
                                 PRIMARY KEY (network_id, address))
            """);
    private final Database db;

    private SandboxStore(Database db) {
        this.db = db;
    }

    static SandboxStore open(Path file) {
        return new SandboxStore(Database.open(file, SCHEMA, false));
    }

    void putSandbox(Sandbox s) {
        db.transaction(c -> {
            update(c, "DELETE FROM leases WHERE container_id = ?", s.containerId());
            for (Endpoint e : s.endpoints())
                update(c, "INSERT INTO leases (network_id, address, container_id) VALUES (?, ?, ?)",
                        e.networkId(), e.address().toString(), s.containerId());
            return update(c, "INSERT OR REPLACE INTO sandboxes (container_id, json) VALUES (?, ?)", s.containerId(), json(s));
        });
    }

    void deleteSandbox(String containerId) {
        db.transaction(c -> {
            update(c, "DELETE FROM leases WHERE container_id = ?", containerId);
            return update(c, "DELETE FROM sandboxes WHERE container_id = ?", containerId);
        });
    }

    List<Sandbox> sandboxes() {
        return db.read(c -> query(c, "SELECT json FROM sandboxes", rs -> parse(rs.getString(1), Sandbox.class)));
    }

    /** Leases whose sandbox row is missing (a crash between the two is impossible; an old schema might). */
    void deleteLeasesWithoutSandbox() {
        db.transaction(c -> update(c, "DELETE FROM leases WHERE container_id NOT IN (SELECT container_id FROM sandboxes)"));
    }

    @Override
    public void close() {
        db.close();
    }
}
