package org.mburoja.incidents.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.mburoja.incidents.internal.CaseViews.Case;
import org.mburoja.incidents.internal.CaseViews.CaseDetail;
import org.mburoja.kernel.PdfText;
import org.mburoja.kernel.PdfText.Style;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The case report as PDF: TLP banner, summary, timeline, observables and actions (tasks), times in the
 * jurisdiction's zone. Text in embedded fonts ({@link PdfText}), so titles, notes and observables in other scripts
 * print as they are (a Cyrillic look-alike letter in a domain stays visible). Built in memory: a case with thousands
 * of timeline entries makes a PDF of a few hundred kilobytes.
 */
public final class CaseReportPdf {

    private CaseReportPdf() {
    }

    public static byte[] render(CaseDetail d, ZoneId zone, String operatorName) {
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        Case c = d.summary();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter.getInstance(doc, out);
        doc.addTitle(c.number() + " " + c.title());
        doc.addCreator("Mburoja");
        doc.open();
        Paragraph banner = new Paragraph(PdfText.phrase(CaseFields.tlpName(c.tlp()) + "   PAP:" + c.pap(), 10,
                PdfText.Weight.BOLD, tlpColour(c.tlp())));
        banner.setAlignment(Element.ALIGN_RIGHT);
        doc.add(banner);
        doc.add(PdfText.paragraph("Case report " + c.number(), Style.TITLE));
        doc.add(PdfText.paragraph(c.title(), Style.HEADING));
        doc.add(Chunk.NEWLINE);

        PdfPTable summary = new PdfPTable(new float[] {1, 3});
        summary.setWidthPercentage(100);
        row(summary, "Status", c.status() + (c.closureReason() == null ? "" : " (" + c.closureReason() + ")"));
        row(summary, "Severity", c.severity());
        row(summary, "Operator", operatorName == null ? "-" : operatorName);
        row(summary, "Sector / class", nz(c.sector()) + " / " + nz(c.entityClass()));
        row(summary, "RSIT", c.rsitClass() == null ? "-" : c.rsitClass() + (c.rsitType() == null ? "" : " / " + c.rsitType()));
        row(summary, "ATT&CK", c.attackTechniques().isEmpty() ? "-" : String.join(", ", c.attackTechniques()));
        row(summary, "Cross-border", c.crossBorder() ? "yes" : "no");
        row(summary, "Assignee", nz(c.assignee()));
        row(summary, "Opened", fmt.format(c.createdAt()) + " by " + c.createdBy());
        if (c.closedAt() != null) {
            row(summary, "Closed", fmt.format(c.closedAt()));
        }
        doc.add(summary);
        if (c.description() != null) {
            doc.add(PdfText.paragraph("Summary", Style.HEADING));
            doc.add(PdfText.paragraph(c.description(), Style.BODY));
        }

        doc.add(PdfText.paragraph("Timeline", Style.HEADING));
        PdfPTable tl = table(new float[] {1.2f, 1, 4}, "When", "Who", "What");
        d.timeline().forEach(e -> cells(tl, fmt.format(e.eventAt()), e.actor(), (e.automatic() ? "" : "[manual] ") + e.text()));
        doc.add(tl);

        doc.add(PdfText.paragraph("Observables", Style.HEADING));
        PdfPTable obs = table(new float[] {1, 4, 2}, "Kind", "Value", "Note");
        d.observables().forEach(o -> cells(obs, o.kind(), o.value() + lookalike(o), nz(o.note())));
        doc.add(obs);

        doc.add(PdfText.paragraph("Actions", Style.HEADING));
        PdfPTable tasks = table(new float[] {4, 1.5f, 1.2f, 1}, "Task", "Assignee", "Due", "Done");
        d.tasks().forEach(t -> cells(tasks, t.title(), nz(t.assignee()), t.dueAt() == null ? "-" : fmt.format(t.dueAt()),
                t.done() ? "yes" : "no"));
        doc.add(tasks);

        doc.add(PdfText.paragraph("Evidence", Style.HEADING));
        PdfPTable ev = table(new float[] {2, 4, 1}, "File", "SHA-256", "Bytes");
        d.evidence().forEach(e -> cells(ev, e.filename(), e.sha256(), String.valueOf(e.sizeBytes())));
        doc.add(ev);
        doc.add(PdfText.paragraph("Generated " + fmt.format(Instant.now()) + " " + zone.getId(), Style.BODY));
        doc.close();
        return out.toByteArray();
    }

    private static PdfPTable table(float[] widths, String... headers) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setSpacingBefore(4);
        t.setHeaderRows(1);
        for (String h : headers) {
            PdfPCell cell = new PdfPCell(PdfText.phrase(h, Style.BOLD));
            cell.setBackgroundColor(new Color(230, 230, 230));
            t.addCell(cell);
        }
        return t;
    }

    private static void row(PdfPTable t, String k, String v) {
        t.addCell(new PdfPCell(PdfText.phrase(k, Style.BOLD)));
        t.addCell(new PdfPCell(PdfText.phrase(v, Style.BODY)));
    }

    private static void cells(PdfPTable t, String... values) {
        for (String v : values) {
            t.addCell(new PdfPCell(PdfText.phrase(v, Style.BODY)));
        }
    }

    private static Color tlpColour(String tlp) {
        return switch (tlp) {
            case "RED" -> new Color(0xFF, 0x2B, 0x2B);
            case "AMBER", "AMBER_STRICT" -> new Color(0xFF, 0xC0, 0x00);
            case "GREEN" -> new Color(0x33, 0xFF, 0x00);
            default -> Color.BLACK;
        };
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    /** What the value hides from a reader, on lines of its own under it (see {@link CaseViews.Observable#lookalike}). */
    static String lookalike(CaseViews.Observable o) {
        var f = o.lookalike();
        if (f == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (f.mixed()) {
            b.append("\n! Mixed scripts in one word, \"").append(f.word()).append("\" (").append(f.scripts())
                    .append("): the name may imitate another.");
        }
        if (f.unicode() != null) {
            b.append("\nReads as ").append(f.unicode()).append("; on the wire ").append(f.ascii());
        }
        return b.toString();
    }
}
