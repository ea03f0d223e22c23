package org.mburoja.intel.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.TimestampUtils;

/**
 * Writes new object rows and their label and value rows with PostgreSQL {@code COPY ... FROM STDIN} (text format),
 * one {@code COPY} per table and call: the server parses no SQL and plans nothing per row, and the rows stream
 * while the server inserts them. The stored rows are the same as those of {@link StixRows#insertWithStatements}:
 * timestamps are written by the driver's own formatter, the one a bound {@code setTimestamp} parameter uses (so a
 * date before the Gregorian reform lands on the same instant as through an {@code INSERT}), UUIDs and numbers as
 * their text, strings through {@link CopyText}. PostgreSQL only: H2 has no {@code COPY FROM STDIN}.
 */
final class PostgresCopy {

    /** Characters buffered before they are sent; rows are never split. */
    static final int FLUSH_CHARS = 1 << 16;

    private static final String OBJECTS = "COPY stix_objects (seq, collection_id, stix_id, stix_type, spec_version, "
            + "version, version_text, date_added, revoked, is_first, is_last, tlp, owner_org, created_by_ref, source, "
            + "json) FROM STDIN";
    private static final String LABELS = "COPY stix_object_labels (seq, label) FROM STDIN";
    private static final String VALUES = "COPY stix_object_values (seq, obs_value) FROM STDIN";

    private PostgresCopy() {
    }

    private interface RowWriter {
        /** Appends the rows of one new object (none, one or several). */
        void write(StixRows.NewRow row, CopyText out);
    }

    static void insert(Connection connection, List<StixRows.NewRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        BaseConnection pg = connection.unwrap(BaseConnection.class);
        TimestampUtils timestamps = pg.getTimestampUtils();
        Calendar calendar = timestamps.getSharedCalendar(null);
        CopyManager copy = pg.getCopyAPI();
        copy(copy, OBJECTS, rows, (r, out) -> {
            out.field(r.seq()).field(r.collection().toString()).field(r.id()).field(r.type()).field(r.specVersion())
                    .field(timestamp(timestamps, calendar, r.version())).field(r.versionText())
                    .field(timestamp(timestamps, calendar, r.dateAdded())).field(r.revoked()).field(r.first())
                    .field(r.last()).field(r.tlp() == null ? null : r.tlp().name())
                    .field(r.owner() == null ? null : r.owner().toString()).field(r.createdByRef()).field(r.source())
                    .field(r.json());
            out.endRow();
        });
        if (rows.stream().anyMatch(r -> !r.labels().isEmpty())) {
            copy(copy, LABELS, rows, (r, out) -> r.labels().forEach(l -> {
                out.field(r.seq()).field(l);
                out.endRow();
            }));
        }
        if (rows.stream().anyMatch(r -> !r.values().isEmpty())) {
            copy(copy, VALUES, rows, (r, out) -> r.values().forEach(v -> {
                out.field(r.seq()).field(v);
                out.endRow();
            }));
        }
    }

    private static String timestamp(TimestampUtils timestamps, Calendar calendar, Instant instant) {
        return timestamps.toString(calendar, Timestamp.from(instant));
    }

    private static void copy(CopyManager copy, String sql, List<StixRows.NewRow> rows, RowWriter writer)
            throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            CopyText out = new CopyText();
            for (StixRows.NewRow r : rows) {
                writer.write(r, out);
                if (out.length() >= FLUSH_CHARS) {
                    byte[] bytes = out.drain();
                    in.writeToCopy(bytes, 0, bytes.length);
                }
            }
            if (out.length() > 0) {
                byte[] bytes = out.drain();
                in.writeToCopy(bytes, 0, bytes.length);
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
