package org.mburoja.leak.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An OpenDocument file (LibreOffice and the EU institutions' format: {@code .ods} spreadsheets, {@code .odt} texts,
 * {@code .odp} presentations) read from its {@code content.xml}: each table as CSV (a spreadsheet's sheets under
 * their names, a text's tables numbered), numbers by their {@code office:value}, dates by their
 * {@code office:date-value} ({@code yyyy-MM-dd}), booleans as TRUE or FALSE, other cells by their paragraphs; and the
 * paragraphs and headings outside tables as text. Repeated cells and rows ({@code number-columns-repeated}, as
 * writers pad a sheet to its last column and row) are written out only when they hold something, at most
 * {@value #MAX_REPEAT} times. The XML is read by {@link XmlBytes}: no DTDs, no entities.
 */
public final class OdfText {

    static final int MAX_REPEAT = 1000;
    private static final int MAX_TEXT = 256 << 20;

    private static final byte[] TABLE = ascii("table");
    private static final byte[] ROW = ascii("table-row");
    private static final byte[] CELL = ascii("table-cell");
    private static final byte[] COVERED = ascii("covered-table-cell");
    private static final byte[] P = ascii("p");
    private static final byte[] H = ascii("h");
    private static final byte[] S = ascii("s");
    private static final byte[] TAB = ascii("tab");
    private static final byte[] LINE_BREAK = ascii("line-break");
    private static final byte[] NAME = ascii("name");
    private static final byte[] C = ascii("c");
    private static final byte[] VALUE_TYPE = ascii("value-type");
    private static final byte[] VALUE = ascii("value");
    private static final byte[] DATE_VALUE = ascii("date-value");
    private static final byte[] BOOLEAN_VALUE = ascii("boolean-value");
    private static final byte[] COLUMNS_REPEATED = ascii("number-columns-repeated");
    private static final byte[] ROWS_REPEATED = ascii("number-rows-repeated");
    private static final byte[] ANNOTATION = ascii("annotation");

    private final String file;
    private final String format;
    private final DocxText.Out out;
    private final List<String> problems = new ArrayList<>();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream(1 << 16);
    private int tables;

    public OdfText(String file, String format, DocxText.Out out) {
        this.file = file;
        this.format = format;
        this.out = out;
    }

    /** The format ("ods", "odt", "odp") of a zip that is an OpenDocument file, by name or its mimetype entry; or null. */
    public static String format(String archiveName, String firstEntry, byte[] head, int n) {
        String lower = archiveName.toLowerCase(Locale.ROOT);
        for (String f : List.of("ods", "odt", "odp")) {
            if (lower.endsWith("." + f)) {
                return f;
            }
        }
        if (!"mimetype".equals(firstEntry)) {
            return null;
        }
        String type = new String(head, 0, n, StandardCharsets.US_ASCII).strip();
        return switch (type) {
            case "application/vnd.oasis.opendocument.spreadsheet" -> "ods";
            case "application/vnd.oasis.opendocument.text" -> "odt";
            case "application/vnd.oasis.opendocument.presentation" -> "odp";
            default -> null;
        };
    }

    /** Whether an entry belongs to the package (else it is a file of its own in the archive). */
    public static boolean isPackagePart(String entry) {
        return entry.equals("mimetype") || entry.endsWith(".xml") && entry.indexOf('/') < 0
                || entry.startsWith("META-INF/") || entry.startsWith("Thumbnails/") || entry.startsWith("Pictures/")
                || entry.startsWith("Configurations2/") || entry.startsWith("Object ");
    }

    public List<String> problems() {
        return problems;
    }

    /** Reads {@code content.xml}. */
    public void content(InputStream in) throws IOException {
        Table table = null;
        int nested = 0;
        StringBuilder para = new StringBuilder();
        int paragraphs = 0; // open text:p / text:h
        boolean inNote = false;
        try {
            XmlBytes x = new XmlBytes(in, SheetCells.MAX_CELL_BYTES);
            int ev;
            while ((ev = x.next()) != XmlBytes.EOF) {
                if (ev == XmlBytes.TEXT) {
                    if (paragraphs > 0 && para.length() < SheetCells.MAX_CELL_BYTES) {
                        para.append(new String(x.text(), 0, x.textLength(), StandardCharsets.UTF_8));
                    }
                } else if (ev == XmlBytes.START) {
                    if (x.is(P) || x.is(H)) {
                        paragraphs++;
                    } else if (x.is(S)) {
                        para.append(" ".repeat((int) Math.min(100, Math.max(1, number(x, C, 1)))));
                    } else if (x.is(TAB) || x.is(LINE_BREAK)) {
                        para.append(' ');
                    } else if (x.is(ANNOTATION)) {
                        inNote = true; // a comment: its text is text, not the cell's value
                    } else if (x.is(TABLE) && !inNote) {
                        if (table == null) {
                            String name = x.value(NAME);
                            table = new Table(name);
                        } else {
                            nested++;
                        }
                    } else if (table != null && nested == 0 && x.is(ROW)) {
                        table.startRow((int) Math.min(number(x, ROWS_REPEATED, 1), Integer.MAX_VALUE));
                    } else if (table != null && nested == 0 && (x.is(CELL) || x.is(COVERED))) {
                        table.startCell(x, (int) Math.min(number(x, COLUMNS_REPEATED, 1), Integer.MAX_VALUE));
                    }
                } else {
                    if (x.is(P) || x.is(H)) {
                        paragraphs = Math.max(0, paragraphs - 1);
                        if (paragraphs == 0) {
                            if (table != null && nested == 0 && table.inCell && !inNote) {
                                table.paragraph(para);
                            } else {
                                line(para);
                            }
                            para.setLength(0);
                        }
                    } else if (x.is(ANNOTATION)) {
                        inNote = false;
                    } else if (table != null && nested == 0 && (x.is(CELL) || x.is(COVERED))) {
                        table.endCell();
                    } else if (table != null && nested == 0 && x.is(ROW)) {
                        table.endRow();
                    } else if (x.is(TABLE) && table != null && !inNote) {
                        if (nested > 0) {
                            nested--;
                        } else {
                            emit(table);
                            table = null;
                        }
                    }
                }
            }
        } catch (XmlBytes.Malformed e) {
            problems.add("content.xml: the XML breaks at line " + e.line() + ", column " + e.column() + " ("
                    + e.getMessage() + "); what came before is scanned");
        }
        if (table != null) {
            table.endRow();
            emit(table);
        }
        line(para);
    }

    public void finish() throws IOException {
        out.text(new ByteArrayInputStream(text.toByteArray()));
    }

    private void line(CharSequence p) {
        if (p.toString().isBlank() || text.size() > MAX_TEXT) {
            return;
        }
        text.writeBytes((p + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void emit(Table t) throws IOException {
        tables++;
        if (t.rows == 0) {
            return;
        }
        String name = format.equals("ods") && t.name != null && !t.name.isBlank() ? t.name : "table " + tables;
        out.table(file + "!/" + name, new ByteArrayInputStream(t.csv.toByteArray()));
    }

    private static long number(XmlBytes x, byte[] attribute, long otherwise) {
        int a = x.attribute(attribute);
        if (a < 0) {
            return otherwise;
        }
        long v = SheetCells.positiveLong(x.buffer(), x.valueStart(a), x.valueEnd(a));
        return v < 0 ? otherwise : v;
    }

    /** A table being read: its rows as CSV. */
    private static final class Table {
        final String name;
        final ByteArrayOutputStream csv = new ByteArrayOutputStream();
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        String value; // the cell's value from its attributes, when it has one
        int columnRepeat;
        int rowRepeat;
        boolean inCell;
        int rows;

        Table(String name) {
            this.name = name;
        }

        void startRow(int repeat) {
            cells.clear();
            rowRepeat = repeat;
        }

        void startCell(XmlBytes x, int repeat) {
            inCell = true;
            cell.setLength(0);
            columnRepeat = repeat;
            String type = x.value(VALUE_TYPE);
            value = null;
            if (type == null) {
                return;
            }
            switch (type) {
                case "float", "percentage", "currency" -> {
                    String v = x.value(VALUE);
                    value = v == null ? null : SheetCsv.number(v, false, false);
                }
                case "date" -> {
                    String v = x.value(DATE_VALUE);
                    value = v == null ? null : v.length() > 10 && v.charAt(10) == 'T' ? v.substring(0, 10) : v;
                }
                case "boolean" -> {
                    String v = x.value(BOOLEAN_VALUE);
                    value = v == null ? null : v.equals("true") ? "TRUE" : "FALSE";
                }
                default -> { }
            }
        }

        void paragraph(CharSequence p) {
            if (!p.isEmpty() && cell.length() < SheetCells.MAX_CELL_BYTES) {
                if (!cell.isEmpty()) {
                    cell.append(' ');
                }
                cell.append(p);
            }
        }

        void endCell() {
            inCell = false;
            String v = (value != null ? value : cell.toString()).strip();
            if (v.isEmpty()) {
                for (int i = 0; i < columnRepeat && cells.size() < XlsxBook.MAX_COLUMNS; i++) {
                    cells.add("");
                }
                return;
            }
            for (int i = 0; i < Math.min(columnRepeat, MAX_REPEAT) && cells.size() < XlsxBook.MAX_COLUMNS; i++) {
                cells.add(v);
            }
        }

        void endRow() {
            int last = cells.size() - 1;
            while (last >= 0 && cells.get(last).isEmpty()) {
                last--;
            }
            if (last < 0 || csv.size() > MAX_TEXT) {
                cells.clear();
                return; // an empty row (however often repeated) is left out, as in a workbook
            }
            byte[] b = SheetCsv.line(cells, last + 1).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < Math.min(rowRepeat, MAX_REPEAT); i++) {
                csv.writeBytes(b);
                rows++;
            }
            cells.clear();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
