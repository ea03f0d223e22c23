package org.mburoja.leak.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mburoja.leak.ColumnRole;

/**
 * JSON documents and JSON lines, nested to any depth up to {@value #MAX_DEPTH}: a streaming tokenizer over bytes
 * that keeps the key of every value and classifies it like a column name ({@code numri_personal}, {@code celulari}),
 * so nested objects ({@code {"person": {"emri": ...}}}) are counted like flat ones. A record is an object at the top
 * level (JSON lines) or an element of a top-level array, or, in a document that wraps its records ({@code {"status":
 * "ok", "data": [...]}}, {@code {"hits": {"hits": [...]}}}: what APIs and search engines export), an element of the
 * shallowest array of objects in it (or of a map keyed by ids, or a row of a table: an array of arrays whose first
 * row, when it names the columns, gives each cell below it its column's role). Malformed input is reported with its
 * line; in JSON lines the
 * reader resynchronises at the next line, and nothing counted before is lost. In a top-level array whose elements
 * open on lines of their own (pretty-printed exports, or one element a line), it resynchronises at the next line
 * that opens an element at the same indentation, so the records after a broken element are assembled as before
 * (their cells belong to their own record, and the person count stays right).
 */
final class JsonReader {

    static final int MAX_DEPTH = 256;
    /**
     * A JSON line longer than this is read as a document that may wrap its records (a whole API response on one
     * line); shorter ones are records, whatever arrays of objects they hold (a person's addresses).
     */
    static final int WRAPPED_LINE = 1 << 16;
    /**
     * An object of a document with this many object values under keys that are ids ({@code "uid00017"},
     * {@code "-Nx3kQ9"}, {@code "1001"}, {@code "arben.hoxha"}, {@code "drita@gmail.com"}, {@code "Arben Hoxha"}: a
     * digit, an '@' or a '.' in it, or several words that name no column) is a map of records (a Firebase export, a
     * dump keyed by user name or e-mail): its object values from this one on are records (the first stays the record
     * around it, which holds nothing else so far). Objects under keys that are single words ({@code "person"},
     * {@code "contact"}) or column names ({@code "home address"}) are parts of one record.
     */
    static final int MAP_OF_RECORDS = 2;
    /** A table's first row with more cells or bytes than this is data, not a header. */
    static final int MAX_HEADER_CELLS = 1024;
    static final int MAX_HEADER_BYTES = 1 << 16;

    private final FileTally tally;
    private final Diagnostics diag;
    private final boolean[] isObject = new boolean[MAX_DEPTH + 1];
    private final ColumnRole[] containerRole = new ColumnRole[MAX_DEPTH + 1];
    /** How many values of each open object so far were objects (a map of records has many). */
    private final int[] objectValues = new int[MAX_DEPTH + 1];
    private int depth;
    private int recordDepth = 1;
    private boolean expectKey;
    /** A value just ended: only ',' or a closing bracket may follow. */
    private boolean afterValue;
    private ColumnRole role = ColumnRole.OTHER;
    private boolean inRecord;
    private boolean linesMode;
    private boolean firstLine = true;
    /** Indentation of the line that opened the array's first element when nothing came before it there, else -1. */
    private int elementIndent = -1;
    private boolean sawElement;
    /** After an error in an array: lines are skipped up to the next that opens an element (from this line on). */
    private long resyncFrom = -1;
    private byte[] scratch = new byte[256];
    private static final int CACHED_KEY_BYTES = 32;
    private static final int KEY_SLOTS_LOG2 = 6;
    private final byte[] keyBytes = new byte[CACHED_KEY_BYTES << KEY_SLOTS_LOG2];
    private final int[] keyLength = new int[1 << KEY_SLOTS_LOG2];
    private final ColumnRole[] keyRoles = new ColumnRole[1 << KEY_SLOTS_LOG2];
    private final boolean[] keyIds = new boolean[1 << KEY_SLOTS_LOG2];
    /** Whether the latest key is an id rather than a name (see {@link #MAP_OF_RECORDS}). */
    private boolean keyId;
    /** Depth of the rows of a table (an array of arrays in a document: {@code [["emri", ...], ["Arben", ...]]}), or -1. */
    private int tableDepth = -1;
    /** The roles of the table's columns, from its first row when that row names them; null when it does not. */
    private ColumnRole[] header;
    /** The cell of the current row (counted by the commas of the row). */
    private int column;
    /** The table's first row is held back (its cells, null for a literal) until it shows whether it names columns. */
    private boolean firstRow;
    private final List<byte[]> firstCells = new ArrayList<>();
    private int firstBytes;
    private boolean firstAllStrings;

