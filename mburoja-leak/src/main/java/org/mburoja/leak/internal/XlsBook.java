package org.mburoja.leak.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Excel 97-2003 workbook ({@code .xls}: BIFF8 records in the "Workbook" stream of an OLE2 compound file), each
 * worksheet handed on as the CSV text of its rows, as {@link XlsxBook} does for the newer format. Registers, payrolls
 * and voter lists exported by older government systems come in this format. The compound file is read whole into
 * memory (it is a little file system with sectors in any order), within a bound; an {@code .xls} holds at most
 * 65,536 rows a sheet, so a few hundred megabytes at the very most. Text cells (the shared string table, spread
 * over CONTINUE records with a new flag byte at each boundary; inline labels; formula results), numbers (IEEE and
 * the packed RK form) in date formats or not, and booleans are read; charts, macros and pictures are not. An
 * encrypted workbook is reported, not guessed at.
 */
public final class XlsBook {


    private final String book;
    private final long maxBytes;
    private final XlsxBook.Sheets out;
    private final List<String> problems = new ArrayList<>();

    public XlsBook(String book, long maxBytes, XlsxBook.Sheets out) {
        this.book = book;
        this.maxBytes = maxBytes;
        this.out = out;
    }

    /** Whether a file starts as an OLE2 compound file (a .xls, but also a .doc, .msg or .ppt). */
    public static boolean isCompoundFile(byte[] head, int n) {
        return n >= 512 && le64(head, 0) == CompoundFile.SIGNATURE;
    }

    /** Problems met, each with where and why. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Reads the compound file and writes its worksheets; false, with nothing written, when it holds no workbook
     * (another Office document) or cannot be read as one (then {@link #problems()} says why): the file is then read
     * by {@link CompoundText}, or as a binary file if even that fails.
     */
    public boolean read(byte[] file) throws IOException {
        byte[] stream;
        try {
            stream = new CompoundFile(file).stream("Workbook", "Book");
        } catch (CompoundFile.Broken e) {
            problems.add("not read as a workbook: the OLE2 compound file is broken (" + e.getMessage() + ")");
            return false;
        }
        if (stream == null) {
            return false; // a Word, Outlook or PowerPoint file: no workbook stream
        }
        return workbook(stream);
    }

