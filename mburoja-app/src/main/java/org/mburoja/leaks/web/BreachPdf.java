package org.mburoja.leaks.web;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.mburoja.leaks.Breach;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A breach record as PDF for the data-protection authority's file: the key facts (source, discovery, controller,
 * 72-hour deadline and whether it was met, risk, persons affected, special categories), the scan's counts and the
 * decisions. Only masked samples ever reach it (the report holds nothing else). Helvetica (WinAnsi) covers English
 * and Albanian letters; times are in Europe/Tirane. Built in memory: a few kilobytes per record.
 */
final class BreachPdf {

    private static final ZoneId ZONE = ZoneId.of("Europe/Tirane");
    private static final DateTimeFormatter FMT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(ZONE);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);

    private BreachPdf() {
    }

    static byte[] render(Breach b, LeakPages.ScanResults results, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Breach record " + b.title());
        doc.addCreator("Mburoja");
        doc.open();
        doc.add(new Paragraph("Personal-data breach record", TITLE));
        doc.add(new Paragraph(b.title(), HEADING));
        doc.add(Chunk.NEWLINE);
        PdfPTable facts = new PdfPTable(new float[] {1.3f, 3});
        facts.setWidthPercentage(100);
        row(facts, "Record", b.id().toString());
        row(facts, "Status", b.status().name());
        row(facts, "Source", b.source());
        row(facts, "Discovered", FMT.format(b.discoveredAt()));
        row(facts, "Controller", b.controllerName() == null ? "unknown" : b.controllerName());
        row(facts, "Authority deadline", FMT.format(b.authorityDeadline()) + " (72 hours after discovery)");
        row(facts, "Authority notified", b.authorityNotifiedAt() == null
                ? (b.authorityOverdue(now) ? "NO - OVERDUE" : "not yet, " + left(b.authorityTimeLeft(now)) + " left")
                : FMT.format(b.authorityNotifiedAt()));
        row(facts, "Risk", b.riskLevel() == null ? "not assessed" : b.riskLevel());
        row(facts, "Persons affected", b.personsAffected() == null ? "unknown" : b.personsAffected().toString());
        row(facts, "Special categories", b.specialCategories().isEmpty() ? "none found"
                : String.join(", ", b.specialCategories()));
        row(facts, "Data subjects", b.subjectsNotificationRequired()
                ? (b.subjectsNotifiedAt() == null ? "notification required, not yet sent"
                : "notified " + FMT.format(b.subjectsNotifiedAt())) : "notification not required by risk");
        doc.add(facts);
        if (results != null) {
            doc.add(new Paragraph("Scan results", HEADING));
            doc.add(new Paragraph(results.files() + " file(s), " + results.bytes() + " bytes; distinct personal "
                    + "numbers " + results.distinctNids() + ", distinct persons " + results.distinctPersons(), BODY));
            if (!results.reasons().isEmpty()) {
                doc.add(new Paragraph("Risk reasons: " + String.join("; ", results.reasonTexts()), BODY));
            }
            PdfPTable counts = new PdfPTable(new float[] {2, 1});
            counts.setWidthPercentage(60);
            counts.setHorizontalAlignment(PdfPTable.ALIGN_LEFT);
            head(counts, "Entity type", "Occurrences");
            for (Map.Entry<String, Long> e : results.entities().entrySet()) {
                row(counts, e.getKey(), e.getValue().toString());
            }
            doc.add(counts);
        }
        doc.add(new Paragraph("Decisions", HEADING));
        if (b.decisions().isEmpty()) {
            doc.add(new Paragraph("none recorded", BODY));
        } else {
            PdfPTable d = new PdfPTable(new float[] {1.3f, 1, 1.4f, 3});
            d.setWidthPercentage(100);
            head(d, "When", "Who", "Decision", "Note");
            for (Breach.Decision x : b.decisions()) {
                d.addCell(new PdfPCell(new Phrase(FMT.format(x.at()), BODY)));
                d.addCell(new PdfPCell(new Phrase(x.by(), BODY)));
                d.addCell(new PdfPCell(new Phrase(x.kind().name(), BODY)));
                d.addCell(new PdfPCell(new Phrase(x.note() == null ? "" : x.note(), BODY)));
            }
            doc.add(d);
        }
        doc.add(Chunk.NEWLINE);
        doc.add(new Paragraph("Generated by Mburoja on " + FMT.format(now), BODY));
        doc.close();
        return out.toByteArray();
    }

    static String left(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    private static void row(PdfPTable t, String key, String value) {
        t.addCell(new PdfPCell(new Phrase(key, BOLD)));
        t.addCell(new PdfPCell(new Phrase(value == null ? "" : value, BODY)));
    }

    private static void head(PdfPTable t, String... names) {
        for (String n : names) {
            t.addCell(new PdfPCell(new Phrase(n, BOLD)));
        }
    }
}