    JsonReader(FileTally tally, Diagnostics diag) {
        this.tally = tally;
        this.diag = diag;
    }

    static void read(LineSource src, FileTally tally, Diagnostics diag) throws IOException {
        new JsonReader(tally, diag).run(src);
    }

    private void run(LineSource src) throws IOException {
        while (src.next()) {
            if (linesMode && depth > 0 && !src.partial) {
                diag.add(src.lineNumber() - 1, "JSON object not closed at end of line; skipped to the next line");
                reset();
            }
            if (linesMode && depth == 0) {
                recordDepth = 1; // each line a document of its own (a long one may have moved its records deeper)
            }
            if (resyncFrom >= 0 && !resynchronised(src)) {
                continue;
            }
            if (depth != recordDepth - 1 && elementIndent >= 0 && !linesMode && recordDepth >= 2
                    && opensElement(src)) {
                // a line that opens an element while the one before is still open (a '{' too many in it, or a '}'
                // missing): that element ends here, and this line is read as the next one
                diag.add(src.lineNumber(), "an array element opens here while the one before it is still open");
                reset();
                backInArray();
            }
            String error = line(src.buf, src.start, src.end);
            if (error != null) {
                diag.add(src.lineNumber(), error);
                reset();
                if (!linesMode && recordDepth >= 2 && elementIndent >= 0) {
                    resyncFrom = src.lineNumber() + 1;
                }
            }
            if (firstLine && src.end > src.start) {
                firstLine = false;
                linesMode = depth == 0;
            }
        }
        if (resyncFrom >= 0) {
            diag.add(src.lineNumber(), "lines " + resyncFrom + "-" + src.lineNumber()
                    + " skipped after a broken array element: no element opens after it");
        } else if (depth > 0) {
            diag.add(src.lineNumber(), "JSON ends inside " + depth + " open containers");
            reset();
        }
    }

    /**
     * While skipping after a broken array element: whether this line opens the next element (a '{' at the
     * indentation the elements have) or closes the array ("]" alone); reading goes on from it then, inside the array.
     */
    private boolean resynchronised(LineSource src) {
        if (!opensElement(src) && !closesArray(src)) {
            return false;
        }
        if (src.lineNumber() > resyncFrom) {
            diag.add(resyncFrom, "lines " + resyncFrom + "-" + (src.lineNumber() - 1)
                    + " skipped: the rest of a broken array element");
        }
        resyncFrom = -1;
        backInArray();
        return true;
    }

    /** Whether the line starts with '{' at the indentation the array's elements open at. */
    private boolean opensElement(LineSource src) {
        byte[] b = src.buf;
        int i = src.start + elementIndent;
        return i < src.end && b[i] == '{' && indentation(b, src.start, i) == elementIndent;
    }

