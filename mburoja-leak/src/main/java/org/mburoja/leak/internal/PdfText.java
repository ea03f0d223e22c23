package org.mburoja.leak.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a PDF (lists, registers and letters are leaked as PDFs as often as as tables), by Apache PDFBox
 * (decision 0007): the pages' text in reading order, a line of the page a line of text, so that a table printed to PDF
 * reads as rows. A PDF's text is in compressed streams, with fonts whose codes map to characters only through the
 * font's tables: a scan of its raw bytes finds nothing. The file is read whole from memory, and PDFBox's caches stay
 * in memory too (no temporary file holds a decrypted page). A PDF encrypted with a user password is reported, not
 * opened; one with only an owner password (printing or copying forbidden) is read. Pictures are not read: a scan of
 * paper has no text, and is said to have none.
 */
public final class PdfText {

    /** Held so that java.util.logging keeps their level (it holds loggers weakly). */
    private static final List<java.util.logging.Logger> QUIET = org.mburoja.leak.ScanOptions.QUIET_LOGGERS.stream()
            .map(java.util.logging.Logger::getLogger).toList();

    static {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.OFF)); // their warnings quote the file's bytes
    }

    private PdfText() {
    }

    /** Whether a file is a PDF: "%PDF-" in its first kilobyte (as readers accept it). */
    public static boolean isPdf(byte[] head, int n) {
        int end = Math.min(n, 1024) - 5;
        for (int i = 0; i <= end; i++) {
            if (head[i] == '%' && head[i + 1] == 'P' && head[i + 2] == 'D' && head[i + 3] == 'F' && head[i + 4] == '-') {
                return true;
            }
        }
        return false;
    }

    /** The text as UTF-8; null when the PDF cannot be read ({@code problems} says why). */
    public static byte[] text(byte[] pdf, List<String> problems) {
        try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBuffer(pdf), "", null, null,
                IOUtils.createMemoryOnlyStreamCache())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setPageEnd("\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, pdf.length / 2));
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                stripper.writeText(doc, w);
            }
            byte[] text = out.toByteArray();
            if (isBlank(text)) {
                problems.add("no text in its " + doc.getNumberOfPages() + " pages (a scan of paper? pictures are not "
                        + "read)");
            }
            return text;
        } catch (InvalidPasswordException e) {
            problems.add("encrypted PDF (a password is needed to open it): not scanned");
            return new byte[0];
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // a broken or hostile file: PDFBox gives up in many ways, none of them stopping the scan
            // (what PDFBox quotes of the file is left out: in a dump it is personal data, and reports are masked)
            String why = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().replaceAll("'[^']*'", "'...'").replaceAll("\"[^\"]*\"", "\"...\"");
            problems.add("not read as a PDF (" + (why.length() > 200 ? why.substring(0, 200) + "..." : why)
                    + "): scanned as a binary file");
            return null;
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                return false;
            }
        }
        return true;
    }
}
