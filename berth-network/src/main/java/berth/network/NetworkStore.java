package berth.network;

import berth.common.Json;
import berth.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Networks and what containers asked of them (memberships), in SQLite under the data root: configuration, durable. */
final class NetworkStore implements AutoCloseable {
    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE networks (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
            CREATE TABLE memberships (container_id TEXT NOT NULL, network_id TEXT NOT NULL, json TEXT NOT NULL,
                                      PRIMARY KEY (container_id, network_id))
            """);
    private final Database db;

    private NetworkStore(Database db) {
        this.db = db;
    }

    static NetworkStore open(Path file) {
        return new NetworkStore(Database.open(file, SCHEMA));
    }

    // --- networks
    void putNetwork(Network n) {
        db.transaction(c -> update(c, "INSERT OR REPLACE INTO networks (id, name, json) VALUES (?, ?, ?)",
                n.id(), n.name(), json(n)));
    }

    void deleteNetwork(String id) {
        db.transaction(c -> update(c, "DELETE FROM networks WHERE id = ?", id));
    }

    List<Network> networks() {
        return db.read(c -> query(c, "SELECT json FROM networks", rs -> parse(rs.getString(1), Network.class)));
    }

    // --- memberships
    void putMembership(String containerId, String networkId, EndpointConfig config) {
        db.transaction(c -> update(c, "INSERT OR REPLACE INTO memberships (container_id, network_id, json) VALUES (?, ?, ?)",
                containerId, networkId, json(config)));
    }

    void deleteMembership(String containerId, String networkId) {
        db.transaction(c -> update(c, "DELETE FROM memberships WHERE container_id = ? AND network_id = ?", containerId, networkId));
    }

    void deleteMemberships(String containerId) {
        db.transaction(c -> update(c, "DELETE FROM memberships WHERE container_id = ?", containerId));
    }

    /** container ID → network ID → config, in insertion order. */
    Map<String, Map<String, EndpointConfig>> memberships() {
        Map<String, Map<String, EndpointConfig>> all = new LinkedHashMap<>();
        db.read(c -> query(c, "SELECT container_id, network_id, json FROM memberships ORDER BY rowid", rs -> {
            all.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                    .put(rs.getString(2), parse(rs.getString(3), EndpointConfig.class));
            return null;
        }));
        return all;
    }

    static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setString(i + 1, args[i]);
            return s.executeUpdate();
        }
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static <T> List<T> query(Connection c, String sql, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                T t = row.read(rs);
                if (t != null) out.add(t);
            }
        }
        return out;
    }

    static String json(Object o) {
        try {
            return Json.docker().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T parse(String json, Class<T> type) {
        try {
            return Json.docker().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt network record: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
