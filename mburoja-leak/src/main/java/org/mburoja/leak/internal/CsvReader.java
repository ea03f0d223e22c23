package org.mburoja.leak.internal;

import java.io.IOException;
import java.util.Arrays;
import org.mburoja.leak.ColumnRole;

/**
 * CSV and TSV: the delimiter is taken from the first line (the most frequent of , ; tab |), the first row is a header
 * when at least two of its cells name a known column, and every column is classified once: from its header, or for
 * a column without a known header (or a file without header) from the values of the first {@value #SAMPLE_ROWS}
 * rows, which are held back (at most {@value #MAX_RECORD} bytes) and then counted like the rest. Quoted
 * fields may hold delimiters, doubled quotes and line breaks. A quote left open for more than {@value #MAX_RECORD}
 * bytes is broken quoting: the gathered text is scanned as prose, the problem is reported with its line, and reading
 * starts again at the next line, so one stray quote cannot swallow the rest of a dump.
 */
final class CsvReader {

    static final int MAX_RECORD = 1 << 20;

    private final FileTally tally;
    private final Diagnostics diag;
    private byte delimiter;
    private ColumnRole[] roles;
    private boolean headerless;
    private byte[] record = new byte[4096];
    private int recordLen;
    private long recordLine;
    private int[] fieldStart = new int[64];
    private int[] fieldEnd = new int[64];
    private int fields;
    /** Rows held back until the columns without a known header have been classified from their values. */
    static final int SAMPLE_ROWS = 32;
    private java.util.List<byte[]> held = new java.util.ArrayList<>();
    private long heldBytes;
    private boolean sampling;

    private CsvReader(FileTally tally, Diagnostics diag) {
        this.tally = tally;
        this.diag = diag;
    }

    static void read(LineSource src, FileTally tally, Diagnostics diag) throws IOException {
        new CsvReader(tally, diag).run(src);
    }

    private void run(LineSource src) throws IOException {
        boolean first = true;
        while (src.next()) {
            byte[] b = src.buf;
            int s = src.start;
            int e = src.end;
            if (first) {
                if (e - s == 0) {
                    continue;
                }
                delimiter = guessDelimiter(b, s, e);
            }
            if (recordLen > 0) {
                append((byte) '\n');
                append(b, s, e);
                b = record;
                s = 0;
                e = recordLen;
            }
            byte[] raw = first || sampling ? Arrays.copyOfRange(b, s, e) : null;
            int status = split(b, s, e);
            if (status < 0) {
                if (recordLen == 0) {
                    recordLine = src.lineNumber();
                    append(b, s, e);
                }
                if (recordLen > MAX_RECORD || src.partial) {
                    diag.add(recordLine, "unterminated quote in CSV field; " + recordLen
                            + " bytes scanned as text, reading resumes at the next line");
                    tally.beginRecord();
                    tally.prose(record, 0, recordLen);
                    tally.endRecord();
                    recordLen = 0;
                }
                continue;
            }
            if (first) {
                first = false;
                boolean isHeader = header(b);
                sampling = hasUnknownColumns();
                if (isHeader) {
                    recordLen = 0;
                    continue;
                }
            }
            if (sampling) {
                hold(raw);
            } else {
                emit(b);
            }
            recordLen = 0;
        }
        if (sampling) {
            classifyAndReplay();
        }
        if (recordLen > 0) {
            diag.add(recordLine, "unterminated quote at end of file; last record scanned as text");
            tally.beginRecord();
            tally.prose(record, 0, recordLen);
            tally.endRecord();
        }
    }

    private boolean header(byte[] b) {
        ColumnRole[] r = new ColumnRole[fields];
        int known = 0;
        for (int k = 0; k < fields; k++) {
            r[k] = ColumnRole.of(b, fieldStart[k], fieldEnd[k], tally.utf8());
            known += r[k] != ColumnRole.OTHER ? 1 : 0;
        }
        if (known >= 2 || (known == 1 && fields == 1)) {
            roles = r;
            return true;
        }
        headerless = true;
        roles = new ColumnRole[fields];
        Arrays.fill(roles, ColumnRole.OTHER);
        return false;
    }

    private boolean hasUnknownColumns() {
        for (ColumnRole r : roles) {
            if (r == ColumnRole.OTHER) {
                return true;
            }
        }
        return false;
    }

