package org.mburoja.leaks.web;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mburoja.kernel.PdfText;
import org.mburoja.kernel.PdfText.Style;
import org.mburoja.leaks.Breach;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;

/**
 * A breach record as PDF for the data-protection authority's file, in the language of the page it was asked from
 * (English or Albanian): the key facts (source, discovery, controller, 72-hour deadline and whether it was met, risk,
 * persons affected, special categories), the scan's counts and risk reasons, and the decisions. Only masked samples
 * ever reach it (the report holds nothing else). Text in embedded fonts ({@link PdfText}: Albanian, the neighbours'
 * Latin and Cyrillic letters, Greek, and Georgian where the system has DejaVu); times are in Europe/Tirane. Built in
 * memory: a few tens of kilobytes per record, most of it the embedded glyphs.
 */
final class BreachPdf {

    private static final ZoneId ZONE = ZoneId.of("Europe/Tirane");
    private static final DateTimeFormatter FMT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(ZONE);

    private final MessageSource messages;
    private final Locale locale;

    private BreachPdf(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    static byte[] render(Breach b, LeakPages.ScanResults results, Instant now, MessageSource messages,
                         Locale locale) {
        return new BreachPdf(messages, locale).render(b, results, now);
    }

    private String t(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The label of a code ({@code leaks.entity.nid}), or the code itself when there is none. */
    private String label(String prefix, String code) {
        return messages.getMessage(prefix + code, null, code, locale);
    }

    private byte[] render(Breach b, LeakPages.ScanResults results, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter.getInstance(doc, out);
        doc.addTitle(t("leaks.pdf.title") + ": " + b.title());
        doc.addCreator("Mburoja");
        doc.open();
        doc.add(para(t("leaks.pdf.title"), Style.TITLE));
        doc.add(para(b.title(), Style.HEADING));
        doc.add(Chunk.NEWLINE);
        PdfPTable facts = new PdfPTable(new float[] {1.3f, 3});
        facts.setWidthPercentage(100);
        row(facts, t("leaks.pdf.record"), b.id().toString());
        row(facts, t("leaks.breach.status"), label("leaks.breach.status.", b.status().name()));
        row(facts, t("leaks.breach.source"), b.source());
        row(facts, t("leaks.pdf.discovered"), FMT.format(b.discoveredAt()));
        row(facts, t("leaks.breach.controller"), b.controllerName() == null ? t("leaks.pdf.unknown")
                : b.controllerName());
        row(facts, t("leaks.pdf.deadline"), t("leaks.pdf.deadline.value", FMT.format(b.authorityDeadline())));
        row(facts, t("leaks.pdf.notified"), b.authorityNotifiedAt() == null
                ? (b.authorityOverdue(now) ? t("leaks.pdf.notified.overdue")
                : t("leaks.pdf.notified.left", left(b.authorityTimeLeft(now))))
                : FMT.format(b.authorityNotifiedAt()));
        row(facts, t("leaks.job.risk"), b.riskLevel() == null ? t("leaks.pdf.not-assessed")
                : label("leaks.risk.", b.riskLevel().toLowerCase(Locale.ROOT)));
        row(facts, t("leaks.breach.persons"), b.personsAffected() == null ? t("leaks.pdf.unknown")
                : b.personsAffected().toString());
        row(facts, t("leaks.result.special"), b.specialCategories().isEmpty() ? t("leaks.result.special.none")
                : String.join(", ", b.specialCategories().stream().map(c -> label("leaks.special.", c)).toList()));
        row(facts, t("leaks.breach.subjects"), b.subjectsNotificationRequired()
                ? (b.subjectsNotifiedAt() == null ? t("leaks.pdf.subjects.pending")
                : t("leaks.pdf.subjects.notified", FMT.format(b.subjectsNotifiedAt())))
                : t("leaks.breach.subjects.not-required"));
        doc.add(facts);
        if (results != null) {
            doc.add(para(t("leaks.pdf.results"), Style.HEADING));
            doc.add(para(t("leaks.pdf.results.summary", results.files(), results.bytes(),
                    results.distinctNids(), results.distinctPersons()), Style.BODY));
            if (!results.reasons().isEmpty()) {
                List<String> reasons = results.reasons().stream().map(r -> r.code().isEmpty() ? r.text()
                        : messages.getMessage("leaks.reason." + r.code(), r.args(), r.text(), locale)).toList();
                doc.add(para(t("leaks.pdf.reasons") + ": " + String.join("; ", reasons), Style.BODY));
            }
            PdfPTable counts = new PdfPTable(new float[] {2, 1});
            counts.setWidthPercentage(60);
            counts.setHorizontalAlignment(PdfPTable.ALIGN_LEFT);
            head(counts, t("leaks.result.type"), t("leaks.pdf.occurrences"));
            for (Map.Entry<String, Long> e : results.entities().entrySet()) {
                row(counts, label("leaks.entity.", e.getKey()), e.getValue().toString());
            }
            doc.add(counts);
            List<LeakPages.ScanResults.FileSamples> broken = results.filesWithProblems();
            if (!broken.isEmpty()) {
                // a count for the authority must say when it covers only part of the dump
                doc.add(para(t("leaks.result.problems.summary", broken.size(), results.perFile().size()),
                        Style.BOLD));
                for (LeakPages.ScanResults.FileSamples f : broken) {
                    doc.add(para(f.name() + ": " + String.join("; ", f.problems()), Style.BODY));
                }
            }
        }
        doc.add(para(t("leaks.breach.decisions"), Style.HEADING));
        if (b.decisions().isEmpty()) {
            doc.add(para(t("leaks.pdf.decisions.none"), Style.BODY));
        } else {
            PdfPTable d = new PdfPTable(new float[] {1.3f, 1, 1.4f, 3});
            d.setWidthPercentage(100);
            head(d, t("leaks.pdf.when"), t("leaks.pdf.who"), t("leaks.breach.decision"), t("leaks.breach.note"));
            for (Breach.Decision x : b.decisions()) {
                d.addCell(new PdfPCell(phrase(FMT.format(x.at()), Style.BODY)));
                d.addCell(new PdfPCell(phrase(x.by(), Style.BODY)));
                d.addCell(new PdfPCell(phrase(label("leaks.decision.", x.kind().name()), Style.BODY)));
                d.addCell(new PdfPCell(phrase(x.note() == null ? "" : x.note(), Style.BODY)));
            }
            doc.add(d);
        }
        doc.add(Chunk.NEWLINE);
        doc.add(para(t("leaks.pdf.generated", FMT.format(now)), Style.BODY));
        doc.close();
        return out.toByteArray();
    }

    static String left(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    private static void row(PdfPTable t, String key, String value) {
        t.addCell(new PdfPCell(phrase(key, Style.BOLD)));
        t.addCell(new PdfPCell(phrase(value == null ? "" : value, Style.BODY)));
    }

    private static void head(PdfPTable t, String... names) {
        for (String n : names) {
            t.addCell(new PdfPCell(phrase(n, Style.BOLD)));
        }
    }

    private static Phrase phrase(String text, Style style) {
        return PdfText.phrase(text, style);
    }

    private static Paragraph para(String text, Style style) {
        return PdfText.paragraph(text, style);
    }
}
