package org.mburoja.leak.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An Excel workbook (Office Open XML: {@code .xlsx}, {@code .xlsm}) read as its parts stream out of the zip, each
 * worksheet handed on as the CSV text of its rows, so that its header row names the columns as in any table (the
 * salary and voter lists leaked in Albania were spreadsheets). Shared strings and styles resolve the cells; dates
 * (numbers in a date style) are written {@code yyyy-MM-dd}. A zip stream gives its parts in the order they were
 * written, and most writers put the shared strings after the sheets, so a sheet met before them is held in memory in
 * compact form (its cells, not its XML) and written out when they come, or at the end of the archive. What the
 * workbook holds in memory (strings and held sheets) is bounded: past {@code maxHeldBytes} the sheets still held
 * are given up with a note. The XML is read without DTDs or external entities; a malformed part is reported with
 * where it broke, and the rows before are kept.
 */
public final class XlsxBook {

    /** Receives each worksheet as CSV (UTF-8, comma-separated, a header row first if the sheet has one). */
    public interface Sheets {
        void sheet(String name, InputStream csv) throws IOException;
    }

    /** Excel's limits: columns per row and characters per cell. */
    static final int MAX_COLUMNS = 16_384;
    static final int MAX_CELL_CHARS = 32_767;

    private static final XMLInputFactory XML = secure();

    private final String book;
    private final long maxHeldBytes;
    private final Sheets out;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Held> held = new LinkedHashMap<>();
    private final Map<String, String> relTargets = new HashMap<>(); // r:id -> xl/worksheets/sheet1.xml
    private final Map<String, String> sheetIds = new LinkedHashMap<>(); // r:id -> sheet name
    private boolean expectStrings = true;
    private boolean expectStyles = true;
    private boolean stringsRead;
    private boolean stylesRead;
    private boolean date1904;
    private Strings strings = Strings.EMPTY;
    private boolean[] dateStyle = new boolean[0];
    private long heldBytes;
    private boolean overHeld;

    public XlsxBook(String book, long maxHeldBytes, Sheets out) {
        this.book = book;
        this.maxHeldBytes = maxHeldBytes;
        this.out = out;
    }

