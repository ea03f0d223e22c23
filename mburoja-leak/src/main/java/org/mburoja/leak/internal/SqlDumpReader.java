package org.mburoja.leak.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mburoja.leak.ColumnRole;

/**
 * SQL dumps (mysqldump and pg_dump style): column names come from {@code CREATE TABLE} (or the column list of the
 * {@code INSERT}), every tuple of a multi-row {@code INSERT ... VALUES (...),(...);} is one record, and
 * {@code COPY ... FROM stdin} blocks are read as tab-separated rows. A state machine over bytes, so an INSERT of any
 * length (split by the line source into pieces) is read without holding it; quoted strings with backslash escapes
 * and doubled quotes are handled. Statements the scanner does not model are skipped.
 */
final class SqlDumpReader {

    private enum State { IDLE, CREATE, TUPLES, COPY }

    /** Bytes of a statement's start read to find its keywords (an INSERT's column list must fit). */
    private static final int HEAD = 16384;

    private final FileTally tally;
    private final Diagnostics diag;
    private final Map<String, ColumnRole[]> tables = new HashMap<>();
    private State state = State.IDLE;
    private String table;
    private final List<ColumnRole> createColumns = new ArrayList<>();
    private int createDepth;
    private boolean itemStart;
    private ColumnRole[] roles = new ColumnRole[0];
    private int tupleDepth;
    private int column;
    private byte[] scratch = new byte[256];

    private SqlDumpReader(FileTally tally, Diagnostics diag) {
        this.tally = tally;
        this.diag = diag;
    }

    static void read(LineSource src, FileTally tally, Diagnostics diag) throws IOException {
        new SqlDumpReader(tally, diag).run(src);
    }

    private void run(LineSource src) throws IOException {
        while (src.next()) {
            byte[] b = src.buf;
            int s = src.start;
            int e = src.end;
            switch (state) {
                case IDLE -> idle(b, s, e, src.lineNumber());
                case CREATE -> create(b, s, e);
                case TUPLES -> tuples(b, s, e, src.lineNumber());
                case COPY -> copy(b, s, e);
            }
        }
        if (state == State.TUPLES && tupleDepth > 0) {
            diag.add(src.lineNumber(), "SQL dump ends inside a VALUES tuple");
            tally.endRecord();
        }
    }

    private void idle(byte[] b, int s, int e, long line) {
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        String head = new String(b, s, Math.min(e - s, 256), java.nio.charset.StandardCharsets.ISO_8859_1);
        String upper = head.toUpperCase(Locale.ROOT);
        if ((upper.startsWith("INSERT") || upper.startsWith("REPLACE")) && !upper.contains("VALUES") && e - s > 256) {
            head = new String(b, s, Math.min(e - s, HEAD), java.nio.charset.StandardCharsets.ISO_8859_1);
            upper = head.toUpperCase(Locale.ROOT);
        }
        if (upper.startsWith("CREATE TABLE")) {
            int p = s + 12;
            int[] name = new int[2];
            p = identifier(b, p, e, name, true);
            table = name[1] > name[0] ? new String(b, name[0], name[1] - name[0], java.nio.charset.StandardCharsets.UTF_8) : "";
            createColumns.clear();
            createDepth = 0;
            itemStart = false;
            state = State.CREATE;
            create(b, p, e);
        } else if (upper.startsWith("INSERT") || upper.startsWith("REPLACE")) {
            int into = upper.indexOf("INTO");
            int values = upper.indexOf("VALUES");
            if (into < 0 || values < 0) {
                if (into >= 0 && e - s > HEAD) {
                    diag.add(line, "INSERT header longer than " + HEAD + " bytes; statement skipped");
                }
                return;
            }
            int[] name = new int[2];
            int p = identifier(b, s + into + 4, e, name, true);
            String t = new String(b, name[0], name[1] - name[0], java.nio.charset.StandardCharsets.UTF_8);
            ColumnRole[] r = tables.getOrDefault(t, new ColumnRole[0]);
            int paren = head.indexOf('(', p - s);
            if (paren >= 0 && paren < values) {
                r = columnList(b, s + paren + 1, s + values);
            }
            roles = r;
            tupleDepth = 0;
            column = 0;
            state = State.TUPLES;
            tuples(b, s + values + 6, e, line);
        } else if (upper.startsWith("COPY ")) {
            int[] name = new int[2];
            int p = identifier(b, s + 5, e, name, true);
            int paren = head.indexOf('(', p - s);
            int close = head.indexOf(')', Math.max(paren, 0));
            roles = paren >= 0 && close > paren ? columnList(b, s + paren + 1, s + close)
                    : tables.getOrDefault(new String(b, name[0], name[1] - name[0],
                    java.nio.charset.StandardCharsets.UTF_8), new ColumnRole[0]);
            state = State.COPY;
        }
    }