    /** Whether the line is "]" or "]," alone (with blanks around it): the end of the array of records. */
    private static boolean closesArray(LineSource src) {
        byte[] b = src.buf;
        int i = src.start;
        int j = src.end;
        while (i < j && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        while (j > i && (b[j - 1] == ' ' || b[j - 1] == '\t')) {
            j--;
        }
        if (j - i == 2 && b[j - 1] == ',') {
            j--;
        }
        return j - i == 1 && b[i] == ']';
    }

    /**
     * Inside the array of records again, before an element (the containers around it are as they were: only the
     * depth was reset).
     */
    private void backInArray() {
        depth = recordDepth - 1;
        isObject[depth] = false;
        role = ColumnRole.OTHER;
        expectKey = false;
        afterValue = false;
    }

    private void reset() {
        if (inRecord) {
            tally.endRecord();
            inRecord = false;
        }
        depth = 0;
        expectKey = false;
        afterValue = false;
        role = ColumnRole.OTHER;
    }

    /** Tokenizes one line; returns an error message or null. */
    private String line(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            byte c = b[i];
            switch (c) {
                case ' ', '\t', '\r', '\n', ':' -> i++;
                case ',' -> {
                    if (depth == tableDepth) {
                        column++;
                    }
                    afterValue = false;
                    expectKey = depth > 0 && isObject[depth];
                    if (depth > 0 && !isObject[depth]) {
                        role = containerRole[depth];
                    }
                    i++;
                }
                case '{', '[' -> {
                    if (afterValue) {
                        return "missing ',' before '" + (char) c + "' in JSON";
                    }
                    if (depth == MAX_DEPTH) {
                        return "JSON nested deeper than " + MAX_DEPTH + " levels";
                    }
                    if (depth == 0 && c == '[') {
                        recordDepth = 2;
                    }
                    boolean document = !linesMode && !firstLine || e - s > WRAPPED_LINE;
                    if (depth == tableDepth && firstRow) {
                        releaseFirstRow(); // a container in the first row: it names no columns
                    }
                    if (c == '[' && depth >= 1 && !isObject[depth] && document && tableDepth != depth + 1
                            && (recordDepth == 1 || depth + 1 <= recordDepth)) {
                        // an array in an array of a document: the rows of a table, the first perhaps its header
                        if (inRecord) {
                            tally.endRecord();
                            inRecord = false;
                        }
                        recordDepth = depth + 1;
                        tableDepth = depth + 1;
                        header = null;
                        firstRow = true;
                        firstCells.clear();
                        firstBytes = 0;
                        firstAllStrings = true;
                    }
                    if (c == '{' && depth >= 1 && document && (recordDepth == 1 || depth + 1 < recordDepth)
                            && (!isObject[depth] || keyId && ++objectValues[depth] == MAP_OF_RECORDS
                            && recordDepth == 1)) {
                        // an object in an array of a document, or the second object under a key that is an id in an
                        // object of a document that is otherwise one record: the shallowest such array (or map,
                        // {"users": {"uid1": {...}, "uid2": {...}}}) holds the records, and the document around it is
                        // not one ({"data": [...]}); what it held so far is a record of its own
                        if (inRecord) {
                            tally.endRecord();
                            inRecord = false;
                        }
                        recordDepth = depth + 1;
                        sawElement = false;
                    }
                    depth++;
                    objectValues[depth] = 0;
                    isObject[depth] = c == '{';
                    containerRole[depth] = role;
                    if (c == '[' && depth == tableDepth) {
                        column = 0;
                        if (!firstRow && !inRecord) {
                            tally.beginRecord();
                            inRecord = true;
                        }
                    }
                    if (c == '{' && depth == recordDepth && !inRecord) {
                        tally.beginRecord();
                        inRecord = true;
                        if (recordDepth >= 2 && !sawElement) {
                            sawElement = true;
                            elementIndent = indentation(b, s, i);
                        }
                    }
                    expectKey = c == '{';
                    i++;
                }
                case '}', ']' -> {
                    if (depth == 0 || isObject[depth] != (c == '}')) {
                        return "unexpected '" + (char) c + "' in JSON";
                    }
                    if (depth == tableDepth && firstRow) {
                        endFirstRow();
                    }
                    if (depth == recordDepth && inRecord) {
                        tally.endRecord();
                        inRecord = false;
                    }
                    if (depth == tableDepth - 1) {
                        tableDepth = -1; // the table ends
                        header = null;
                    }
                    depth--;
                    afterValue = depth > 0;
                    role = depth > 0 && !isObject[depth] ? containerRole[depth] : ColumnRole.OTHER;
                    expectKey = false;
                    i++;
                }
                case '"' -> {
                    if (afterValue) {
                        return "missing ',' before a string in JSON";
                    }
                    int r = i + 1;
                    boolean escaped = false;
                    while (true) {
                        r = ByteSearch.indexOfEither(b, r, e, (byte) '"', (byte) '\\');
                        if (r >= e || b[r] == '"') {
                            break;
                        }
                        escaped = true;
                        r += 2;
                    }
                    if (r >= e) {
                        return "unterminated JSON string";
                    }
                    byte[] vb = b;
                    int vs = i + 1;
                    int ve = r;
                    if (escaped) {
                        ve = unescape(b, i + 1, r);
                        vb = scratch;
                        vs = 0;
                    }
                    if (expectKey) {
                        role = keyRole(vb, vs, ve);
                        expectKey = false;
                    } else {
                        value(vb, vs, ve);
                        afterValue = depth > 0;
                    }
                    i = r + 1;
                }
                default -> {
                    if (afterValue) {
                        return "missing ',' before '" + printable(c) + "' in JSON";
                    }
                    int r = i;
                    while (r < e && b[r] != ',' && b[r] != '}' && b[r] != ']' && b[r] != ' ' && b[r] != '\t'
                            && b[r] != '\r') {
                        r++;
                    }
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        if (depth == tableDepth && firstRow) {
                            firstAllStrings = false;
                        }
                        value(b, i, r);
                    } else if (!literal(b, i, r)) {
                        return "unexpected '" + printable(c) + "' in JSON";
                    } else if (depth == tableDepth && firstRow) {
                        firstAllStrings = false;
                        firstCells.add(null);
                    }
                    afterValue = depth > 0;
                    i = r;
                }
            }
        }
        return null;
    }

    /**
     * The role of a key, from a small direct-mapped cache of the keys seen last (their bytes, compared exactly):
     * JSON lines repeat the same dozen keys on every line, and folding and hashing a key and a binary search over the
     * column vocabulary cost more than comparing its bytes. No allocation; keys longer than
     * {@value #CACHED_KEY_BYTES} bytes are looked up directly.
     */
    ColumnRole keyRole(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 0 || n > CACHED_KEY_BYTES) {
            ColumnRole r = ColumnRole.of(b, s, e, tally.utf8());
            keyId = isId(b, s, e, r);
            return r;
        }
        int slot = (n * 0x9E3779B1 + b[s] * 0x85EBCA6B + b[e - 1] * 0xC2B2AE35 + b[s + (n >> 1)] * 0x27D4EB2F)
                >>> (32 - KEY_SLOTS_LOG2);
        int at = slot * CACHED_KEY_BYTES;
        if (keyLength[slot] == n && java.util.Arrays.equals(keyBytes, at, at + n, b, s, e)) {
            keyId = keyIds[slot];
            return keyRoles[slot];
        }
        ColumnRole r = ColumnRole.of(b, s, e, tally.utf8());
        System.arraycopy(b, s, keyBytes, at, n);
        keyLength[slot] = n;
        keyRoles[slot] = r;
        keyId = keyIds[slot] = isId(b, s, e, r);
        return r;
    }

    /**
     * A key that names one record rather than a part of one (see {@link #MAP_OF_RECORDS}): a digit or an '@' in it,
     * or, for a key that names no column, a '.' inside ({@code "arben.hoxha"}) or words of which the first is a first
     * name ({@code "Arben Hoxha"}; not {@code "adresa e shtëpisë"} or {@code "home address"}).
     */
    private boolean isId(byte[] b, int s, int e, ColumnRole role) {
        boolean dot = false;
        int space = -1;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9' || c == '@') {
                return true;
            }
            dot |= c == '.' && i > s && i < e - 1;
            if (c == ' ' && space < 0 && i > s && i < e - 1) {
                space = i;
            }
        }
        if (role != ColumnRole.OTHER) {
            return false;
        }
        return dot || space > 0 && tally.names().isFirstName(TextFold.hash(b, s, space, tally.utf8()));
    }

    private void value(byte[] b, int s, int e) {
        if (depth == tableDepth) {
            if (firstRow) {
                if (firstCells.size() < MAX_HEADER_CELLS && firstBytes + (e - s) <= MAX_HEADER_BYTES) {
                    firstCells.add(java.util.Arrays.copyOfRange(b, s, e));
                    firstBytes += e - s;
                    return;
                }
                releaseFirstRow();
            }
            role = header != null && column < header.length ? header[column] : ColumnRole.OTHER;
        }
        if (!inRecord) {
            tally.beginRecord();
            tally.cell(role, b, s, e);
            tally.endRecord();
            return;
        }
        tally.cell(role, b, s, e);
    }

    /** How far {@code b[s, i)} is blank (spaces and tabs): the indentation of {@code i}, or -1 if not blank. */
    private static int indentation(byte[] b, int s, int i) {
        for (int k = s; k < i; k++) {
            if (b[k] != ' ' && b[k] != '\t') {
                return -1;
            }
        }
        return i - s;
    }

    /**
     * The end of a table's first row: it is the header when its cells are strings and at least two of them name
     * known columns ("emri", "numri personal"): their roles then go to the cells below them, and it is no record.
     * Otherwise it is the first record.
     */
    private void endFirstRow() {
        ColumnRole[] roles = new ColumnRole[firstCells.size()];
        int named = 0;
        for (int k = 0; k < roles.length; k++) {
            byte[] cell = firstCells.get(k);
            roles[k] = cell == null ? ColumnRole.OTHER : ColumnRole.of(cell, 0, cell.length, tally.utf8());
            named += roles[k] == ColumnRole.OTHER ? 0 : 1;
        }
        if (firstAllStrings && named >= 2) {
            header = roles;
            firstRow = false;
            firstCells.clear();
        } else {
            releaseFirstRow();
        }
    }

    /** The first row held back is data after all (no header, or too long to be one): it is a record, read on. */
    private void releaseFirstRow() {
        firstRow = false;
        if (!inRecord) {
            tally.beginRecord();
            inRecord = true;
        }
        for (byte[] cell : firstCells) {
            if (cell != null) {
                tally.cell(ColumnRole.OTHER, cell, 0, cell.length);
            }
        }
        firstCells.clear();
    }

    private static boolean literal(byte[] b, int s, int e) {
        int n = e - s;
        return (n == 4 && b[s] == 'n' && b[s + 1] == 'u' && b[s + 2] == 'l' && b[s + 3] == 'l')
                || (n == 4 && b[s] == 't' && b[s + 1] == 'r' && b[s + 2] == 'u' && b[s + 3] == 'e')
                || (n == 5 && b[s] == 'f' && b[s + 1] == 'a' && b[s + 2] == 'l' && b[s + 3] == 's' && b[s + 4] == 'e');
    }

    private static String printable(byte c) {
        return c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("0x%02x", c & 0xff);
    }

    /** Decodes JSON escapes of {@code b[s, e)} into {@link #scratch} as UTF-8; returns the length. */
    private int unescape(byte[] b, int s, int e) {
        if (scratch.length < (e - s) * 3 / 2 + 8) {
            scratch = new byte[(e - s) * 3 / 2 + 8];
        }
        int w = 0;
        for (int r = s; r < e; r++) {
            byte c = b[r];
            if (c != '\\' || r + 1 >= e) {
                scratch[w++] = c;
                continue;
            }
            byte x = b[++r];
            switch (x) {
                case 'n', 'r', 't', 'b', 'f' -> scratch[w++] = ' ';
                case 'u' -> {
                    int cp = 0;
                    int k = 0;
                    while (k < 4 && r + 1 < e && Character.digit(b[r + 1], 16) >= 0) {
                        cp = cp * 16 + Character.digit(b[++r], 16);
                        k++;
                    }
                    if (cp < 0x80) {
                        scratch[w++] = (byte) cp;
                    } else if (cp < 0x800) {
                        scratch[w++] = (byte) (0xC0 | cp >> 6);
                        scratch[w++] = (byte) (0x80 | cp & 0x3F);
                    } else {
                        scratch[w++] = (byte) (0xE0 | cp >> 12);
                        scratch[w++] = (byte) (0x80 | cp >> 6 & 0x3F);
                        scratch[w++] = (byte) (0x80 | cp & 0x3F);
                    }
                }
                default -> scratch[w++] = x;
            }
        }
        return w;
    }
}
