package org.mburoja.leak.internal;

import java.io.IOException;
import org.mburoja.leak.ColumnRole;

/**
 * Plain text and pastes. Every line is one record, scanned with the prose recognisers, except in blocks of labelled
 * lines, the way records are pasted on forums and messaging channels:
 *
 * <pre>
 * Emri: Arben
 * Mbiemri: Hoxha
 * Numri personal: J00101999W
 * Tel: 069 123 4567
 *
 * Emri: Drita
 * ...
 * </pre>
 *
 * A block starts where two consecutive lines are labelled with names of columns ({@link ColumnRole}) of two
 * different roles, or where one line holds labels of several ({@code Emri: Arben, Mbiemri: Hoxha | Tel: ...}); each
 * labelled value is then a cell of that role (its text scanned with the prose recognisers too: {@code Tel: 069 123
 * 4567 (Mirela Dervishi)}), and the block is one record, so that a first name and a surname on
 * two lines are one person's name, linked to the personal number and phone of the lines around them. A block ends
 * at a blank line or a line of free text; a label of an identifying role seen already in the block (a second
 * {@code Emri:}) starts the next record. Lines whose label names no known column ("Shënim:")
 * are scanned as prose within the record. A labelled line alone, or before a line of another kind, is prose as
 * before ("Tel: 069 123 4567, Arben Hoxha"), so that a single line loses none of the prose recognisers.
 */
final class ProseReader {

    /** A label is a column name of at most this many bytes before its colon. */
    private static final int MAX_LABEL = 40;
    /** Longer lines are never held back as the first line of a block. */
    private static final int MAX_HELD = 4096;

