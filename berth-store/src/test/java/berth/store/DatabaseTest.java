package berth.store;

import berth.common.BerthException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {
    private static final List<String> V1 = List.of("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
    private static final List<String> V2 = List.of(V1.getFirst(), "ALTER TABLE t ADD COLUMN n INTEGER NOT NULL DEFAULT 0");
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("berth-db");
    }

    @AfterEach
    void tearDown() throws IOException {
        TempDir.delete(dir);
    }

    @Test
    void migratesByVersionAndKeepsData() {
        try (Database db = Database.open(dir.resolve("x.db"), V1)) {
            assertThat(db.schemaVersion()).isEqualTo(1);
            insert(db, "a");
        }
        try (Database db = Database.open(dir.resolve("x.db"), V2)) {
            assertThat(db.schemaVersion()).isEqualTo(2);
            assertThat(count(db)).isEqualTo(1);
        }
    }

    @Test
    void usesWal() {
        try (Database db = Database.open(dir.resolve("x.db"), V1)) {
            String mode = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void failedTransactionRollsBack() {
        try (Database db = Database.open(dir.resolve("x.db"), V1)) {
            assertThatThrownBy(() -> db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t(k, v) VALUES ('a', 'x')");
                }
                throw BerthException.conflict("boom");
            })).isInstanceOf(BerthException.Conflict.class);
            assertThat(count(db)).isZero();
        }
    }

    @Test
    void sqlErrorBecomesFault() {
        try (Database db = Database.open(dir.resolve("x.db"), V1)) {
            insert(db, "a");
            assertThatThrownBy(() -> insert(db, "a")).isInstanceOf(BerthException.SystemFault.class);
            assertThat(count(db)).isEqualTo(1);
        }
    }

    private static void insert(Database db, String key) {
        db.transaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO t(k, v) VALUES (?, 'v')")) {
                ps.setString(1, key);
                return ps.executeUpdate();
            }
        });
    }

    private static int count(Database db) {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
