package org.mburoja.intel.internal;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mburoja.intel.ObjectQuery;
import org.mburoja.intel.SearchCriteria;
import org.mburoja.intel.StoredObject;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.intel.VersionMatch;
import org.mburoja.kernel.OrganisationId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the {@code stix_objects} table and its side indexes; the same statements run on H2 and PostgreSQL. */
@Repository
class StixRows {

    static final String COLUMNS = "seq, stix_id, stix_type, spec_version, version, version_text, date_added, revoked, "
            + "tlp, owner_org, source, json";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** Object rows written since the last {@code ANALYZE} this process ran, and the table's rows then (-1: unread). */
    private final java.util.concurrent.atomic.AtomicLong sinceAnalyze = new java.util.concurrent.atomic.AtomicLong();
    private volatile long rowsAtAnalyze = -1;
    private volatile String nextValSql;
    private volatile Boolean postgres;

    StixRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A stored version's place among the versions of its object. */
    record VersionRow(long seq, Instant version, boolean first, boolean last) {
    }

    /** A row to insert. */
    record NewRow(long seq, UUID collection, String id, String type, String specVersion, Instant version,
                  String versionText, Instant dateAdded, boolean revoked, boolean first, boolean last, Tlp tlp,
                  UUID owner, String createdByRef, String source, String json, List<String> labels,
                  List<String> values) {
    }

    void lockCollection(UUID collection) {
        jdbc.sql("SELECT id FROM intel_collections WHERE id = ? FOR UPDATE").param(collection).query().listOfRows();
    }

    Instant lastDateAdded(UUID collection) {
        return jdbc.sql("SELECT MAX(date_added) FROM stix_objects WHERE collection_id = ?").param(collection)
                .query((rs, n) -> rs.getTimestamp(1)).optional().map(Timestamp::toInstant).orElse(null);
    }

    /** First number of a block of 1000 free sequence numbers. */
    long seqBlock() {
        if (nextValSql == null) {
            nextValSql = postgres() ? "SELECT nextval('stix_object_seq')" : "SELECT NEXT VALUE FOR stix_object_seq";
        }
        return jdbc.sql(nextValSql).query(Long.class).single();
    }

    private boolean postgres() {
        Boolean pg = postgres;
        if (pg == null) {
            String product = template.execute((java.sql.Connection c) -> {
                DatabaseMetaData md = c.getMetaData();
                return md.getDatabaseProductName();
            });
            pg = "PostgreSQL".equalsIgnoreCase(product);
            postgres = pg;
        }
        return pg;
    }

    /**
     * The stored versions of the ids in one collection. The query selects by id alone, through the unique key that
     * leads with {@code stix_id}, and leaves out other collections' rows here: with a {@code collection_id = ?}
     * term the planner could scan the collection's rows through {@code ix_stix_objects_added} and test each against
     * the whole id list (1,000 comparisons per row), which it did whenever its statistics put few rows in the
     * collection (a fresh or fast-growing table). An id lives in few collections, so the extra rows are few.
     */
    Map<String, List<VersionRow>> versions(UUID collection, Collection<String> ids) {
        return versions(collection, ids, null);
    }

    /** A latest, unrevoked version of an object in another collection than the one being written. */
    record LiveElsewhere(UUID collection, Instant version, OrganisationId owner, Tlp tlp) {
    }