    /** Whether a zip's entries are those of a workbook: by the archive's name or its content types. */
    public static boolean isWorkbook(String archiveName, String firstEntry, byte[] head, int n) {
        String lower = archiveName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) {
            return true;
        }
        return "[Content_Types].xml".equals(firstEntry)
                && new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("spreadsheetml.sheet.main");
    }

    /**
     * Whether an entry belongs to the workbook's package (its content types, relationships, properties and the
     * {@code xl/} parts); any other entry of an archive that only looks like a workbook is a file of its own.
     */
    public static boolean isPackagePart(String entry) {
        return entry.equals("[Content_Types].xml") || entry.startsWith("_rels/") || entry.startsWith("docProps/")
                || entry.startsWith("xl/") || entry.startsWith("customXml/");
    }

    /** Parts of a workbook that hold text of their own, scanned as text: cell comments and threaded comments. */
    public static boolean holdsText(String entry) {
        return entry.startsWith("xl/comments") || entry.startsWith("xl/threadedComments/");
    }

    /** Problems met, each with the part and why. */
    public List<String> problems() {
        return problems;
    }

    /** Reads one part of the workbook; parts that hold no cells (themes, pictures, settings) are skipped. */
    public void part(String entry, InputStream in) throws IOException {
        String e = entry.startsWith("/") ? entry.substring(1) : entry;
        try {
            if (e.equals("[Content_Types].xml")) {
                contentTypes(in);
            } else if (e.equals("xl/workbook.xml")) {
                workbook(in);
            } else if (e.equals("xl/_rels/workbook.xml.rels")) {
                rels(in);
            } else if (e.equals("xl/sharedStrings.xml")) {
                strings = Strings.read(reader(in), maxHeldBytes - heldBytes, problems);
                heldBytes += strings.bytes();
                stringsRead = true;
                release();
            } else if (e.equals("xl/styles.xml")) {
                styles(in);
                stylesRead = true;
                release();
            } else if (e.startsWith("xl/worksheets/") && e.endsWith(".xml") && e.indexOf('/', 14) < 0) {
                worksheet(e, in);
            }
        } catch (XMLStreamException | IllegalStateException ex) {
            problems.add(e + ": " + where(ex) + " (" + reason(ex) + "); " + (e.startsWith("xl/worksheets/")
                    ? "the rows before were scanned" : "the workbook is read without it"));
            if (e.equals("xl/sharedStrings.xml")) {
                stringsRead = true;
                release();
            } else if (e.equals("xl/styles.xml")) {
                stylesRead = true;
                release();
            }
        }
    }

    /** The end of the archive: sheets still held are written with what there is. */
    public void finish() throws IOException {
        if (!held.isEmpty() && (expectStrings && !stringsRead)) {
            problems.add("no shared strings (xl/sharedStrings.xml) in the workbook: text cells of "
                    + String.join(", ", held.keySet()) + " are left empty");
        }
        stringsRead = true;
        stylesRead = true;
        release();
    }

    // --- parts around the sheets

    private void contentTypes(InputStream in) throws XMLStreamException {
        boolean strings = false;
        boolean styles = false;
        XMLStreamReader r = reader(in);
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Override")) {
                String part = r.getAttributeValue(null, "PartName");
                strings |= "/xl/sharedStrings.xml".equals(part);
                styles |= "/xl/styles.xml".equals(part);
            }
        }
        expectStrings = strings;
        expectStyles = styles;
    }

    private void workbook(InputStream in) throws XMLStreamException {
        XMLStreamReader r = reader(in);
        while (r.hasNext()) {
            if (r.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (r.getLocalName().equals("workbookPr")) {
                String v = r.getAttributeValue(null, "date1904");
                date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
            } else if (r.getLocalName().equals("sheet") && sheetIds.size() < 10_000) {
                String id = null;
                for (int i = 0; i < r.getAttributeCount(); i++) {
                    if (r.getAttributeLocalName(i).equals("id")) {
                        id = r.getAttributeValue(i);
                    }
                }
                String name = r.getAttributeValue(null, "name");
                if (id != null && name != null) {
                    sheetIds.put(id, name);
                }
            }
        }
    }

    private void rels(InputStream in) throws XMLStreamException {
        XMLStreamReader r = reader(in);
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")
                    && relTargets.size() < 10_000) {
                String id = r.getAttributeValue(null, "Id");
                String target = r.getAttributeValue(null, "Target");
                if (id != null && target != null) {
                    relTargets.put(id, target.startsWith("/") ? target.substring(1) : "xl/" + target);
                }
            }
        }
    }

    /** The sheet's name in the workbook ("Paga"), else its part's file name ("sheet1"). */
    private String sheetName(String part) {
        for (Map.Entry<String, String> e : relTargets.entrySet()) {
            if (e.getValue().equals(part) && sheetIds.containsKey(e.getKey())) {
                return sheetIds.get(e.getKey());
            }
        }
        String file = part.substring(part.lastIndexOf('/') + 1);
        return file.substring(0, file.length() - 4);
    }

    private void styles(InputStream in) throws XMLStreamException {
        Map<Integer, String> custom = new HashMap<>();
        List<Integer> xfs = new ArrayList<>();
        XMLStreamReader r = reader(in);
        boolean inCellXfs = false;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "numFmt" -> {
                        Integer id = integer(r.getAttributeValue(null, "numFmtId"));
                        String code = r.getAttributeValue(null, "formatCode");
                        if (id != null && code != null && custom.size() < 10_000) {
                            custom.put(id, code);
                        }
                    }
                    case "cellXfs" -> inCellXfs = true;
                    case "xf" -> {
                        if (inCellXfs && xfs.size() < 100_000) {
                            Integer id = integer(r.getAttributeValue(null, "numFmtId"));
                            xfs.add(id == null ? 0 : id);
                        }
                    }
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                inCellXfs = false;
            }
        }
        boolean[] date = new boolean[xfs.size()];
        for (int i = 0; i < date.length; i++) {
            int id = xfs.get(i);
            date[i] = custom.containsKey(id) ? isDateFormat(custom.get(id)) : isBuiltinDate(id);
        }
        dateStyle = date;
    }

    /** Excel's built-in number formats that show dates (14-22 and the East Asian ones). */
    static boolean isBuiltinDate(int id) {
        return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58;
    }

    /** A custom format shows a date when, outside quoted text and [brackets], it has a day or a year. */
    static boolean isDateFormat(String code) {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        int bracket = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                bracket++;
            } else if (!quoted && c == ']' && bracket > 0) {
                bracket--;
            } else if (!quoted && bracket == 0 && c == '\\') {
                i++; // an escaped literal character
            } else if (!quoted && bracket == 0) {
                b.append(Character.toLowerCase(c));
            }
        }
        String s = b.toString();
        return s.indexOf('d') >= 0 || s.indexOf('y') >= 0;
    }

    // --- sheets

    private void worksheet(String part, InputStream in) throws IOException, XMLStreamException {
        String name = sheetName(part);
        if (ready()) {
            write(name, new StreamedCells(reader(in)));
            return;
        }
        if (overHeld) {
            problems.add(part + ": not scanned: the workbook's sheets met before its shared strings already "
                    + "take more than " + maxHeldBytes + " bytes of memory");
            return;
        }
        Held h = new Held();
        StreamedCells cells = new StreamedCells(reader(in));
        while (cells.next()) {
            h.add(cells);
            if (heldBytes + h.size() > maxHeldBytes) {
                overHeld = true;
                problems.add(part + ": not scanned: held until the workbook's shared strings come, it took "
                        + "more than " + maxHeldBytes + " bytes of memory");
                return;
            }
        }
        if (cells.broken() != null) {
            problems.add(part + ": the XML breaks at " + cells.broken() + "; the rows before are scanned");
        }
        heldBytes += h.size();
        held.put(name, h);
    }

    private boolean ready() {
        return (stringsRead || !expectStrings) && (stylesRead || !expectStyles);
    }

    private void release() throws IOException {
        if (!ready()) {
            return;
        }
        List<Map.Entry<String, Held>> sheets = new ArrayList<>(held.entrySet());
        held.clear();
        for (Map.Entry<String, Held> e : sheets) {
            write(e.getKey(), e.getValue().replay());
            heldBytes -= e.getValue().size();
        }
    }

    private void write(String sheet, Cells cells) throws IOException {
        out.sheet(book + "!/" + sheet, new CsvOfCells(cells));
    }

    /** A cell as read: where it is and what it holds, before its string or style is resolved. */
    static final class Cell {
        long row;
        int column;
        Kind kind;
        int index; // a shared string's index, a style's index for numbers
        String text; // inline text, a number's literal, a formula's string result

        enum Kind { SHARED, INLINE, NUMBER, BOOLEAN, EMPTY }
    }

    /** Cells in sheet order; {@link #cell()} is valid until the next call of {@link #next()}. */
    interface Cells {
        boolean next() throws IOException;

        Cell cell();

        /** A problem that ended the cells early, or null. */
        String broken();
    }

    /** The cells of a sheet's XML as it streams: {@code <row r="5"><c r="C5" t="s" s="2"><v>17</v></c>}. */
    final class StreamedCells implements Cells {
        private final XMLStreamReader r;
        private final Cell cell = new Cell();
        private long row;
        private int nextColumn;
        private String broken;
        private boolean done;

        StreamedCells(XMLStreamReader r) {
            this.r = r;
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
            if (done) {
                return false;
            }
            try {
                while (r.hasNext()) {
                    int ev = r.next();
                    if (ev != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String el = r.getLocalName();
                    if (el.equals("row")) {
                        Long n = longValue(r.getAttributeValue(null, "r"));
                        row = n != null && n > row ? n : row + 1;
                        nextColumn = 0;
                    } else if (el.equals("c")) {
                        readCell();
                        return true;
                    }
                }
            } catch (XMLStreamException | IllegalStateException e) {
                broken = where(e) + " (" + reason(e) + ")";
            }
            done = true;
            return false;
        }

        private void readCell() throws XMLStreamException {
            String ref = r.getAttributeValue(null, "r");
            int col = ref == null ? -1 : column(ref);
            cell.row = row == 0 ? 1 : row;
            cell.column = col >= 0 ? col : nextColumn;
            nextColumn = cell.column + 1;
            String t = r.getAttributeValue(null, "t");
            Integer style = integer(r.getAttributeValue(null, "s"));
            cell.index = style == null ? 0 : style;
            cell.text = null;
            cell.kind = Cell.Kind.EMPTY;
            String v = null;
            StringBuilder inline = null;
            int depth = 1;
            boolean inV = false;
            boolean inT = false;
            boolean inPhonetic = false;
            StringBuilder text = new StringBuilder();
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String el = r.getLocalName();
                    inV = el.equals("v");
                    inT = el.equals("t") && !inPhonetic;
                    inPhonetic |= el.equals("rPh");
                    if (inV) {
                        text.setLength(0);
                    }
                    if (el.equals("is")) {
                        inline = new StringBuilder();
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    String el = r.getLocalName();
                    if (el.equals("v")) {
                        v = text.toString();
                        inV = false;
                    } else if (el.equals("t")) {
                        inT = false;
                    } else if (el.equals("rPh")) {
                        inPhonetic = false;
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                        || ev == XMLStreamConstants.SPACE) {
                    if (inV && text.length() < MAX_CELL_CHARS) {
                        text.append(r.getText(), 0, Math.min(r.getTextLength(), MAX_CELL_CHARS - text.length()));
                    } else if (inT && inline != null && inline.length() < MAX_CELL_CHARS) {
                        inline.append(r.getText(), 0, Math.min(r.getTextLength(),
                                MAX_CELL_CHARS - inline.length()));
                    }
                }
            }
            if ("inlineStr".equals(t)) {
                cell.kind = Cell.Kind.INLINE;
                cell.text = inline == null ? "" : unescape(inline.toString());
            } else if (v == null) {
                cell.kind = Cell.Kind.EMPTY;
            } else if ("s".equals(t)) {
                Integer i = integer(v.strip());
                cell.kind = i == null ? Cell.Kind.EMPTY : Cell.Kind.SHARED;
                cell.index = i == null ? 0 : i;
            } else if ("str".equals(t)) {
                cell.kind = Cell.Kind.INLINE;
                cell.text = unescape(v);
            } else if ("b".equals(t)) {
                cell.kind = Cell.Kind.BOOLEAN;
                cell.text = v.strip().equals("1") ? "TRUE" : "FALSE";
            } else if ("e".equals(t)) {
                cell.kind = Cell.Kind.EMPTY; // an error value (#N/A)
            } else {
                cell.kind = Cell.Kind.NUMBER;
                cell.text = v.strip();
            }
        }
    }

    /** A sheet held in memory in compact form: per cell its row, column, kind and value. */
    static final class Held {
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        void add(Cells cells) {
            Cell c = cells.cell();
            varLong(c.row);
            varLong(c.column);
            data.write(c.kind.ordinal());
            varLong(c.index);
            if (c.kind == Cell.Kind.INLINE || c.kind == Cell.Kind.NUMBER || c.kind == Cell.Kind.BOOLEAN) {
                byte[] b = c.text.getBytes(StandardCharsets.UTF_8);
                varLong(b.length);
                data.write(b, 0, b.length);
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

        Cells replay() {
            byte[] b = data.toByteArray();
            return new Cells() {
                private final Cell cell = new Cell();
                private int p;

                @Override
                public boolean next() {
                    if (p >= b.length) {
                        return false;
                    }
                    cell.row = varLong();
                    cell.column = (int) varLong();
                    cell.kind = Cell.Kind.values()[b[p++]];
                    cell.index = (int) varLong();
                    cell.text = null;
                    if (cell.kind == Cell.Kind.INLINE || cell.kind == Cell.Kind.NUMBER
                            || cell.kind == Cell.Kind.BOOLEAN) {
                        int n = (int) varLong();
                        cell.text = new String(b, p, n, StandardCharsets.UTF_8);
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

    /** The shared strings table: every text of the workbook once, as UTF-8 in one array. */
    record Strings(byte[] utf8, int[] starts, int count) {
        static final Strings EMPTY = new Strings(new byte[0], new int[] {0}, 0);

        long bytes() {
            return utf8.length + 4L * starts.length;
        }

        String get(int i) {
            return i >= 0 && i < count ? new String(utf8, starts[i], starts[i + 1] - starts[i], StandardCharsets.UTF_8)
                    : null;
        }

        /** {@code <sst><si><t>..</t></si><si><r><t>..</t></r>...</si>}: rich runs joined, phonetic runs left out. */
        static Strings read(XMLStreamReader r, long maxBytes, List<String> problems) throws XMLStreamException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int[] starts = new int[1024];
            int count = 0;
            StringBuilder si = null;
            boolean inT = false;
            boolean inPhonetic = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> si = new StringBuilder();
                        case "t" -> inT = !inPhonetic;
                        case "rPh" -> inPhonetic = true;
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> {
                            if (si != null) {
                                byte[] b = unescape(si.toString()).getBytes(StandardCharsets.UTF_8);
                                if (all.size() + b.length + 4L * (count + 2) > maxBytes) {
                                    problems.add("xl/sharedStrings.xml: more than " + maxBytes + " bytes of "
                                            + "memory: the texts after the first " + count + " are left out");
                                    return new Strings(all.toByteArray(), Arrays.copyOf(starts, count + 1), count);
                                }
                                all.write(b, 0, b.length);
                                if (count + 1 >= starts.length) {
                                    starts = Arrays.copyOf(starts, starts.length * 2);
                                }
                                count++;
                                starts[count] = all.size();
                                si = null;
                            }
                        }
                        case "t" -> inT = false;
                        case "rPh" -> inPhonetic = false;
                        default -> { }
                    }
                } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                        || ev == XMLStreamConstants.SPACE) && inT && si != null && si.length() < MAX_CELL_CHARS) {
                    si.append(r.getText(), 0, Math.min(r.getTextLength(), MAX_CELL_CHARS - si.length()));
                }
            }
            return new Strings(all.toByteArray(), Arrays.copyOf(starts, count + 1), count);
        }
    }

    /**
     * A sheet's cells as CSV, a row a line: columns from A to the last one used in the sheet so far, a text quoted
     * when it holds a comma, a quote or a line break (a line break inside a cell becomes a space, so that a record is
     * one line). Rows with nothing in them are left out.
     */
    final class CsvOfCells extends BlockInputStream {
        private final Cells cells;
        private byte[] line = new byte[0];
        private int pos;
        private boolean pending;
        private boolean ended;
        private final List<String> row = new ArrayList<>();
        private long rowNumber = -1;

        CsvOfCells(Cells cells) {
            this.cells = cells;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos >= line.length) {
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, line.length - pos);
            System.arraycopy(line, pos, b, off, n);
            pos += n;
            return n;
        }

        /** The next non-empty row as a line; false at the end. */
        private boolean fill() throws IOException {
            while (true) {
                if (!pending) {
                    if (ended || !cells.next()) {
                        if (!ended && cells.broken() != null) {
                            problems.add(book + ": a sheet's XML breaks at " + cells.broken()
                                    + "; the rows before were scanned");
                        }
                        ended = true;
                        return emit();
                    }
                }
                pending = false;
                Cell c = cells.cell();
                if (c.row != rowNumber) {
                    boolean flush = !row.isEmpty();
                    rowNumber = c.row;
                    if (flush) {
                        pending = true; // the cell starts the next row: it is taken then
                        return emit();
                    }
                }
                if (c.column >= MAX_COLUMNS) {
                    continue;
                }
                String v = value(c);
                if (v == null || v.isEmpty()) {
                    continue;
                }
                while (row.size() <= c.column) {
                    row.add("");
                }
                row.set(c.column, v);
            }
        }

        /** Writes the row gathered as a line and starts the next; false when the row is empty. */
        private boolean emit() {
            line = new byte[0];
            pos = 0;
            if (row.isEmpty()) {
                return false;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(csv(row.get(i)));
            }
            b.append('\n');
            row.clear();
            line = b.toString().getBytes(StandardCharsets.UTF_8);
            return true;
        }

        private String value(Cell c) {
            return switch (c.kind) {
                case SHARED -> {
                    String s = strings.get(c.index);
                    yield s == null ? "" : s;
                }
                case INLINE, BOOLEAN -> c.text;
                case NUMBER -> number(c.text, c.index);
                case EMPTY -> "";
            };
        }
    }

    /** A number as a table shows it: a date in a date style as {@code yyyy-MM-dd}, else without exponent. */
    String number(String literal, int style) {
        if (literal.isEmpty()) {
            return "";
        }
        BigDecimal d;
        try {
            d = new BigDecimal(literal);
        } catch (NumberFormatException e) {
            return literal;
        }
        if (style >= 0 && style < dateStyle.length && dateStyle[style]) {
            String date = serialDate(d, date1904);
            if (date != null) {
                return date;
            }
        }
        if (d.abs().compareTo(BigDecimal.valueOf(1e15)) > 0 || d.scale() > 10 && d.abs().compareTo(
                BigDecimal.valueOf(1e-6)) < 0) {
            return literal;
        }
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Excel's day number as a date (1900 system, with its leap day of 1900; or the 1904 system). */
    static String serialDate(BigDecimal serial, boolean date1904) {
        if (serial.signum() < 0 || serial.compareTo(BigDecimal.valueOf(2_958_465)) > 0) {
            return null; // before 1900 or after 9999-12-31
        }
        long day = serial.longValue();
        LocalDate d;
        if (date1904) {
            d = LocalDate.of(1904, 1, 1).plusDays(day);
        } else if (day == 0) {
            return null;
        } else {
            // day 1 is 1900-01-01, and day 60 the 29 February 1900 that never was
            d = LocalDate.of(1899, 12, 31).plusDays(day < 60 ? day : day - 1);
        }
        return d.toString();
    }

    // --- helpers

    /** Excel's escapes of characters XML cannot hold: {@code _x000D_} is a carriage return, {@code _x005F_} a '_'. */
    static String unescape(String s) {
        if (s.indexOf("_x") < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' && i + 6 < s.length() && s.charAt(i + 1) == 'x' && s.charAt(i + 6) == '_'
                    && hex(s, i + 2, i + 6)) {
                b.append((char) Integer.parseInt(s, i + 2, i + 6, 16));
                i += 6;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String csv(String v) {
        String s = v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 ? v.replace("\r\n", " ").replace('\n', ' ')
                .replace('\r', ' ') : v;
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** "C5" -> 2; "XFD1048576" -> 16383; -1 when it is not a cell reference. */
    static int column(String ref) {
        int col = 0;
        int i = 0;
        while (i < ref.length() && i < 4) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else {
                break;
            }
            i++;
        }
        if (i == 0 || i == 4 && i < ref.length() && Character.isLetter(ref.charAt(i))) {
            return -1;
        }
        return col - 1;
    }

    private static Integer integer(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return null;
        }
        try {
            int v = Integer.parseInt(s.strip());
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return null;
        }
        try {
            long v = Long.parseLong(s.strip());
            return v <= 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return XML.createXMLStreamReader(in);
    }

    private static XMLInputFactory secure() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    private static String where(Exception e) {
        if (e instanceof XMLStreamException x && x.getLocation() != null) {
            return "line " + x.getLocation().getLineNumber() + ", column " + x.getLocation().getColumnNumber();
        }
        return "its end";
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf("\nMessage: ");
        if (nl >= 0) {
            m = m.substring(nl + 10);
        }
        m = m.replace('\n', ' ').strip();
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