    /** Keeps a copy of a complete record (already split) until enough rows are seen to classify columns. */
    private void hold(byte[] raw) {
        held.add(raw);
        heldBytes += raw.length;
        if (held.size() >= SAMPLE_ROWS || heldBytes > MAX_RECORD) {
            classifyAndReplay();
        }
    }

    private void classifyAndReplay() {
        sampling = false;
        ColumnSampler sampler = new ColumnSampler(NameDictionary.standard(), tally.latestYear());
        for (byte[] original : held) {
            byte[] row = original.clone();
            split(row, 0, row.length);
            for (int k = 0; k < fields; k++) {
                sampler.sample(k, row, fieldStart[k], fieldEnd[k], tally.utf8());
            }
        }
        for (int k = 0; k < roles.length; k++) {
            if (roles[k] == ColumnRole.OTHER) {
                roles[k] = sampler.role(k);
            }
        }
        headerless = false;
        for (byte[] row : held) {
            split(row, 0, row.length);
            emit(row);
        }
        held = new java.util.ArrayList<>();
        heldBytes = 0;
    }

    private void emit(byte[] b) {
        tally.beginRecord();
        for (int k = 0; k < fields; k++) {
            if (headerless) {
                tally.prose(b, fieldStart[k], fieldEnd[k]);
            } else {
                tally.cell(k < roles.length ? roles[k] : ColumnRole.OTHER, b, fieldStart[k], fieldEnd[k]);
            }
        }
        tally.endRecord();
    }

    /** Splits a record into fields, unquoting in place; -1 when a quote is still open at the end. */
    private int split(byte[] b, int s, int e) {
        fields = 0;
        int p = s;
        byte d = delimiter;
        while (true) {
            if (fields == fieldStart.length) {
                fieldStart = Arrays.copyOf(fieldStart, fields * 2);
                fieldEnd = Arrays.copyOf(fieldEnd, fields * 2);
            }
            if (p < e && b[p] == '"') {
                int r = p + 1;
                boolean closed = false;
                boolean doubled = false;
                while (true) {
                    r = ByteSearch.indexOf(b, r, e, (byte) '"');
                    if (r >= e) {
                        break;
                    }
                    if (r + 1 < e && b[r + 1] == '"') {
                        doubled = true;
                        r += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                if (!closed) {
                    return -1;
                }
                fieldStart[fields] = p + 1;
                fieldEnd[fields] = doubled ? -r : r;
                fields++;
                r = ByteSearch.indexOf(b, r + 1, e, d);
                if (r >= e) {
                    return unescape(b);
                }
                p = r + 1;
            } else {
                int r = ByteSearch.indexOf(b, p, e, d);
                fieldStart[fields] = p;
                fieldEnd[fields] = r;
                fields++;
                if (r >= e) {
                    return unescape(b);
                }
                p = r + 1;
            }
        }
    }

    /** Collapses doubled quotes of the fields marked by a negative end, once the record is known complete. */
    private int unescape(byte[] b) {
        for (int k = 0; k < fields; k++) {
            if (fieldEnd[k] < 0) {
                int r = fieldStart[k];
                int e = -fieldEnd[k];
                int w = r;
                while (r < e) {
                    byte c = b[r++];
                    b[w++] = c;
                    if (c == '"') {
                        r++;
                    }
                }
                fieldEnd[k] = w;
            }
        }
        return fields;
    }

    static byte guessDelimiter(byte[] b, int s, int e) {
        int comma = 0;
        int semi = 0;
        int tab = 0;
        int pipe = 0;
        boolean quoted = false;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> comma++;
                    case ';' -> semi++;
                    case '\t' -> tab++;
                    case '|' -> pipe++;
                    default -> { }
                }
            }
        }
        int max = Math.max(Math.max(comma, semi), Math.max(tab, pipe));
        if (max == tab && tab > 0) {
            return '\t';
        }
        if (max == semi && semi > 0) {
            return ';';
        }
        if (max == pipe && pipe > 0) {
            return '|';
        }
        return ',';
    }

    private void append(byte c) {
        if (recordLen == record.length) {
            record = Arrays.copyOf(record, record.length * 2);
        }
        record[recordLen++] = c;
    }

    private void append(byte[] b, int s, int e) {
        int n = e - s;
        if (recordLen + n > record.length) {
            record = Arrays.copyOf(record, Math.max(record.length * 2, recordLen + n));
        }
        System.arraycopy(b, s, record, recordLen, n);
        recordLen += n;
    }
}
