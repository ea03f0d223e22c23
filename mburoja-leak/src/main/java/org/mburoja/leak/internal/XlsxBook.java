package org.mburoja.leak.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    private final Map<String, SheetCells.Held> held = new LinkedHashMap<>();
    private final Map<String, String> relTargets = new HashMap<>(); // r:id -> xl/worksheets/sheet1.xml
    private final Map<String, String> sheetIds = new LinkedHashMap<>(); // r:id -> sheet name
    private boolean expectStrings = true;
    private boolean expectStyles = true;
    private boolean stringsRead;
    private boolean stylesRead;
    private boolean date1904;
    private SharedStrings strings = SharedStrings.EMPTY;
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
                strings = SharedStrings.read(new XmlBytes(in, SheetCells.MAX_CELL_BYTES), maxHeldBytes - heldBytes,
                        problems);
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
        } catch (XMLStreamException | XmlBytes.Malformed | IllegalStateException ex) {
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

    private void worksheet(String part, InputStream in) throws IOException, XmlBytes.Malformed {
        String name = sheetName(part);
        if (ready()) {
            write(name, SheetCells.streamed(new XmlBytes(in, SheetCells.MAX_CELL_BYTES)));
            return;
        }
        if (overHeld) {
            problems.add(part + ": not scanned: the workbook's sheets met before its shared strings already "
                    + "take more than " + maxHeldBytes + " bytes of memory");
            return;
        }
        SheetCells.Held h = new SheetCells.Held();
        SheetCells cells = SheetCells.streamed(new XmlBytes(in, SheetCells.MAX_CELL_BYTES));
        while (cells.next()) {
            h.add(cells.cell());
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
        List<Map.Entry<String, SheetCells.Held>> sheets = new ArrayList<>(held.entrySet());
        held.clear();
        for (Map.Entry<String, SheetCells.Held> e : sheets) {
            long size = e.getValue().size();
            write(e.getKey(), e.getValue().replay());
            heldBytes -= size;
        }
    }

    private void write(String sheet, SheetCells cells) throws IOException {
        out.sheet(book + "!/" + sheet, new SheetCsv(cells, strings, dateStyle, date1904, where -> problems.add(
                book + ": a sheet's XML breaks at " + where + "; the rows before were scanned")));
    }

    // --- helpers

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
        if (e instanceof XmlBytes.Malformed m) {
            return "line " + m.line() + ", column " + m.column();
        }
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
