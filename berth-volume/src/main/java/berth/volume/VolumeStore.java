package berth.volume;

import berth.common.Json;
import berth.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Volumes in SQLite, one row each, the record as JSON: every change is one committed transaction. */
final class VolumeStore implements AutoCloseable {
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE volumes (name TEXT PRIMARY KEY, json TEXT NOT NULL)");
    private final Database db;

    private VolumeStore(Database db) {
        this.db = db;
    }

    static VolumeStore open(Path file) {
        return new VolumeStore(Database.open(file, SCHEMA));
    }

    void put(Volume v) {
        String json = toJson(v);
        db.transaction(conn -> {
            try (PreparedStatement s = conn.prepareStatement("INSERT OR REPLACE INTO volumes (name, json) VALUES (?, ?)")) {
                s.setString(1, v.name());
                s.setString(2, json);
                return s.executeUpdate();
            }
        });
    }

    void delete(String name) {
        db.transaction(conn -> {
            try (PreparedStatement s = conn.prepareStatement("DELETE FROM volumes WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate();
            }
        });
    }

    List<Volume> loadAll() {
        return db.read(conn -> {
            List<Volume> all = new ArrayList<>();
            try (PreparedStatement s = conn.prepareStatement("SELECT json FROM volumes");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) all.add(fromJson(rs.getString(1)));
            }
            return all;
        });
    }

    private static String toJson(Volume v) {
        try {
            return Json.docker().writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Volume fromJson(String json) {
        try {
            return Json.docker().readValue(json, Volume.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt volume record: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