    /**
     * The bytes of a stream up to {@code maxBytes} and one more: longer than {@code maxBytes} means the stream goes
     * on (the caller scans what was read and the rest otherwise).
     */
    public static byte[] readBounded(InputStream in, long maxBytes) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
    }

    // --- BIFF8

    private static final int BOF = 0x0809;
    private static final int EOF = 0x000A;
    private static final int FILEPASS = 0x002F;
    private static final int DATEMODE = 0x0022;
    private static final int FORMAT = 0x041E;
    private static final int XF = 0x00E0;
    private static final int BOUNDSHEET = 0x0085;
    private static final int SST = 0x00FC;
    private static final int CONTINUE = 0x003C;

    private boolean workbook(byte[] s) throws IOException {
        if (s.length < 8 || u16(s, 0) != BOF) {
            problems.add("not read as a workbook: its stream does not start with a BOF record");
            return false;
        }
        int version = u16(s, 4);
        if (version != 0x0600) {
            problems.add("not read as a workbook: BIFF version 0x" + Integer.toHexString(version) + " (Excel 5/95 "
                    + "or older); only Excel 97-2003 (BIFF8) is read");
            return false;
        }
        boolean date1904 = false;
        Map<Integer, String> formats = new HashMap<>();
        List<Integer> xfFormats = new ArrayList<>();
        List<String> sheetNames = new ArrayList<>();
        List<Integer> sheetOffsets = new ArrayList<>();
        SharedStrings strings = SharedStrings.EMPTY;
        int p = u16(s, 2) + 4;
        while (p + 4 <= s.length) {
            int type = u16(s, p);
            int len = u16(s, p + 2);
            int data = p + 4;
            if (data + len > s.length) {
                problems.add("the workbook's records break at byte " + p + " (a record longer than the stream)");
                break;
            }
            switch (type) {
                case FILEPASS -> {
                    problems.add("encrypted workbook (password-protected): not scanned");
                    return true;
                }
                case DATEMODE -> date1904 = len >= 2 && u16(s, data) == 1;
                case FORMAT -> {
                    if (len >= 5 && formats.size() < 10_000) {
                        formats.put(u16(s, data), new Chars(s, data + 2, data + len).unicodeString(2));
                    }
                }
                case XF -> {
                    if (len >= 4 && xfFormats.size() < 100_000) {
                        xfFormats.add(u16(s, data + 2));
                    }
                }
                case BOUNDSHEET -> {
                    if (len >= 8 && s[data + 5] == 0 && sheetNames.size() < 10_000) { // dt 0: a worksheet
                        sheetOffsets.add((int) Math.min(Integer.MAX_VALUE, u32(s, data)));
                        sheetNames.add(new Chars(s, data + 6, data + len).unicodeString(1));
                    }
                }
                case SST -> strings = sst(s, p);
                default -> { }
            }
            p = data + len;
            if (type == EOF) {
                break;
            }
        }
        if (sheetNames.isEmpty()) {
            problems.add("the workbook names no worksheet (no BOUNDSHEET record): scanned as a binary file");
            return false;
        }
        boolean[] dateStyle = new boolean[xfFormats.size()];
        for (int i = 0; i < dateStyle.length; i++) {
            int id = xfFormats.get(i);
            dateStyle[i] = formats.containsKey(id) ? XlsxBook.isDateFormat(formats.get(id)) : XlsxBook.isBuiltinDate(id);
        }
        for (int i = 0; i < sheetNames.size(); i++) {
            int at = sheetOffsets.get(i);
            String sheet = sheetNames.get(i).isEmpty() ? "Sheet" + (i + 1) : sheetNames.get(i);
            if (at < 0 || at + 8 > s.length || u16(s, at) != BOF) {
                problems.add(sheet + ": its records are not where the workbook says (byte " + at + "): not scanned");
                continue;
            }
            String name = book + "!/" + sheet;
            out.sheet(name, new SheetCsv(new BiffCells(s, at, name), strings, dateStyle, date1904,
                    where -> problems.add(book + ": sheet " + sheet + " breaks at " + where
                            + "; the rows before were scanned")));
        }
        return true;
    }

    /** The shared string table: the SST record and the CONTINUE records after it. */
    private SharedStrings sst(byte[] s, int at) {
        List<int[]> segments = new ArrayList<>(); // [from, to) of each record's data
        int p = at;
        while (p + 4 <= s.length) {
            int type = u16(s, p);
            int len = u16(s, p + 2);
            if (p != at && type != CONTINUE || p + 4 + len > s.length) {
                break;
            }
            segments.add(new int[] {p + 4, p + 4 + len});
            p += 4 + len;
        }
        Continued c = new Continued(s, segments);
        c.u32(); // cstTotal: how many cells refer to the table
        long unique = c.u32();
        byte[] all = new byte[1 << 16];
        int size = 0;
        int count = 0;
        int[] starts = new int[(int) Math.min(Math.max(unique, 0) + 1, 1 << 20)];
        StringBuilder text = new StringBuilder();
        try {
            while (count < unique && c.more()) {
                c.string(text);
                byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
                if ((long) size + b.length + 4L * (count + 2) > maxBytes) {
                    problems.add("the shared strings take more than " + maxBytes + " bytes of memory: the texts after "
                            + "the first " + count + " are left out");
                    break;
                }
                if (size + b.length > all.length) {
                    all = java.util.Arrays.copyOf(all, Math.max(all.length * 3 / 2, size + b.length));
                }
                System.arraycopy(b, 0, all, size, b.length);
                size += b.length;
                if (count + 1 >= starts.length) {
                    starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                }
                count++;
                starts[count] = size;
            }
        } catch (CompoundFile.Broken e) {
            problems.add("the shared strings break after " + count + " texts (" + e.getMessage() + "); those before "
                    + "are kept");
        }
        return new SharedStrings(all, java.util.Arrays.copyOf(starts, count + 1), count);
    }

    /** The data of a record and its CONTINUE records read as one, with BIFF8's rule for strings cut by a boundary. */
    private static final class Continued {
        private final byte[] s;
        private final List<int[]> segments;
        private int seg;
        private int p;

        Continued(byte[] s, List<int[]> segments) {
            this.s = s;
            this.segments = segments;
            this.p = segments.isEmpty() ? 0 : segments.getFirst()[0];
        }

        boolean more() {
            while (seg < segments.size() && p >= segments.get(seg)[1]) {
                if (++seg < segments.size()) {
                    p = segments.get(seg)[0];
                }
            }
            return seg < segments.size();
        }

        private int end() {
            return segments.get(seg)[1];
        }

        int u8() throws CompoundFile.Broken {
            if (!more()) {
                throw new CompoundFile.Broken("the record ends inside a string");
            }
            return s[p++] & 0xFF;
        }

        int u16() throws CompoundFile.Broken {
            return u8() | u8() << 8;
        }

        long u32() {
            try {
                return (long) u16() | (long) u16() << 16;
            } catch (CompoundFile.Broken e) {
                return 0;
            }
        }

        void skip(long n) throws CompoundFile.Broken {
            while (n > 0) {
                if (!more()) {
                    throw new CompoundFile.Broken("the record ends inside a string's formatting");
                }
                int k = (int) Math.min(n, end() - p);
                p += k;
                n -= k;
            }
        }

        /** An XLUnicodeRichExtendedString; at a record boundary inside its characters comes a new flag byte. */
        void string(StringBuilder out) throws CompoundFile.Broken {
            out.setLength(0);
            int cch = u16();
            int flags = u8();
            int runs = (flags & 0x08) != 0 ? u16() : 0;
            long ext = (flags & 0x04) != 0 ? u16() | (long) u16() << 16 : 0;
            boolean wide = (flags & 0x01) != 0;
            int left = cch;
            while (left > 0) {
                if (p >= end()) {
                    if (!more()) {
                        throw new CompoundFile.Broken("the record ends inside a string");
                    }
                    wide = (u8() & 0x01) != 0; // the flag byte that starts a CONTINUE cutting a string
                }
                int avail = end() - p;
                if (wide) {
                    int k = Math.min(left, avail / 2);
                    if (k == 0) {
                        throw new CompoundFile.Broken("a character cut by a record boundary");
                    }
                    for (int i = 0; i < k; i++) {
                        out.append((char) ((s[p] & 0xFF) | (s[p + 1] & 0xFF) << 8));
                        p += 2;
                    }
                    left -= k;
                } else {
                    int k = Math.min(left, avail);
                    for (int i = 0; i < k; i++) {
                        out.append((char) (s[p++] & 0xFF));
                    }
                    left -= k;
                }
            }
            skip(4L * runs);
            skip(ext);
        }
    }

    /** Character data inside one record: the forms of BIFF8's short and long Unicode strings. */
    private static final class Chars {
        private final byte[] s;
        private final int from;
        private final int to;

        Chars(byte[] s, int from, int to) {
            this.s = s;
            this.from = from;
            this.to = to;
        }

        /** A string whose character count takes {@code countBytes} (1 or 2), then a flag byte, then characters. */
        String unicodeString(int countBytes) {
            if (from + countBytes + 1 > to) {
                return "";
            }
            int cch = countBytes == 1 ? s[from] & 0xFF : u16(s, from);
            int flags = s[from + countBytes];
            int p = from + countBytes + 1;
            if ((flags & 0x08) != 0) {
                p += 2; // cRun
            }
            if ((flags & 0x04) != 0) {
                p += 4; // cbExtRst
            }
            StringBuilder b = new StringBuilder(cch);
            boolean wide = (flags & 0x01) != 0;
            for (int i = 0; i < cch && p + (wide ? 1 : 0) < to; i++) {
                if (wide) {
                    b.append((char) ((s[p] & 0xFF) | (s[p + 1] & 0xFF) << 8));
                    p += 2;
                } else {
                    b.append((char) (s[p++] & 0xFF));
                }
            }
            return b.toString();
        }
    }

    // --- sheets

    private static final int LABELSST = 0x00FD;
    private static final int LABEL = 0x0204;
    private static final int RSTRING = 0x00D6;
    private static final int NUMBER = 0x0203;
    private static final int RK = 0x027E;
    private static final int MULRK = 0x00BD;
    private static final int BOOLERR = 0x0205;
    private static final int FORMULA = 0x0006;
    private static final int STRING = 0x0207;

    /** The cells of one worksheet's records, from its BOF to its EOF. */
    private static final class BiffCells implements SheetCells {
        private final byte[] s;
        private final String sheet;
        private final Cell cell = new Cell();
        private int p;
        private String broken;
        private boolean done;
        // a MULRK record's cells still to give, and a formula whose string result comes in the next record
        private int mulAt;
        private int mulLeft;
        private int mulColumn;
        private long mulRow;
        private long formulaRow = -1;
        private int formulaColumn;
        private int formulaStyle;
        private byte[] textBytes = new byte[64];
        private int nested;

        BiffCells(byte[] s, int bof, String sheet) {
            this.s = s;
            this.sheet = sheet;
            this.p = bof + 4 + u16(s, bof + 2);
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
        public boolean next() {
            if (mulLeft > 0) {
                rk(mulRow, mulColumn++, u16(s, mulAt), (int) u32(s, mulAt + 2));
                mulAt += 6;
                mulLeft--;
                return true;
            }
            while (!done) {
                if (p + 4 > s.length) {
                    broken = "byte " + p + " (the sheet has no EOF record)";
                    done = true;
                    return false;
                }
                int type = u16(s, p);
                int len = u16(s, p + 2);
                int d = p + 4;
                if (d + len > s.length) {
                    broken = "byte " + p + " (a record longer than the stream)";
                    done = true;
                    return false;
                }
                p = d + len;
                if (type == BOF) {
                    nested++; // a chart or other object embedded in the sheet: its records up to its EOF
                    continue;
                }
                if (type == EOF) {
                    if (nested == 0) {
                        done = true;
                        return false;
                    }
                    nested--;
                    continue;
                }
                if (nested > 0) {
                    continue;
                }
                switch (type) {
                    case LABELSST -> {
                        if (len >= 10) {
                            at(d);
                            cell.kind = Cell.Kind.SHARED;
                            long i = u32(s, d + 6);
                            cell.index = i > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) i;
                            return true;
                        }
                    }
                    case LABEL, RSTRING -> {
                        if (len >= 9) {
                            at(d);
                            text(new Chars(s, d + 6, d + len).unicodeString(2));
                            return true;
                        }
                    }
                    case NUMBER -> {
                        if (len >= 14) {
                            at(d);
                            number(Double.longBitsToDouble(le64(s, d + 6)));
                            return true;
                        }
                    }
                    case RK -> {
                        if (len >= 10) {
                            rk(u16(s, d) + 1L, u16(s, d + 2), u16(s, d + 4), (int) u32(s, d + 6));
                            return true;
                        }
                    }
                    case MULRK -> {
                        int n = (len - 6) / 6;
                        if (len >= 12) {
                            mulRow = u16(s, d) + 1L;
                            mulColumn = u16(s, d + 2);
                            mulAt = d + 4;
                            mulLeft = n;
                            return next();
                        }
                    }
                    case BOOLERR -> {
                        if (len >= 8 && s[d + 7] == 0) {
                            at(d);
                            bool(s[d + 6] != 0);
                            return true;
                        }
                    }
                    case FORMULA -> {
                        if (len >= 20) {
                            if (formula(d)) {
                                return true;
                            }
                        }
                    }
                    case STRING -> {
                        if (formulaRow >= 0 && len >= 3) {
                            cell.row = formulaRow;
                            cell.column = formulaColumn;
                            cell.index = formulaStyle;
                            formulaRow = -1;
                            text(new Chars(s, d, d + len).unicodeString(2));
                            return true;
                        }
                    }
                    default -> { }
                }
            }
            return false;
        }

        /** A formula's cached result: a number, a boolean, or a string in the STRING record that follows. */
        private boolean formula(int d) {
            boolean special = (s[d + 12] & 0xFF) == 0xFF && (s[d + 13] & 0xFF) == 0xFF;
            if (!special) {
                at(d);
                number(Double.longBitsToDouble(le64(s, d + 6)));
                return true;
            }
            int kind = s[d + 6] & 0xFF;
            if (kind == 0) { // a string: its value is the next STRING record
                formulaRow = u16(s, d) + 1L;
                formulaColumn = u16(s, d + 2);
                formulaStyle = u16(s, d + 4);
                return false;
            }
            if (kind == 1) {
                at(d);
                bool(s[d + 8] != 0);
                return true;
            }
            return false; // an error or an empty string
        }

        private void bool(boolean one) {
            cell.kind = Cell.Kind.BOOLEAN;
            cell.text = one ? Cell.TRUE : Cell.FALSE;
            cell.textOff = 0;
            cell.textLen = one ? 4 : 5;
        }

        private void at(int d) {
            cell.row = u16(s, d) + 1L;
            cell.column = u16(s, d + 2);
            cell.index = u16(s, d + 4);
        }

        private void rk(long row, int column, int style, int rk) {
            cell.row = row;
            cell.column = column;
            cell.index = style;
            double v;
            if ((rk & 0x02) != 0) {
                int i = rk >> 2;
                if ((rk & 0x01) == 0) {
                    literal(Integer.toString(i));
                    return;
                }
                v = i / 100.0;
            } else {
                v = Double.longBitsToDouble((long) (rk & 0xFFFFFFFC) << 32);
                if ((rk & 0x01) != 0) {
                    v /= 100.0;
                }
            }
            number(v);
        }

        private void number(double v) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                cell.kind = Cell.Kind.EMPTY;
                return;
            }
            literal(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
        }

        private void literal(String s) {
            cell.kind = Cell.Kind.NUMBER;
            bytes(s);
        }

        private void text(String t) {
            cell.kind = Cell.Kind.INLINE;
            bytes(t);
        }

        private void bytes(String t) {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(b.length, SheetCells.MAX_CELL_BYTES);
            if (n > textBytes.length) {
                textBytes = new byte[Math.max(n, textBytes.length * 2)];
            }
            System.arraycopy(b, 0, textBytes, 0, n);
            cell.text = textBytes;
            cell.textOff = 0;
            cell.textLen = n;
        }
    }

    // --- little-endian numbers

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static long le64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
