package berth.image;

import berth.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image index in SQLite ({@code image/images.db}): images with their config, the layers they stack,
 * tags, and container snapshots (which pin their layers even if the image goes). Every change is one
 * transaction; files are written before a row refers to them and deleted after the row is gone.
 */
final class ImageIndex implements AutoCloseable {
    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE images (id TEXT PRIMARY KEY, config BLOB NOT NULL, created INTEGER NOT NULL);
            CREATE TABLE layers (chain_id TEXT PRIMARY KEY, diff_id TEXT NOT NULL, size INTEGER NOT NULL,
                                 blob TEXT NOT NULL);
            CREATE TABLE image_layers (image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                                       position INTEGER NOT NULL, chain_id TEXT NOT NULL REFERENCES layers(chain_id),
                                       PRIMARY KEY (image_id, position));
            CREATE INDEX image_layers_chain ON image_layers(chain_id);
            CREATE TABLE tags (reference TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id));
            CREATE INDEX tags_image ON tags(image_id);
            CREATE TABLE snapshots (container_id TEXT PRIMARY KEY, image_id TEXT NOT NULL, chain_ids TEXT NOT NULL)
            """, """
            CREATE TABLE repo_digests (reference TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id));
            CREATE INDEX repo_digests_image ON repo_digests(image_id);
            CREATE TABLE layer_sources (diff_id TEXT NOT NULL, blob TEXT NOT NULL, media_type TEXT NOT NULL,
                                        registry TEXT NOT NULL, repository TEXT NOT NULL,
                                        PRIMARY KEY (diff_id, registry, repository, blob));
            """);

    private final Database db;

    private ImageIndex(Database db) {
        this.db = db;
    }

    static ImageIndex open(java.nio.file.Path file) {
        return new ImageIndex(Database.open(file, SCHEMA));
    }

    /** A layer as the index knows it. {@code blob} is the digest of the archive it was unpacked from. */
    record Layer(String chainId, String diffId, long size, String blob) {}

    /** An image row with what hangs off it. */
    record Row(String id, byte[] config, List<String> tags, List<String> chainIds, long size, List<String> repoDigests) {}

    /**
     * Where a layer's compressed blob came from (a pull) or went (a push), as Docker's v2 metadata: a push
     * sends that blob again instead of compressing the layer anew, or mounts it from that repository.
     */
    record LayerSource(String diffId, String blob, String mediaType, String registry, String repository) {}

    /** A container's snapshot: the layers it stacks, bottom first. */
    record SnapshotRow(String containerId, String imageId, List<String> chainIds) {}

    /** Adds (or keeps) an image, its layers and tags; a tag on another image moves to this one. */
    void add(String id, byte[] config, long createdNanos, List<Layer> layers, List<Reference> tags) {
        db.transaction(c -> {
            update(c, "INSERT OR IGNORE INTO images(id, config, created) VALUES (?, ?, ?)", id, config, createdNanos);
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                update(c, "INSERT OR IGNORE INTO layers VALUES (?, ?, ?, ?)", l.chainId(), l.diffId(), l.size(), l.blob());
                update(c, "INSERT OR IGNORE INTO image_layers VALUES (?, ?, ?)", id, i, l.chainId());
            }
            for (Reference t : tags) update(c, "INSERT OR REPLACE INTO tags VALUES (?, ?)", t.toString(), id);
            return null;
        });
    }

    Optional<Layer> layer(String chainId) {
        return db.read(c -> query(c, "SELECT chain_id, diff_id, size, blob FROM layers WHERE chain_id = ?",
                rs -> new Layer(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)), chainId))
                .stream().findFirst();
    }

    Optional<String> idByTag(Reference ref) {
        return db.read(c -> query(c, "SELECT image_id FROM tags WHERE reference = ?", rs -> rs.getString(1), ref.toString()))
                .stream().findFirst();
    }

    /** IDs starting with {@code sha256:<hexPrefix>}. */
    List<String> idsWithPrefix(String hexPrefix) {
        return db.read(c -> query(c, "SELECT id FROM images WHERE substr(id, 1, ?) = ?", rs -> rs.getString(1),
                7 + hexPrefix.length(), "sha256:" + hexPrefix));
    }

    Optional<Row> row(String id) {
        return db.read(c -> rows(c, "WHERE id = ?", id)).stream().findFirst();
    }

    List<Row> all() {
        return db.read(c -> rows(c, ""));
    }

    private List<Row> rows(Connection c, String where, Object... args) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (var r : query(c, "SELECT id, config FROM images " + where + " ORDER BY created DESC, id",
                rs -> Map.entry(rs.getString(1), rs.getBytes(2)), args)) {
            List<String> chains = query(c, "SELECT chain_id FROM image_layers WHERE image_id = ? ORDER BY position",
                    rs -> rs.getString(1), r.getKey());
            long size = query(c, "SELECT coalesce(sum(l.size), 0) FROM image_layers il JOIN layers l USING (chain_id)"
                    + " WHERE il.image_id = ?", rs -> rs.getLong(1), r.getKey()).getFirst();
            rows.add(new Row(r.getKey(), r.getValue(), tags(c, r.getKey()), chains, size,
                    query(c, "SELECT reference FROM repo_digests WHERE image_id = ? ORDER BY rowid", rs -> rs.getString(1), r.getKey())));
        }
        return rows;
    }

    private static List<String> tags(Connection c, String id) throws SQLException {
        return query(c, "SELECT reference FROM tags WHERE image_id = ? ORDER BY rowid", rs -> rs.getString(1), id);
    }

    void tag(Reference ref, String id) {
        db.transaction(c -> update(c, "INSERT OR REPLACE INTO tags VALUES (?, ?)", ref.toString(), id));
    }

    /** Records {@code name@sha256:...} for an image (a pull or push); the reference moves if it was elsewhere. */
    void addRepoDigest(String reference, String id) {
        db.transaction(c -> update(c, "INSERT OR REPLACE INTO repo_digests VALUES (?, ?)", reference, id));
    }

    Optional<String> idByRepoDigest(String reference) {
        return db.read(c -> query(c, "SELECT image_id FROM repo_digests WHERE reference = ?", rs -> rs.getString(1), reference))
                .stream().findFirst();
    }

    /** A layer indexed on its own, before any image stacks it: a pull keeps what it finished for the next. */
    void addLayer(Layer l) {
        db.transaction(c -> update(c, "INSERT OR IGNORE INTO layers VALUES (?, ?, ?, ?)", l.chainId(), l.diffId(), l.size(), l.blob()));
    }

    void addLayerSource(LayerSource s) {
        db.transaction(c -> update(c, "INSERT OR IGNORE INTO layer_sources VALUES (?, ?, ?, ?, ?)",
                s.diffId(), s.blob(), s.mediaType(), s.registry(), s.repository()));
    }

    /**
     * Forgets the recorded blobs of a diff ID once no layer has it any more; returns their digests for the
     * caller to delete after the commit (those of other diff IDs are kept).
     */
    List<String> forgetLayerSources(String diffId) {
        return db.transaction(c -> {
            if (!query(c, "SELECT 1 FROM layers WHERE diff_id = ? LIMIT 1", rs -> 1, diffId).isEmpty()) return List.<String>of();
            List<String> blobs = query(c, "SELECT DISTINCT blob FROM layer_sources WHERE diff_id = ?", rs -> rs.getString(1), diffId);
            update(c, "DELETE FROM layer_sources WHERE diff_id = ?", diffId);
            List<String> orphans = new ArrayList<>();
            for (String b : blobs)
                if (query(c, "SELECT 1 FROM layer_sources WHERE blob = ? UNION SELECT 1 FROM layers WHERE blob = ? LIMIT 1",
                        rs -> 1, b, b).isEmpty()) orphans.add(b);
            return orphans;
        });
    }

    void removeLayerSource(String blob) {
        db.transaction(c -> update(c, "DELETE FROM layer_sources WHERE blob = ?", blob));
    }

    /** Known compressed blobs of a layer, most recent first. */
    List<LayerSource> layerSources(String diffId) {
        return db.read(c -> query(c, "SELECT diff_id, blob, media_type, registry, repository FROM layer_sources"
                        + " WHERE diff_id = ? ORDER BY rowid DESC",
                rs -> new LayerSource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), diffId));
    }

    void untag(String reference) {
        db.transaction(c -> update(c, "DELETE FROM tags WHERE reference = ?", reference));
    }

    /** Forgets one {@code name@sha256:...} of an image (rmi of that reference, or of its repository's last tag). */
    void removeRepoDigest(String reference) {
        db.transaction(c -> update(c, "DELETE FROM repo_digests WHERE reference = ?", reference));
    }

    /**
     * Deletes an image with its tags and the layers no other image or snapshot stacks; returns those
     * layers, top first, so that the caller removes their directories and blobs after the commit.
     */
    List<Layer> delete(String id) {
        return db.transaction(c -> {
            List<String> chains = query(c, "SELECT chain_id FROM image_layers WHERE image_id = ? ORDER BY position DESC",
                    rs -> rs.getString(1), id);
            update(c, "DELETE FROM tags WHERE image_id = ?", id);
            update(c, "DELETE FROM repo_digests WHERE image_id = ?", id);
            update(c, "DELETE FROM images WHERE id = ?", id);
            Set<String> pinned = snapshotChains(c);
            List<Layer> unused = new ArrayList<>();
            for (String chain : chains) {
                if (pinned.contains(chain) || used(c, chain)) continue;
                unused.add(query(c, "SELECT chain_id, diff_id, size, blob FROM layers WHERE chain_id = ?",
                        rs -> new Layer(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)), chain).getFirst());
                update(c, "DELETE FROM layers WHERE chain_id = ?", chain);
            }
            return unused;
        });
    }

    private static boolean used(Connection c, String chain) throws SQLException {
        return !query(c, "SELECT 1 FROM image_layers WHERE chain_id = ? LIMIT 1", rs -> 1, chain).isEmpty();
    }

    private static Set<String> snapshotChains(Connection c) throws SQLException {
        Set<String> chains = new HashSet<>();
        for (String s : query(c, "SELECT chain_ids FROM snapshots", rs -> rs.getString(1)))
            if (!s.isEmpty()) chains.addAll(List.of(s.split(" ")));
        return chains;
    }

    Optional<SnapshotRow> snapshot(String containerId) {
        return db.read(c -> query(c, "SELECT container_id, image_id, chain_ids FROM snapshots WHERE container_id = ?",
                rs -> new SnapshotRow(rs.getString(1), rs.getString(2), split(rs.getString(3))), containerId))
                .stream().findFirst();
    }

    void addSnapshot(SnapshotRow s) {
        db.transaction(c -> update(c, "INSERT OR IGNORE INTO snapshots VALUES (?, ?, ?)",
                s.containerId(), s.imageId(), String.join(" ", s.chainIds())));
    }

    /** Removes a snapshot; returns the layers only it still stacked (its image was deleted), top first. */
    List<Layer> removeSnapshot(String containerId) {
        return db.transaction(c -> {
            List<String> chains = new ArrayList<>(query(c, "SELECT chain_ids FROM snapshots WHERE container_id = ?",
                    rs -> split(rs.getString(1)), containerId).stream().flatMap(List::stream).toList());
            update(c, "DELETE FROM snapshots WHERE container_id = ?", containerId);
            Set<String> pinned = snapshotChains(c);
            List<Layer> unused = new ArrayList<>();
            for (String chain : chains.reversed()) {
                if (pinned.contains(chain) || used(c, chain)) continue;
                unused.addAll(query(c, "SELECT chain_id, diff_id, size, blob FROM layers WHERE chain_id = ?",
                        rs -> new Layer(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)), chain));
                update(c, "DELETE FROM layers WHERE chain_id = ?", chain);
            }
            return unused;
        });
    }

    /** Every layer's unpacked size by chain ID. */
    Map<String, Long> layerSizes() {
        return db.read(c -> {
            Map<String, Long> sizes = new java.util.HashMap<>();
            for (Layer l : query(c, "SELECT chain_id, diff_id, size, blob FROM layers",
                    rs -> new Layer(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4))))
                sizes.put(l.chainId(), l.size());
            return sizes;
        });
    }

    /** Chain IDs that more than one image stacks (what Docker counts as shared size). */
    Set<String> sharedChains() {
        return db.read(c -> new HashSet<>(query(c, "SELECT chain_id FROM image_layers GROUP BY chain_id"
                + " HAVING count(DISTINCT image_id) > 1", rs -> rs.getString(1))));
    }

    /** Names under overlay/ the index refers to (layer chain hexes and container IDs): all else is garbage. */
    Set<String> overlayNames() {
        return db.read(c -> {
            Set<String> names = new HashSet<>(query(c, "SELECT substr(chain_id, 8) FROM layers", rs -> rs.getString(1)));
            names.addAll(query(c, "SELECT container_id FROM snapshots", rs -> rs.getString(1)));
            return names;
        });
    }

    /** Blob digests the index refers to: image configs and layer archives. */
    Set<String> blobs() {
        return db.read(c -> {
            Set<String> blobs = new HashSet<>(query(c, "SELECT id FROM images", rs -> rs.getString(1)));
            blobs.addAll(query(c, "SELECT blob FROM layers", rs -> rs.getString(1)));
            blobs.addAll(query(c, "SELECT blob FROM layer_sources", rs -> rs.getString(1)));
            return blobs;
        });
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(" "));
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return ps;
    }

    @Override
    public void close() {
        db.close();
    }

}