    private ColumnRole[] columnList(byte[] b, int s, int e) {
        List<ColumnRole> out = new ArrayList<>();
        int p = s;
        int[] name = new int[2];
        while (p < e) {
            int q = identifier(b, p, e, name, false);
            if (name[1] > name[0]) {
                out.add(ColumnRole.of(b, name[0], name[1], tally.utf8()));
            }
            while (q < e && b[q] != ',') {
                q++;
            }
            p = q + 1;
        }
        return out.toArray(new ColumnRole[0]);
    }

    /** Reads an identifier (plain, `quoted` or "quoted") after spaces; returns the position after it. */
    private static int identifier(byte[] b, int p, int e, int[] out, boolean skipIfNotExists) {
        while (p < e && (b[p] == ' ' || b[p] == '\t' || b[p] == '(')) {
            p++;
        }
        if (skipIfNotExists && p + 13 <= e && (b[p] == 'I' || b[p] == 'i') && (b[p + 1] == 'F' || b[p + 1] == 'f')
                && b[p + 2] == ' ') {
            p += 13;
            while (p < e && b[p] == ' ') {
                p++;
            }
        }
        if (p < e && (b[p] == '`' || b[p] == '"')) {
            byte q = b[p];
            int s = ++p;
            while (p < e && b[p] != q) {
                p++;
            }
            out[0] = s;
            out[1] = p;
            return Math.min(p + 1, e);
        }
        int s = p;
        while (p < e && (Character.isLetterOrDigit(b[p]) || b[p] == '_' || b[p] == '.' || b[p] < 0)) {
            p++;
        }
        out[0] = s;
        out[1] = p;
        return p;
    }

    private void create(byte[] b, int s, int e) {
        int[] name = new int[2];
        int p = s;
        while (p < e) {
            byte c = b[p];
            if (c == '(') {
                createDepth++;
                if (createDepth == 1) {
                    itemStart = true;
                }
                p++;
            } else if (c == ')') {
                createDepth--;
                p++;
                if (createDepth == 0) {
                    tables.put(table, createColumns.toArray(new ColumnRole[0]));
                    state = State.IDLE;
                    return;
                }
            } else if (c == ',' && createDepth == 1) {
                itemStart = true;
                p++;
            } else if (c == '\'') {
                p++;
                while (p < e && b[p] != '\'') {
                    p += b[p] == '\\' ? 2 : 1;
                }
                p++;
            } else if (itemStart && createDepth == 1 && c != ' ' && c != '\t') {
                itemStart = false;
                p = identifier(b, p, e, name, false);
                String id = new String(b, name[0], name[1] - name[0], java.nio.charset.StandardCharsets.UTF_8);
                String u = id.toUpperCase(Locale.ROOT);
                boolean quoted = name[0] > 0 && (b[name[0] - 1] == '`' || b[name[0] - 1] == '"');
                if (quoted || !(u.equals("PRIMARY") || u.equals("KEY") || u.equals("UNIQUE") || u.equals("CONSTRAINT")
                        || u.equals("INDEX") || u.equals("FULLTEXT") || u.equals("FOREIGN") || u.equals("CHECK")
                        || u.equals("SPATIAL"))) {
                    createColumns.add(ColumnRole.of(b, name[0], name[1], tally.utf8()));
                }
            } else {
                p++;
            }
        }
    }

