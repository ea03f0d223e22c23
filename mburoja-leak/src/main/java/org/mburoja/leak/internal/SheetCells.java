package org.mburoja.leak.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cells of a worksheet in sheet order, before shared strings and styles resolve them: as they stream out of the
 * sheet's XML ({@link #streamed}), or replayed from the compact form a sheet is {@link Held} in while the workbook's
 * shared strings have not come yet. A cell's text is bytes (UTF-8) in an array it shares with the next cells, valid
 * until the next call of {@link #next()}.
 */
interface SheetCells {

    boolean next() throws IOException;

    Cell cell();

    /** A problem that ended the cells early ("line 5, column 20 (why)"), or null. */
    String broken();

    /** Excel's limit of characters per cell, kept as UTF-8 bytes (at most three a character here). */
    int MAX_CELL_BYTES = 3 * XlsxBook.MAX_CELL_CHARS;

    /** A cell as read: where it is and what it holds. */
    final class Cell {
        static final byte[] TRUE = "TRUE".getBytes(StandardCharsets.US_ASCII);
        static final byte[] FALSE = "FALSE".getBytes(StandardCharsets.US_ASCII);

        long row;
        int column;
        Kind kind;
        int index; // a shared string's index; a style's index for numbers
        byte[] text = new byte[0]; // inline text, a number's literal, a formula's string result, TRUE or FALSE
        int textOff;
        int textLen;

        enum Kind { SHARED, INLINE, NUMBER, BOOLEAN, EMPTY }

        String textString() {
            return new String(text, textOff, textLen, StandardCharsets.UTF_8);
        }
    }

    static SheetCells streamed(XmlBytes xml) {
        return new Streamed(xml);
    }

    /** {@code <row r="5"><c r="C5" t="s" s="2"><v>17</v></c>}, read as it streams. */
    final class Streamed implements SheetCells {
        private static final byte[] ROW = ascii("row");
        private static final byte[] C = ascii("c");
        private static final byte[] V = ascii("v");
        private static final byte[] T = ascii("t");
        private static final byte[] IS = ascii("is");
        private static final byte[] RPH = ascii("rPh");
        private static final byte[] R = ascii("r");
        private static final byte[] S = ascii("s");

        private final XmlBytes x;
        private final Cell cell = new Cell();
        private final Text value = new Text();
        private final Text inline = new Text();
        private long row;
        private int nextColumn;
        private String broken;
        private boolean done;

        Streamed(XmlBytes x) {
            this.x = x;
        }

        @Override
        public Cell cell() {
            return cell;
        }

        @Override
        public String broken() {
            return broken;
        }

        @Override
        public boolean next() throws IOException {
            if (done) {
                return false;
            }
            try {
                int ev;
                while ((ev = x.next()) != XmlBytes.EOF) {
                    if (ev != XmlBytes.START) {
                        continue;
                    }
                    if (x.is(ROW)) {
                        int a = x.attribute(R);
                        long n = a < 0 ? -1 : positiveLong(x.buffer(), x.valueStart(a), x.valueEnd(a));
                        row = n > row ? n : row + 1;
                        nextColumn = 0;
                    } else if (x.is(C)) {
                        readCell();
                        return true;
                    }
                }
            } catch (XmlBytes.Malformed e) {
                broken = where(e);
            }
            done = true;
            return false;
        }

        private void readCell() throws IOException, XmlBytes.Malformed {
            byte[] b = x.buffer();
            int ra = x.attribute(R);
            int col = ra < 0 ? -1 : column(b, x.valueStart(ra), x.valueEnd(ra));
            cell.row = row == 0 ? 1 : row;
            cell.column = col >= 0 ? col : nextColumn;
            nextColumn = cell.column + 1;
            int ta = x.attribute(T);
            int type = ta < 0 ? 'n' : type(b, x.valueStart(ta), x.valueEnd(ta));
            int sa = x.attribute(S);
            int style = sa < 0 ? -1 : nonNegativeInt(b, x.valueStart(sa), x.valueEnd(sa));
            cell.index = Math.max(style, 0);
            int top = x.depth();
            boolean inV = false;
            boolean inT = false;
            boolean inPhonetic = false;
            boolean hasV = false;
            boolean hasInline = false;
            value.len = 0;
            inline.len = 0;
            while (true) {
                int ev = x.next();
                if (ev == XmlBytes.START) {
                    inV = x.is(V);
                    inT = x.is(T) && !inPhonetic;
                    inPhonetic |= x.is(RPH);
                    if (inV) {
                        value.len = 0;
                    } else if (x.is(IS)) {
                        hasInline = true;
                        inline.len = 0;
                    }
                } else if (ev == XmlBytes.END) {
                    if (x.depth() < top) {
                        break;
                    }
                    if (x.is(V)) {
                        hasV = true;
                        inV = false;
                    } else if (x.is(T)) {
                        inT = false;
                    } else if (x.is(RPH)) {
                        inPhonetic = false;
                    }
                } else if (ev == XmlBytes.TEXT) {
                    if (inV) {
                        value.append(x.text(), 0, x.textLength());
                    } else if (inT && hasInline) {
                        inline.append(x.text(), 0, x.textLength());
                    }
                } else {
                    throw new IllegalStateException("the sheet ended inside a cell"); // (XmlBytes throws first)
                }
            }
            switch (type) {
                case 'i' -> {
                    cell.kind = Cell.Kind.INLINE;
                    inline.unescape();
                    text(inline.bytes, 0, inline.len);
                }
                case 's' -> {
                    int i = hasV ? nonNegativeInt(value.bytes, 0, value.len) : -1;
                    cell.kind = i < 0 ? Cell.Kind.EMPTY : Cell.Kind.SHARED;
                    cell.index = Math.max(i, 0);
                }
                case 'f' -> { // t="str": a formula's string result
                    if (hasV) {
                        cell.kind = Cell.Kind.INLINE;
                        value.unescape();
                        text(value.bytes, 0, value.len);
                    } else {
                        cell.kind = Cell.Kind.EMPTY;
                    }
                }
                case 'b' -> {
                    if (hasV) {
                        cell.kind = Cell.Kind.BOOLEAN;
                        int from = strip(value.bytes, 0, value.len);
                        int to = stripEnd(value.bytes, from, value.len);
                        boolean one = to - from == 1 && value.bytes[from] == '1';
                        text(one ? Cell.TRUE : Cell.FALSE, 0, one ? 4 : 5);
                    } else {
                        cell.kind = Cell.Kind.EMPTY;
                    }
                }
                case 'e' -> cell.kind = Cell.Kind.EMPTY; // an error value (#N/A)
                default -> {
                    if (hasV) {
                        cell.kind = Cell.Kind.NUMBER;
                        int from = strip(value.bytes, 0, value.len);
                        text(value.bytes, from, stripEnd(value.bytes, from, value.len) - from);
                    } else {
                        cell.kind = Cell.Kind.EMPTY;
                    }
                }
            }
        }

        private void text(byte[] b, int off, int len) {
            cell.text = b;
            cell.textOff = off;
            cell.textLen = len;
        }

        /** The cell type attribute: s, str (as 'f'), inlineStr (as 'i'), b, e; anything else is a number. */
        private static int type(byte[] b, int from, int to) {
            int n = to - from;
            if (n == 1) {
                return b[from] == 's' || b[from] == 'b' || b[from] == 'e' ? b[from] : 'n';
            }
            if (n == 3 && b[from] == 's' && b[from + 1] == 't' && b[from + 2] == 'r') {
                return 'f';
            }
            if (n == 9 && Arrays.equals(b, from, to, INLINE_STR, 0, 9)) {
                return 'i';
            }
            return 'n';
        }

        private static final byte[] INLINE_STR = ascii("inlineStr");

        private static String where(XmlBytes.Malformed e) {
            return "line " + e.line() + ", column " + e.column() + " (" + e.getMessage() + ")";
        }
    }

    /** A growable text of a cell, kept within {@link #MAX_CELL_BYTES}. */
    final class Text {
        byte[] bytes = new byte[64];
        int len;

        void append(byte[] b, int off, int n) {
            int k = Math.min(n, MAX_CELL_BYTES - len);
            if (k <= 0) {
                return;
            }
            if (k < n) {
                while (k > 0 && (b[off + k] & 0xC0) == 0x80) {
                    k--; // not in the middle of a character
                }
            }
            if (len + k > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, len + k));
            }
            System.arraycopy(b, off, bytes, len, k);
            len += k;
        }

        /** Excel's escapes in place: {@code _x000D_} is a carriage return, {@code _x005F_} a '_'. */
        void unescape() {
            len = SheetCells.unescape(bytes, len);
        }
    }

    /**
     * Excel's escapes of characters XML cannot hold, {@code _xHHHH_} (a UTF-16 code unit), decoded in place in
     * {@code b[0, len)}; the new length. A surrogate pair of two escapes is one character; a lone surrogate, which no
     * UTF-8 can hold, becomes '?'.
     */
    static int unescape(byte[] b, int len) {
        int first = -1;
        for (int i = 0; i + 6 < len; i++) {
            if (b[i] == '_' && b[i + 1] == 'x') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return len;
        }
        int w = first;
        int i = first;
        while (i < len) {
            int u = escape(b, i, len);
            if (u < 0) {
                b[w++] = b[i++];
                continue;
            }
            i += 7;
            int cp = u;
            if (Character.isHighSurrogate((char) u)) {
                int low = escape(b, i, len);
                if (low >= 0 && Character.isLowSurrogate((char) low)) {
                    cp = Character.toCodePoint((char) u, (char) low);
                    i += 7;
                } else {
                    cp = '?';
                }
            } else if (Character.isLowSurrogate((char) u)) {
                cp = '?';
            }
            w = utf8(cp, b, w);
        }
        return w;
    }

    /** The code unit of the escape {@code _xHHHH_} at {@code i}, or -1. */
    private static int escape(byte[] b, int i, int len) {
        if (i + 6 >= len || b[i] != '_' || b[i + 1] != 'x' || b[i + 6] != '_') {
            return -1;
        }
        int v = 0;
        for (int k = i + 2; k < i + 6; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** Writes a code point as UTF-8 at {@code w} (never longer than the seven bytes of its escape); the new end. */
    private static int utf8(int cp, byte[] b, int w) {
        if (cp < 0x80) {
            b[w++] = (byte) cp;
        } else if (cp < 0x800) {
            b[w++] = (byte) (0xC0 | cp >> 6);
            b[w++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            b[w++] = (byte) (0xE0 | cp >> 12);
            b[w++] = (byte) (0x80 | cp >> 6 & 0x3F);
            b[w++] = (byte) (0x80 | cp & 0x3F);
        } else {
            b[w++] = (byte) (0xF0 | cp >> 18);
            b[w++] = (byte) (0x80 | cp >> 12 & 0x3F);
            b[w++] = (byte) (0x80 | cp >> 6 & 0x3F);
            b[w++] = (byte) (0x80 | cp & 0x3F);
        }
        return w;
    }

    /** A sheet held in memory in compact form: per cell its row, column, kind, index and text. */
    final class Held {
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        void add(Cell c) {
            varLong(c.row);
            varLong(c.column);
            data.write(c.kind.ordinal());
            varLong(c.index);
            if (c.kind == Cell.Kind.INLINE || c.kind == Cell.Kind.NUMBER || c.kind == Cell.Kind.BOOLEAN) {
                varLong(c.textLen);
                data.write(c.text, c.textOff, c.textLen);
            }
        }

        long size() {
            return data.size();
        }

        private void varLong(long v) {
            while ((v & ~0x7FL) != 0) {
                data.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            data.write((int) v);
        }

        SheetCells replay() {
            byte[] b = data.toByteArray();
            data.reset();
            Cell.Kind[] kinds = Cell.Kind.values();
            return new SheetCells() {
                private final Cell cell = new Cell();
                private int p;

                @Override
                public boolean next() {
                    if (p >= b.length) {
                        return false;
                    }
                    cell.row = varLong();
                    cell.column = (int) varLong();
                    cell.kind = kinds[b[p++]];
                    cell.index = (int) varLong();
                    cell.textLen = 0;
                    if (cell.kind == Cell.Kind.INLINE || cell.kind == Cell.Kind.NUMBER
                            || cell.kind == Cell.Kind.BOOLEAN) {
                        int n = (int) varLong();
                        cell.text = b;
                        cell.textOff = p;
                        cell.textLen = n;
                        p += n;
                    }
                    return true;
                }

                private long varLong() {
                    long v = 0;
                    for (int shift = 0; ; shift += 7) {
                        int x = b[p++];
                        v |= (long) (x & 0x7F) << shift;
                        if ((x & 0x80) == 0) {
                            return v;
                        }
                    }
                }

                @Override
                public Cell cell() {
                    return cell;
                }

                @Override
                public String broken() {
                    return null;
                }
            };
        }
    }

    // --- numbers and references in attribute values

    /** "C5" -> 2; "XFD1048576" -> 16383; -1 when it is not a cell reference. */
    static int column(byte[] b, int from, int to) {
        int col = 0;
        int i = from;
        while (i < to && i - from < 4) {
            byte c = b[i];
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else {
                break;
            }
            i++;
        }
        if (i == from || i - from == 4 && i < to && letter(b[i])) {
            return -1;
        }
        return col - 1;
    }

    private static boolean letter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** A number of at most nine digits (white space around it allowed), or -1. */
    static int nonNegativeInt(byte[] b, int from, int to) {
        int s = strip(b, from, to);
        int e = stripEnd(b, s, to);
        if (e - s > 9 || e == s) {
            return -1;
        }
        return (int) positive(b, s, e, true);
    }

    /** A number above 0 of at most 18 characters (white space around it allowed), or -1. */
    static long positiveLong(byte[] b, int from, int to) {
        if (to - from > 18 || to == from) {
            return -1;
        }
        long v = positive(b, from, to, false);
        return v == 0 ? -1 : v;
    }

    private static long positive(byte[] b, int from, int to, boolean zero) {
        int s = strip(b, from, to);
        int e = stripEnd(b, s, to);
        if (s < e && b[s] == '+') {
            s++;
        }
        if (s == e) {
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v == 0 && !zero ? -1 : v;
    }

    static int strip(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t' || b[from] == '\n' || b[from] == '\r')) {
            from++;
        }
        return from;
    }

    static int stripEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t' || b[to - 1] == '\n' || b[to - 1] == '\r')) {
            to--;
        }
        return to;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