    /** The bytes of a label: letters (bytes above 0x7F included), space, '.', '-', '/', '_'. */
    private static final boolean[] LABEL = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            LABEL[c] = letter((byte) c) || c == ' ' || c == '.' || c == '-' || c == '/' || c == '_';
        }
    }

    private final FileTally tally;
    private final boolean utf8;

    /** The labelled line held back until the next line tells whether a block starts. */
    private byte[] held = new byte[256];
    private int heldLength = -1;
    private int heldValue;
    private ColumnRole heldRole;

    private boolean inBlock;
    /** Roles seen in the current block's record, one bit per {@link ColumnRole#ordinal()}. */
    private int seen;

    /** Set by {@link #label}: the role of the line's label, and where its value starts. */
    private ColumnRole role;
    private int value;

    private ProseReader(FileTally tally) {
        this.tally = tally;
        this.utf8 = tally.utf8();
    }

    static void read(LineSource src, FileTally tally) throws IOException {
        ProseReader r = new ProseReader(tally);
        while (src.next()) {
            byte[] b = src.buf;
            int s = src.start;
            int e = src.end;
            // the common case first: no block open, none about to start, no colon near the start
            if (!r.inBlock && r.heldLength < 0 && !colonNearStart(b, s, e)) {
                tally.beginRecord();
                tally.prose(b, s, e);
                tally.endRecord();
            } else {
                r.line(b, s, e);
            }
        }
        r.end();
    }

    /** Whether a colon is among the first {@link #MAX_LABEL} bytes: no line without one is labelled. */
    private static boolean colonNearStart(byte[] b, int s, int e) {
        int limit = Math.min(e, s + MAX_LABEL + 8);
        return ByteSearch.indexOf(b, s, limit, (byte) ':') < limit;
    }

    private void line(byte[] b, int s, int e) {
        boolean labelled = label(b, s, e);
        if (inBlock) {
            if (blank(b, s, e)) {
                tally.endRecord();
                inBlock = false;
                return;
            }
            if (labelled && role != ColumnRole.OTHER) {
                cells(b, e);
                return;
            }
            if (labelled) {
                tally.prose(b, s, e);
                return;
            }
            tally.endRecord();
            inBlock = false;
        }
        boolean known = labelled && role != ColumnRole.OTHER;
        ColumnRole first = role;
        int firstValue = value;
        if (heldLength >= 0) {
            if (known && (role != heldRole || boundary(b, value, e) < e)) {
                tally.beginRecord();
                seen = 1 << heldRole.ordinal();
                tally.labelled(heldRole, held, heldValue, heldLength);
                role = first;
                value = firstValue;
                cells(b, e);
                inBlock = true;
                heldLength = -1;
                return;
            }
            flushHeld();
        }
        if (known) {
            role = first;
            value = firstValue;
            if (boundary(b, value, e) < e) {
                // several labels on one line ("Emri: Arben, Mbiemri: Hoxha, Tel: ..."): a record, and a block
                // that the next labelled lines may go on
                role = first;
                value = firstValue;
                tally.beginRecord();
                seen = 0;
                cells(b, e);
                inBlock = true;
                return;
            }
            if (e - s <= MAX_HELD) {
                role = first;
                value = firstValue;
                hold(b, s, e);
                return;
            }
        }
        prose(b, s, e);
    }

    /**
     * The cells of a labelled line of the current block, from {@link #role} and {@link #value} on: one per label of a
     * known column, each up to the separator before the next one. A label of an identifying role seen already in the
     * record starts the next record.
     */
    private void cells(byte[] b, int e) {
        while (true) {
            ColumnRole r = role;
            int v = value;
            int end = boundary(b, v, e);
            int bit = 1 << r.ordinal();
            if ((seen & bit) != 0 && identifying(r)) {
                tally.endRecord();
                tally.beginRecord();
                seen = 0;
            }
            seen |= bit;
            tally.labelled(r, b, v, end);
            if (end >= e) {
                return;
            }
            // boundary() left the next label's role and value in the fields
        }
    }

    /**
     * Where the value starting at {@code v} ends: at the first separator ({@code , ; |} or a tab) followed by the
     * label of a known column, whose {@link #role} and {@link #value} are then set; or at {@code e}, the fields then
     * unspecified. A comma followed by anything else is part of the value ("Rruga e Durrësit, Tiranë").
     */
    private int boundary(byte[] b, int v, int e) {
        for (int i = v; i < e; i++) {
            byte c = b[i];
            if ((c == ',' || c == ';' || c == '|' || c == '\t') && label(b, i + 1, e) && role != ColumnRole.OTHER) {
                return i;
            }
        }
        return e;
    }

    private void end() {
        if (inBlock) {
            tally.endRecord();
            inBlock = false;
        }
        if (heldLength >= 0) {
            flushHeld();
        }
    }

    private void prose(byte[] b, int s, int e) {
        tally.beginRecord();
        tally.prose(b, s, e);
        tally.endRecord();
    }

    private void hold(byte[] b, int s, int e) {
        int n = e - s;
        if (held.length < n) {
            held = new byte[Math.max(n, held.length * 2)];
        }
        System.arraycopy(b, s, held, 0, n);
        heldLength = n;
        heldValue = value - s;
        heldRole = role;
    }

    private void flushHeld() {
        int n = heldLength;
        heldLength = -1;
        prose(held, 0, n);
    }

    /** Roles of which a record has one: seen again, they start the next record. */
    private static boolean identifying(ColumnRole r) {
        return switch (r) {
            case FIRST_NAME, LAST_NAME, FULL_NAME, FATHER_NAME, BIRTH_DATE, NID -> true;
            default -> false;
        };
    }

    private static boolean blank(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the line starts with a label: a word of letters (any letters, also beyond ASCII) with spaces, dots,
     * hyphens, slashes or underscores, at most {@link #MAX_LABEL} bytes, a colon, and a value. Sets {@link #role}
     * ({@link ColumnRole#OTHER} for a label of no known column) and {@link #value}. Most lines of a paste have no
     * colon near their start: the colon is searched eight bytes at a time first, the label's bytes checked after.
     */
    private boolean label(byte[] b, int s, int e) {
        int start = s;
        while (start < e && (b[start] == ' ' || b[start] == '\t')) {
            start++;
        }
        if (start >= e || !letter(b[start])) {
            return false;
        }
        int limit = Math.min(e, start + MAX_LABEL);
        int colon = ByteSearch.indexOf(b, start, limit, (byte) ':');
        if (colon >= limit) {
            return false;
        }
        for (int i = start + 1; i < colon; i++) {
            if (!LABEL[b[i] & 0xFF]) {
                return false;
            }
        }
        int v = colon + 1;
        while (v < e && (b[v] == ' ' || b[v] == '\t')) {
            v++;
        }
        if (v >= e || blank(b, v, e)) {
            return false;
        }
        role = ColumnRole.of(b, start, colon, utf8);
        value = v;
        return true;
    }

    private static boolean letter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c < 0;
    }
}
