package org.mburoja.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisations;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.IntelWorld;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code COPY} path against the {@code INSERT} path on PostgreSQL: the same rows written both ways must read
 * back identical, column by column, including the server's own text of every timestamp.
 */
@IntegrationTest
class PostgresCopyIT {

    private static final String[] PIECES = {"\\", "\t", "\n", "\r", "\\N", "\\.", "\\t", "a", "Z", " ", "ë", "Ç",
        "中", "\uD83D\uDC09", "\uDBFF\uDFFF", "\uD800", "\uDC00", "'", "\"", "\u007F", "\u0001", "\u2028"};

    /** Before, inside and after the Julian-to-Gregorian switch, leap-second neighbours, extremes, fractions. */
    private static final List<Instant> TIMES = List.of(Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("0999-12-31T23:59:59.999999Z"), Instant.parse("1066-10-14T09:00:00Z"),
            Instant.parse("1582-10-04T23:59:59.999999Z"), Instant.parse("1582-10-10T12:00:00.5Z"),
            Instant.parse("1582-10-15T00:00:00Z"), Instant.parse("1583-01-01T00:00:00.000001Z"),
            Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2016-12-31T23:59:60.123456Z"),
            Instant.parse("2017-01-01T00:00:00Z"), Instant.parse("2026-12-04T19:00:00.654321Z"),
            Instant.parse("2026-12-04T19:00:00.654321987Z"), Instant.parse("9999-12-31T23:59:59.999999Z"));

    @Autowired
    StixRows rows;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Organisations organisations;
    @Autowired
    IntelCollections collections;

    @BeforeEach
    void onPostgresOnly() {
        assumeTrue(TestDatabase.postgres(), "COPY exists on PostgreSQL only");
    }

    private static String text(SplittableRandom r, int maxPieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(maxPieces + 1); i > 0; i--) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static Instant time(SplittableRandom r) {
        if (r.nextBoolean()) {
            return TIMES.get(r.nextInt(TIMES.size()));
        }
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        return Instant.ofEpochSecond(r.nextLong(min, max), r.nextInt(1_000_000) * 1000L);
    }

