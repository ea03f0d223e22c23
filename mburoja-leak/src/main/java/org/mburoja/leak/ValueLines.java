package org.mburoja.leak;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes every value a scan finds or rejects, unmasked, one JSON object per line:
 * {@code {"file": "dump.csv", "record": 17, "type": "nid", "value": "J00101999W", "valid": true}}, the record being
 * the row, object, tuple or paste line the value stands in (the values of one record are one person's, or a few
 * people's: group by file and record). For the privileged caller who must reach the people of a breach (notifying
 * data subjects needs their names, numbers, addresses and phones), never for reports, which keep masked samples
 * only. JSON, not CSV, so that a value crafted as a spreadsheet formula
 * ({@code =HYPERLINK(...)}, {@code +355...}) stays a string, and quotes, line breaks and control characters of a
 * hostile dump are escaped.
 *
 * <p>A write error does not stop the scan (its report is still worth having): the first one is kept, later values
 * are dropped, and {@link #close()} throws it.
 */
public final class ValueLines implements EntityListener, Closeable {

    private final Writer out;
    private final StringBuilder line = new StringBuilder(160);
    private long written;
    private IOException failure;

    public ValueLines(Writer out) {
        this.out = out;
    }

    @Override
    public void found(String file, EntityType type, String value, boolean valid) {
        found(file, 0, type, value, valid);
    }

    /** One line; {@code record} 0 leaves the record out. */
    @Override
    public void found(String file, long record, EntityType type, String value, boolean valid) {
        if (failure != null) {
            return;
        }
        line.setLength(0);
        line.append("{\"file\": ");
        ReportJson.string(line, file);
        if (record > 0) {
            line.append(", \"record\": ").append(record);
        }
        line.append(", \"type\": \"").append(type.key()).append("\", \"value\": ");
        ReportJson.string(line, value);
        line.append(", \"valid\": ").append(valid).append("}\n");
        try {
            out.append(line);
            written++;
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Lines written so far. */
    public long written() {
        return written;
    }

    /** Flushes and closes the writer; throws the first write error of the scan, if any. */
    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
