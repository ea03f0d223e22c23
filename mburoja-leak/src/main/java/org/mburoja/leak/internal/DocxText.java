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
 * A Word document or a PowerPoint deck (Office Open XML: {@code .docx}, {@code .docm}, {@code .pptx}) read as its
 * readers see it: the paragraphs of its body, headers, footers, notes and comments (of its slides and their notes)
 * as text (deleted text of tracked changes included: it has leaked too), and each table as a CSV file of its own, a
 * row a line, so that a list of people typed as a table is read by its header row like any table. WordprocessingML
 * and DrawingML name paragraphs, runs of text and tables alike ({@code w:p}/{@code a:p}, {@code w:t}/{@code a:t},
 * {@code w:tbl}/{@code a:tbl}), so one reader serves both. Embedded files (a workbook pasted into the letter) are
 * left to the caller. The XML is read by {@link XmlBytes}: no DTDs, no entities.
 */
public final class DocxText {

    /** Receives each table as CSV (UTF-8), and at the end the document's text (also for {@link OdfText}). */
    public interface Out {
        void table(String name, InputStream csv) throws IOException;

        void text(InputStream text) throws IOException;
    }

    private static final byte[] P = ascii("p");
    private static final byte[] T = ascii("t");
    private static final byte[] DEL_TEXT = ascii("delText");
    private static final byte[] TAB = ascii("tab");
    private static final byte[] BR = ascii("br");
    private static final byte[] CR = ascii("cr");
    private static final byte[] TBL = ascii("tbl");
    private static final byte[] TR = ascii("tr");
    private static final byte[] TC = ascii("tc");

    /** The text kept of a document (its tables apart): past it, the rest is left out and said. */
    private static final int MAX_TEXT = 256 << 20;

    private final String document;
    private final Out out;
    private final List<String> problems = new ArrayList<>();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream(1 << 16);
    private int tables;
    private boolean textCut;

    public DocxText(String document, Out out) {
        this.document = document;
        this.out = out;
    }

    /** The format of a zip that is a Word document ("docx") or a deck ("pptx"), by name or content types; or null. */
    public static String format(String archiveName, String firstEntry, byte[] head, int n) {
        String lower = archiveName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".docx") || lower.endsWith(".docm")) {
            return "docx";
        }
        if (lower.endsWith(".pptx") || lower.endsWith(".pptm")) {
            return "pptx";
        }
        if (!"[Content_Types].xml".equals(firstEntry)) {
            return null;
        }
        String types = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        return types.contains("wordprocessingml.document.main") ? "docx"
                : types.contains("presentationml.presentation.main") ? "pptx" : null;
    }

    /** Whether an entry belongs to the document's package (else it is a file of its own in the archive). */
    public static boolean isPackagePart(String entry) {
        return entry.equals("[Content_Types].xml") || entry.startsWith("_rels/") || entry.startsWith("docProps/")
                || entry.startsWith("word/") || entry.startsWith("ppt/") || entry.startsWith("customXml/");
    }

    /** Whether a part is embedded content to scan as a file of its own (a workbook, an OLE object). */
    public static boolean isEmbedded(String entry) {
        return entry.startsWith("word/embeddings/") || entry.startsWith("ppt/embeddings/");
    }

    /** Whether a part holds text: the body, headers, footers, notes, comments; a deck's slides and their notes. */
    public static boolean holdsText(String entry) {
        if (!entry.endsWith(".xml")) {
            return false;
        }
        if (entry.startsWith("ppt/")) {
            return entry.startsWith("ppt/slides/slide") || entry.startsWith("ppt/notesSlides/notesSlide")
                    || entry.startsWith("ppt/comments/");
        }
        if (!entry.startsWith("word/") || entry.indexOf('/', 5) >= 0) {
            return false;
        }
        String f = entry.substring(5);
        return f.equals("document.xml") || f.startsWith("header") || f.startsWith("footer")
                || f.equals("footnotes.xml") || f.equals("endnotes.xml") || f.equals("comments.xml");
    }

    public List<String> problems() {
        return problems;
    }

    /** Reads one text part; tables are handed on as they end. */
    public void part(String entry, InputStream in) throws IOException {
        Table table = null;
        int nested = 0; // tables inside a table's cell: their text joins the cell
        StringBuilder paragraph = new StringBuilder();
        boolean inText = false;
        try {
            XmlBytes x = new XmlBytes(in, SheetCells.MAX_CELL_BYTES);
            int ev;
            while ((ev = x.next()) != XmlBytes.EOF) {
                if (ev == XmlBytes.TEXT) {
                    if (inText && paragraph.length() < SheetCells.MAX_CELL_BYTES) {
                        paragraph.append(new String(x.text(), 0, x.textLength(), StandardCharsets.UTF_8));
                    }
                } else if (ev == XmlBytes.START) {
                    if (x.is(T) || x.is(DEL_TEXT)) {
                        inText = true;
                    } else if (x.is(TAB) || x.is(BR) || x.is(CR)) {
                        paragraph.append(' ');
                    } else if (x.is(TBL)) {
                        if (table == null) {
                            table = new Table();
                        } else {
                            nested++;
                        }
                    } else if (x.is(TR) && table != null && nested == 0) {
                        table.row();
                    }
                } else {
                    if (x.is(T) || x.is(DEL_TEXT)) {
                        inText = false;
                    } else if (x.is(P)) {
                        if (table != null) {
                            table.paragraph(paragraph);
                        } else {
                            line(paragraph);
                        }
                        paragraph.setLength(0);
                    } else if (x.is(TC) && table != null && nested == 0) {
                        table.cell();
                    } else if (x.is(TBL) && table != null) {
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
            problems.add(entry + ": the XML breaks at line " + e.line() + ", column " + e.column() + " ("
                    + e.getMessage() + "); the text before is scanned");
        }
        if (table != null) {
            emit(table);
        }
        line(paragraph);
    }

    /** The document's text, once its parts are read. */
    public void finish() throws IOException {
        if (textCut) {
            problems.add("more than " + MAX_TEXT + " bytes of text: the rest was not scanned");
        }
        out.text(new ByteArrayInputStream(text.toByteArray()));
    }

    private void line(CharSequence paragraph) {
        if (paragraph.isEmpty() || paragraph.toString().isBlank()) {
            return;
        }
        byte[] b = (paragraph + "\n").getBytes(StandardCharsets.UTF_8);
        if (text.size() + b.length > MAX_TEXT) {
            textCut = true;
            return;
        }
        text.writeBytes(b);
    }

    private void emit(Table t) throws IOException {
        t.row();
        if (t.rows == 0) {
            return;
        }
        tables++;
        out.table(document + "!/table " + tables, new ByteArrayInputStream(t.csv.toByteArray()));
    }

    /** A table being read: its rows as CSV. */
    private static final class Table {
        final ByteArrayOutputStream csv = new ByteArrayOutputStream();
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        int rows;

        void paragraph(CharSequence p) {
            if (!p.isEmpty() && cell.length() < SheetCells.MAX_CELL_BYTES) {
                if (!cell.isEmpty()) {
                    cell.append(' ');
                }
                cell.append(p);
            }
        }

        void cell() {
            cells.add(cell.toString().strip());
            cell.setLength(0);
        }

        /** Ends the row being read (if it has anything) and starts the next. */
        void row() {
            if (!cell.isEmpty()) {
                cell();
            }
            if (cells.stream().anyMatch(c -> !c.isEmpty()) && csv.size() < MAX_TEXT) {
                csv.writeBytes(SheetCsv.line(cells, cells.size()).getBytes(StandardCharsets.UTF_8));
                rows++;
            }
            cells.clear();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