    /**
     * As {@link #versions(UUID, Collection)}; when {@code elsewhere} is given, it also receives, per id, the latest
     * unrevoked versions the ids have in other collections (from the same rows, at no extra cost).
     */
    Map<String, List<VersionRow>> versions(UUID collection, Collection<String> ids,
                                           Map<String, List<LiveElsewhere>> elsewhere) {
        Map<String, List<VersionRow>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT stix_id, seq, version, is_first, is_last, collection_id, revoked, tlp, owner_org"
                        + " FROM stix_objects WHERE stix_id IN (" + marks(ids.size()) + ")")
                .params(new ArrayList<Object>(ids)).query(rs -> {
                    UUID in = rs.getObject(6, UUID.class);
                    if (collection.equals(in)) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new VersionRow(
                                rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4), rs.getBoolean(5)));
                    } else if (elsewhere != null && rs.getBoolean(5) && !rs.getBoolean(7)) {
                        String tlp = rs.getString(8);
                        UUID owner = rs.getObject(9, UUID.class);
                        elsewhere.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new LiveElsewhere(in,
                                rs.getTimestamp(3).toInstant(), owner == null ? null : new OrganisationId(owner),
                                tlp == null ? null : Tlp.valueOf(tlp)));
                    }
                });
        return out;
    }

    String latestJson(UUID collection, String id) {
        return jdbc.sql("SELECT json FROM stix_objects WHERE collection_id = ? AND stix_id = ? AND is_last")
                .params(collection, id).query(String.class).optional().orElse(null);
    }

    /** Inserts new rows with their labels and values: {@code COPY} on PostgreSQL, batched {@code INSERT} on H2. */
    void insert(List<NewRow> rows) {
        if (postgres()) {
            insertWithCopy(rows);
        } else {
            insertWithStatements(rows);
        }
    }

    void insertWithCopy(List<NewRow> rows) {
        template.execute((java.sql.Connection c) -> {
            PostgresCopy.insert(c, rows);
            return null;
        });
        analyzeAfterGrowth(rows.size());
    }

    /**
     * Refreshes the planner's statistics of {@code stix_objects} once it has doubled (grown by at least 5,000 rows)
     * since the last refresh this process made. Why: the dedup look-up is a server-side prepared statement whose plan, made while the
     * table was small, stayed a scan of the whole table until autovacuum's first ANALYZE, which comes late under
     * bulk ingest; then the look-up cost grew with the table (half of the benchmark runs, 2-3 times slower).
     * ANALYZE inside the ingest transaction counts the transaction's own rows and invalidates cached plans at
     * commit. About eight refreshes over a first ingest of 1,000,000 objects, then one per doubling.
     */
    private void analyzeAfterGrowth(int added) {
        long since = sinceAnalyze.addAndGet(added);
        long base = rowsAtAnalyze;
        if (base < 0) {
            Long t = jdbc.sql("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = 'stix_objects'::regclass")
                    .query(Long.class).optional().orElse(0L);
            base = t;
            rowsAtAnalyze = base;
        }
        if (since >= Math.max(5_000, base)) {
            sinceAnalyze.addAndGet(-since);
            rowsAtAnalyze = base + since;
            template.execute("ANALYZE stix_objects");
        }
    }

    void insertWithStatements(List<NewRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                INSERT INTO stix_objects (seq, collection_id, stix_id, stix_type, spec_version, version, version_text,
                    date_added, revoked, is_first, is_last, tlp, owner_org, created_by_ref, source, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, 500, (ps, r) -> {
            ps.setLong(1, r.seq());
            ps.setObject(2, r.collection());
            ps.setString(3, r.id());
            ps.setString(4, r.type());
            ps.setString(5, r.specVersion());
            ps.setTimestamp(6, Timestamp.from(r.version()));
            ps.setString(7, r.versionText());
            ps.setTimestamp(8, Timestamp.from(r.dateAdded()));
            ps.setBoolean(9, r.revoked());
            ps.setBoolean(10, r.first());
            ps.setBoolean(11, r.last());
            ps.setString(12, r.tlp() == null ? null : r.tlp().name());
            ps.setObject(13, r.owner());
            ps.setString(14, r.createdByRef());
            ps.setString(15, r.source());
            ps.setString(16, r.json());
        });
        List<Object[]> labels = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        for (NewRow r : rows) {
            r.labels().forEach(l -> labels.add(new Object[] {r.seq(), l}));
            r.values().forEach(v -> values.add(new Object[] {r.seq(), v}));
        }
        if (!labels.isEmpty()) {
            template.batchUpdate("INSERT INTO stix_object_labels (seq, label) VALUES (?, ?)", labels);
        }
        if (!values.isEmpty()) {
            template.batchUpdate("INSERT INTO stix_object_values (seq, obs_value) VALUES (?, ?)", values);
        }
    }

    void updateFlags(List<VersionRow> rows) {
        if (!rows.isEmpty()) {
            template.batchUpdate("UPDATE stix_objects SET is_first = ?, is_last = ? WHERE seq = ?",
                    rows.stream().map(r -> new Object[] {r.first(), r.last(), r.seq()}).toList());
        }
    }

    void delete(Collection<Long> seqs) {
        List<Object[]> args = seqs.stream().map(s -> new Object[] {s}).toList();
        template.batchUpdate("DELETE FROM stix_object_labels WHERE seq = ?", args);
        template.batchUpdate("DELETE FROM stix_object_values WHERE seq = ?", args);
        template.batchUpdate("DELETE FROM stix_objects WHERE seq = ?", args);
    }

    /** Rows of one collection in (date_added, seq) order after the query's position, at most {@code fetch}. */
    List<StoredObject> scan(ObjectQuery q, ObjectQuery.PagePosition after, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM stix_objects WHERE collection_id = ?");
        List<Object> p = new ArrayList<>();
        p.add(q.collection());
        if (q.addedAfter() != null) {
            sql.append(" AND date_added > ?");
            p.add(Timestamp.from(q.addedAfter()));
        }
        if (after != null) {
            sql.append(" AND (date_added > ? OR (date_added = ? AND seq > ?))");
            p.add(Timestamp.from(after.dateAdded()));
            p.add(Timestamp.from(after.dateAdded()));
            p.add(after.seq());
        }
        in(sql, p, "stix_id", q.ids());
        in(sql, p, "stix_type", q.types());
        in(sql, p, "spec_version", q.specVersions());
        versionFilter(sql, p, q.versions());
        sql.append(" ORDER BY date_added, seq LIMIT ?");
        p.add(fetch);
        return jdbc.sql(sql.toString()).params(p).query((rs, n) -> stored(rs)).list();
    }

    List<StoredObject> search(Collection<UUID> collections, SearchCriteria c, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", collection_id FROM stix_objects o WHERE is_last");
        List<Object> p = new ArrayList<>();
        in(sql, p, "collection_id", Set.copyOf(collections));
        if (c.type() != null) {
            sql.append(" AND stix_type = ?");
            p.add(c.type());
        }
        if (!c.includeRevoked()) {
            sql.append(" AND NOT revoked");
        }
        if (c.modifiedFrom() != null) {
            sql.append(" AND version >= ?");
            p.add(Timestamp.from(c.modifiedFrom()));
        }
        if (c.modifiedTo() != null) {
            sql.append(" AND version < ?");
            p.add(Timestamp.from(c.modifiedTo()));
        }
        if (c.label() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM stix_object_labels l WHERE l.seq = o.seq AND l.label = ?)");
            p.add(c.label());
        }
        if (c.value() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM stix_object_values v WHERE v.seq = o.seq AND v.obs_value = ?)");
            p.add(c.value().toLowerCase(java.util.Locale.ROOT));
        }
        sql.append(" ORDER BY version DESC, seq DESC LIMIT ?");
        p.add(fetch);
        return jdbc.sql(sql.toString()).params(p).query((rs, n) -> stored(rs)).list();
    }

    /** Latest unrevoked versions in the collections whose side index holds one of the (lower-cased) values. */
    List<Map.Entry<String, StoredObject>> mentions(Collection<UUID> collections, Collection<String> values, int fetch) {
        if (collections.isEmpty() || values.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT " + prefixed("o.") + ", v.obs_value FROM stix_object_values v"
                + " JOIN stix_objects o ON o.seq = v.seq WHERE o.is_last AND NOT o.revoked");
        List<Object> p = new ArrayList<>();
        in(sql, p, "o.collection_id", Set.copyOf(collections));
        in(sql, p, "v.obs_value", Set.copyOf(values));
        sql.append(" ORDER BY o.version DESC, o.seq DESC LIMIT ?");
        p.add(fetch);
        return jdbc.sql(sql.toString()).params(p)
                .query((rs, n) -> Map.entry(rs.getString("obs_value"), stored(rs))).list();
    }

    /** A latest, unrevoked version with the collection it lives in (one object can live in several). */
    record LiveRow(UUID collection, StoredObject object) {
    }

    /**
     * Latest, unrevoked versions of the given types in every collection, in {@code seq} order after {@code afterSeq},
     * at most {@code fetch}: the pages the live indicator index is built from.
     */
    List<LiveRow> live(Set<String> types, long afterSeq, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", collection_id FROM stix_objects"
                + " WHERE is_last AND NOT revoked AND seq > ?");
        List<Object> p = new ArrayList<>();
        p.add(afterSeq);
        in(sql, p, "stix_type", types);
        sql.append(" ORDER BY seq LIMIT ?");
        p.add(fetch);
        return jdbc.sql(sql.toString()).params(p)
                .query((rs, n) -> new LiveRow(rs.getObject("collection_id", UUID.class), stored(rs))).list();
    }

    /** Ids of the type whose latest, unrevoked versions live in more than one collection. */
    Set<String> inSeveralCollections(String type) {
        return new java.util.HashSet<>(jdbc.sql("SELECT stix_id FROM stix_objects WHERE is_last AND NOT revoked"
                + " AND stix_type = ? GROUP BY stix_id HAVING COUNT(*) > 1").param(type).query(String.class).list());
    }

    /** Latest, unrevoked versions of the given objects in every collection they live in. */
    List<LiveRow> live(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", collection_id FROM stix_objects"
                + " WHERE is_last AND NOT revoked");
        List<Object> p = new ArrayList<>();
        in(sql, p, "stix_id", Set.copyOf(ids));
        sql.append(" ORDER BY seq");
        return jdbc.sql(sql.toString()).params(p)
                .query((rs, n) -> new LiveRow(rs.getObject("collection_id", UUID.class), stored(rs))).list();
    }

    private static String prefixed(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(",\\s*")).map(c -> alias + c).collect(java.util.stream.Collectors.joining(", "));
    }

    private static void versionFilter(StringBuilder sql, List<Object> p, VersionMatch v) {
        if (v.all()) {
            return;
        }
        List<String> terms = new ArrayList<>();
        if (v.first()) {
            terms.add("is_first");
        }
        if (v.last()) {
            terms.add("is_last");
        }
        if (!v.versions().isEmpty()) {
            terms.add("version IN (" + marks(v.versions().size()) + ")");
            v.versions().forEach(t -> p.add(Timestamp.from(t)));
        }
        if (terms.isEmpty()) {
            terms.add("is_last");
        }
        sql.append(" AND (").append(String.join(" OR ", terms)).append(')');
    }

    private static void in(StringBuilder sql, List<Object> p, String column, Set<?> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (").append(marks(values.size())).append(')');
            p.addAll(values);
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static StoredObject stored(ResultSet rs) throws SQLException {
        String tlp = rs.getString("tlp");
        UUID owner = rs.getObject("owner_org", UUID.class);
        return new StoredObject(rs.getLong("seq"), rs.getString("stix_id"), rs.getString("stix_type"),
                rs.getString("spec_version"), rs.getTimestamp("version").toInstant(), rs.getString("version_text"),
                rs.getTimestamp("date_added").toInstant(), rs.getBoolean("revoked"),
                tlp == null ? null : Tlp.valueOf(tlp), owner == null ? null : new OrganisationId(owner),
                rs.getString("source"), rs.getString("json"));
    }
}
