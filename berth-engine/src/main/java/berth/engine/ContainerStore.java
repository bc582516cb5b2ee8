package berth.engine;

import berth.common.Json;
import berth.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers in SQLite, one row each, the record as JSON. Every change is one committed transaction, so a
 * daemon killed at any moment finds either the old or the new container, never half of one.
 */
final class ContainerStore implements AutoCloseable {
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE containers (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, json TEXT NOT NULL)");
    private final Database db;

    private ContainerStore(Database db) {
        this.db = db;
    }

    static ContainerStore open(Path file) {
        return new ContainerStore(Database.open(file, SCHEMA));
    }

    void put(Container c) {
        String json = toJson(c);
        db.transaction(conn -> {
            try (PreparedStatement s = conn.prepareStatement(
                    "INSERT OR REPLACE INTO containers (id, name, json) VALUES (?, ?, ?)")) {
                s.setString(1, c.id());
                s.setString(2, c.name());
                s.setString(3, json);
                return s.executeUpdate();
            }
        });
    }

    void delete(String id) {
        db.transaction(conn -> {
            try (PreparedStatement s = conn.prepareStatement("DELETE FROM containers WHERE id = ?")) {
                s.setString(1, id);
                return s.executeUpdate();
            }
        });
    }

    List<Container> loadAll() {
        return db.read(conn -> {
            List<Container> all = new ArrayList<>();
            try (PreparedStatement s = conn.prepareStatement("SELECT json FROM containers");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) all.add(fromJson(rs.getString(1)));
            }
            return all;
        });
    }

    private static String toJson(Container c) {
        try {
            return Json.docker().writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Container fromJson(String json) {
        try {
            return Json.docker().readValue(json, Container.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt container record: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