    private void tuples(byte[] b, int s, int e, long line) {
        int p = s;
        while (p < e) {
            byte c = b[p];
            switch (c) {
                case '(' -> {
                    if (tupleDepth == 0) {
                        tally.beginRecord();
                        column = 0;
                    }
                    tupleDepth++;
                    p++;
                }
                case ')' -> {
                    if (tupleDepth == 0) {
                        diag.add(line, "unbalanced ')' in INSERT");
                        state = State.IDLE;
                        return;
                    }
                    tupleDepth--;
                    if (tupleDepth == 0) {
                        tally.endRecord();
                    }
                    p++;
                }
                case ',' -> {
                    if (tupleDepth == 1) {
                        column++;
                    }
                    p++;
                }
                case ';' -> {
                    if (tupleDepth == 0) {
                        state = State.IDLE;
                        return;
                    }
                    p++;
                }
                case ' ', '\t', '\r' -> p++;
                case '\'' -> p = string(b, p + 1, e);
                default -> {
                    int r = p;
                    while (r < e && b[r] != ',' && b[r] != ')' && b[r] != '(' && b[r] != ';' && b[r] != ' ') {
                        r++;
                    }
                    boolean isNull = r - p == 4 && (b[p] | 0x20) == 'n' && (b[p + 1] | 0x20) == 'u';
                    if (!isNull && tupleDepth > 0) {
                        tally.cell(role(), b, p, r);
                    }
                    p = Math.max(r, p + 1);
                }
            }
        }
    }

    private ColumnRole role() {
        return column < roles.length ? roles[column] : ColumnRole.OTHER;
    }

    /** A quoted string starting after its opening quote; emits the cell and returns the position after it. */
    private int string(byte[] b, int s, int e) {
        int r = s;
        boolean escaped = false;
        while (r < e) {
            r = ByteSearch.indexOfEither(b, r, e, (byte) '\\', (byte) '\'');
            if (r >= e) {
                break;
            }
            if (b[r] == '\\' || (r + 1 < e && b[r + 1] == '\'')) {
                escaped = true;
                r += 2;
                continue;
            }
            break;
        }
        int end = Math.min(r, e);
        if (tupleDepth > 0) {
            if (escaped) {
                int n = unescape(b, s, end);
                tally.cell(role(), scratch, 0, n);
            } else {
                tally.cell(role(), b, s, end);
            }
        }
        return Math.min(r + 1, e);
    }

    private int unescape(byte[] b, int s, int e) {
        if (scratch.length < e - s) {
            scratch = new byte[e - s];
        }
        int w = 0;
        for (int r = s; r < e; r++) {
            byte c = b[r];
            if ((c == '\\' || (c == '\'' && r + 1 < e && b[r + 1] == '\'')) && r + 1 < e) {
                byte x = b[++r];
                scratch[w++] = x == 'n' || x == 'r' || x == 't' ? (byte) ' ' : x;
            } else {
                scratch[w++] = c;
            }
        }
        return w;
    }

    private void copy(byte[] b, int s, int e) {
        if (e - s == 2 && b[s] == '\\' && b[s + 1] == '.') {
            state = State.IDLE;
            return;
        }
        tally.beginRecord();
        int col = 0;
        int p = s;
        for (int q = s; q <= e; q++) {
            if (q == e || b[q] == '\t') {
                boolean isNull = q - p == 2 && b[p] == '\\' && b[p + 1] == 'N';
                if (!isNull) {
                    tally.cell(col < roles.length ? roles[col] : ColumnRole.OTHER, b, p, q);
                }
                col++;
                p = q + 1;
            }
        }
        tally.endRecord();
    }
}