    private List<StixRows.NewRow> generate(long seed, UUID collection, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        long seq = rows.seqBlock();
        List<StixRows.NewRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // a few values far larger than the COPY buffer, the rest small enough that rows share a buffer
            String json = i % 97 == 5 ? text(r, 3 * PostgresCopy.FLUSH_CHARS) : "{\"x\":\"" + text(r, 400) + "\"}";
            List<String> labels = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                labels.add(text(r, 60));
            }
            List<String> values = new ArrayList<>();
            for (int k = r.nextInt(3); k > 0; k--) {
                values.add(text(r, 200));
            }
            Instant version = time(r);
            Tlp tlp = r.nextInt(5) == 0 ? null : Tlp.values()[r.nextInt(Tlp.values().length)];
            out.add(new StixRows.NewRow(seq + i, collection, "indicator--" + new UUID(r.nextLong(), r.nextLong()),
                    "x-" + text(r, 20).hashCode(), "2.1", version, text(r, 10), time(r), r.nextBoolean(),
                    r.nextBoolean(), r.nextBoolean(), tlp, r.nextBoolean() ? null : new UUID(r.nextLong(), r.nextLong()),
                    r.nextBoolean() ? null : text(r, 30), text(r, 20), json, labels, values));
        }
        return out;
    }

    private static List<StixRows.NewRow> movedTo(UUID collection, long seq, List<StixRows.NewRow> rows) {
        List<StixRows.NewRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            StixRows.NewRow r = rows.get(i);
            out.add(new StixRows.NewRow(seq + i, collection, r.id(), r.type(), r.specVersion(), r.version(),
                    r.versionText(), r.dateAdded(), r.revoked(), r.first(), r.last(), r.tlp(), r.owner(),
                    r.createdByRef(), r.source(), r.json(), r.labels(), r.values()));
        }
        return out;
    }

    private static List<Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Object> out = new ArrayList<>();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            out.add(rs.getObject(c));
        }
        return out;
    }

    private List<List<Object>> objects(UUID collection, long firstSeq) {
        return jdbc.sql("""
                SELECT seq - ?, stix_id, stix_type, spec_version, version, version::text, version_text,
                       date_added, date_added::text, revoked, is_first, is_last, tlp, owner_org, created_by_ref, source,
                       json, octet_length(json)
                FROM stix_objects WHERE collection_id = ? ORDER BY seq""").params(firstSeq, collection)
                .query((rs, n) -> row(rs)).list();
    }

    private List<List<Object>> side(String table, String column, UUID collection, long firstSeq) {
        return jdbc.sql("SELECT s.seq - ?, s." + column + ", octet_length(s." + column + ") FROM " + table
                + " s JOIN stix_objects o ON o.seq = s.seq WHERE o.collection_id = ? ORDER BY s.seq, s." + column)
                .params(firstSeq, collection).query((rs, n) -> row(rs)).list();
    }

    private static String asTheDriverSendsIt(String s) {
        return s == null ? null : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Test
    void copyStoresTheSameRowsAsInsertColumnByColumn() {
        UUID byInsert = new IntelWorld(organisations, collections).collection.id();
        UUID byCopy = new IntelWorld(organisations, collections).collection.id();
        List<StixRows.NewRow> inserted = generate(20261204, byInsert, 400);
        long copySeq = rows.seqBlock();
        List<StixRows.NewRow> copied = movedTo(byCopy, copySeq, inserted);
        rows.insertWithStatements(inserted);
        rows.insertWithCopy(copied);

        long insertSeq = inserted.getFirst().seq();
        List<List<Object>> a = objects(byInsert, insertSeq);
        List<List<Object>> b = objects(byCopy, copySeq);
        assertThat(a).hasSize(400);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).as("row %d", i).isEqualTo(a.get(i));
        }
        for (String[] t : new String[][] {{"stix_object_labels", "label"}, {"stix_object_values", "obs_value"}}) {
            List<List<Object>> sa = side(t[0], t[1], byInsert, insertSeq);
            assertThat(sa).isNotEmpty();
            assertThat(side(t[0], t[1], byCopy, copySeq)).isEqualTo(sa);
        }

        // and both hold what was given, and give back the instants the dedup compares with
        List<String> ids = copied.stream().map(StixRows.NewRow::id).toList();
        var versions = rows.versions(byCopy, ids);
        for (int i = 0; i < copied.size(); i++) {
            StixRows.NewRow r = copied.get(i);
            assertThat(b.get(i).get(16)).as("json %d", i).isEqualTo(asTheDriverSendsIt(r.json()));
            assertThat(versions.get(r.id())).extracting(StixRows.VersionRow::version)
                    .containsExactly(rows.versions(byInsert, List.of(r.id())).get(r.id()).getFirst().version());
            if (!r.version().equals(Instant.parse("2026-12-04T19:00:00.654321987Z"))) {
                assertThat(versions.get(r.id()).getFirst().version()).as("version %d", i)
                        .isEqualTo(r.version().truncatedTo(ChronoUnit.MICROS));
            }
        }
    }

    /**
     * The dedup look-up's cached plan went stale while the table grew (a scan of the whole table in half of the bulk
     * runs), so the store refreshes the statistics itself each time the table has doubled: after inserting more
     * rows than the table held, {@code reltuples} counts at least half of the rows, without waiting for autovacuum.
     */
    @Test
    void theObjectTableStatisticsAreRefreshedOnceTheTableHasDoubled() {
        UUID collection = new IntelWorld(organisations, collections).collection.id();
        long present = jdbc.sql("SELECT COUNT(*) FROM stix_objects").query(Long.class).single();
        long estimated = reltuples();
        long n = (long) (Math.max(5_000, Math.max(present, estimated)) * 1.1) + 1_000;
        for (long done = 0; done < n; done += 1000) {
            long seq = rows.seqBlock();
            List<StixRows.NewRow> chunk = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                chunk.add(new StixRows.NewRow(seq + i, collection, "indicator--" + UUID.randomUUID(), "indicator",
                        "2.1", Instant.parse("2026-12-04T20:00:00Z"), "2026-12-04T20:00:00Z",
                        Instant.parse("2026-12-04T20:00:01Z"), false, true, true, null, null, null, "local", "{}",
                        List.of(), List.of()));
            }
            rows.insertWithCopy(chunk);
        }
        assertThat(reltuples()).as("rows %d + %d, estimate before %d", present, n, estimated)
                .isGreaterThan(estimated).isGreaterThanOrEqualTo((long) ((present + n) * 0.45));
    }

    private long reltuples() {
        return jdbc.sql("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = 'stix_objects'::regclass")
                .query(Long.class).single();
    }

    @Test
    void aNulIsRefusedAndNothingOfTheCopyIsStored() {
        UUID collection = new IntelWorld(organisations, collections).collection.id();
        List<StixRows.NewRow> batch = new ArrayList<>(generate(7, collection, 20));
        StixRows.NewRow last = batch.removeLast();
        batch.add(new StixRows.NewRow(last.seq(), collection, last.id(), last.type(), last.specVersion(),
                last.version(), last.versionText(), last.dateAdded(), last.revoked(), last.first(), last.last(),
                last.tlp(), last.owner(), last.createdByRef(), last.source(), "{\"x\":\"a\0b\"}", List.of(),
                List.of()));
        assertThatThrownBy(() -> rows.insertWithCopy(batch)).hasMessageContaining("U+0000");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stix_objects WHERE collection_id = ?").param(collection)
                .query(Long.class).single()).isZero();
    }
}
