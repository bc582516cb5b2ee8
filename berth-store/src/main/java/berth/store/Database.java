package berth.store;

import berth.common.BerthException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A SQLite database (xerial sqlite-jdbc) behind one connection and one lock. WAL journal with
 * synchronous=FULL: a committed transaction survives kill -9 and power loss. The schema is versioned by
 * {@code PRAGMA user_version}: {@code migrations.get(i)} moves it from version i to i+1, each in its own
 * transaction, so that a crash mid-migration leaves the previous version intact.
 */
public final class Database implements AutoCloseable {
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    /** A unit of work on the connection; SQLExceptions become SystemFaults. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating) the database file and applies the migrations it has not seen yet. */
    public static Database open(Path file, List<String> migrations) {
        return open(file, migrations, true);
    }

    /**
     * As {@link #open(Path, List)}; {@code durable} false trades power-loss durability for commits without
     * fsync (synchronous=NORMAL: a commit still survives kill -9, as WAL writes are in the page cache). For
     * state that dies with the machine anyway, such as what running containers hold.
     */
    public static Database open(Path file, List<String> migrations, boolean durable) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            Database db = new Database(c);
            db.configure(durable);
            db.migrate(migrations);
            return db;
        } catch (SQLException | java.io.IOException e) {
            throw BerthException.fault("cannot open database " + file, e);
        }
    }

    private void configure(boolean durable) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA foreign_keys=ON");
        }
    }

    private void migrate(List<String> migrations) {
        int version = schemaVersion();
        if (version > migrations.size())
            throw BerthException.fault("database schema " + version + " is newer than this berth", null);
        for (int v = version; v < migrations.size(); v++) {
            String script = migrations.get(v);
            int next = v + 1;
            transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : script.split(";")) if (!sql.isBlank()) s.execute(sql);
                    s.execute("PRAGMA user_version=" + next);
                }
                return null;
            });
        }
    }

    public int schemaVersion() {
        return read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw BerthException.fault("database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} outside an explicit transaction (each statement commits on its own). */
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw BerthException.fault("database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw BerthException.fault("cannot close database", e);
        } finally {
            lock.unlock();
        }
    }
}
