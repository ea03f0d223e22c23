package org.mburoja.leak;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.mburoja.leak.internal.CompoundText;
import org.mburoja.leak.internal.CountingInputStream;
import org.mburoja.leak.internal.Diagnostics;
import org.mburoja.leak.internal.DocxText;
import org.mburoja.leak.internal.DumpReading;
import org.mburoja.leak.internal.ExpansionGuard;
import org.mburoja.leak.internal.FileTally;
import org.mburoja.leak.internal.MailText;
import org.mburoja.leak.internal.NameDictionary;
import org.mburoja.leak.internal.OdfText;
import org.mburoja.leak.internal.PdfText;
import org.mburoja.leak.internal.PersonIndex;
import org.mburoja.leak.internal.XlsBook;
import org.mburoja.leak.internal.XlsxBook;
import org.mburoja.leak.internal.ZipStream;

/**
 * Scans leaked dumps for Albanian personal data: files, directories, and gzip or zip archives (guarded against
 * decompression bombs), in CSV/TSV, Excel workbooks (.xlsx: each sheet a table), JSON/JSON lines, SQL dumps or free
 * text, streamed with bounded memory per file.
 * One instance may run many scans, one at a time per thread; it keeps no state between scans.
 *
 * <p>Cost: one pass over the bytes; memory is the line buffer (up to {@link ScanOptions#maxLineBytes()}) plus about
 * 40 bytes per distinct person for the person count.
 */
public final class LeakScanner {

    private final ScanOptions options;
    private final NameDictionary names = NameDictionary.standard();

    public LeakScanner(ScanOptions options) {
        this.options = options;
    }

    /** Scans files and directories (recursively, in name order). */
    public ScanReport scan(List<Path> inputs, ScanProgress progress) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.exists(p)) {
                files.add(p); // a regular file, or one named on purpose that streams: a pipe, /dev/fd/N, /dev/stdin
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "not a file or directory");
            }
        }
        long total = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                total = -1; // a stream's size is not known before it ends
                break;
            }
            total += Files.size(f);
        }
        Run run = new Run(total, progress);
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                run.stream(f.toString(), in);
            }
        }
        return run.report();
    }

    /** Scans one stream (an upload); {@code size} may be -1 when unknown. */
    public ScanReport scan(String name, InputStream in, long size, ScanProgress progress) throws IOException {
        Run run = new Run(size, progress);
        run.stream(name, in);
        return run.report();
    }

    /** The state of one scan. */
    private final class Run {
        final PersonIndex persons = new PersonIndex();
        final List<FileReport> reports = new ArrayList<>();
        final long[] expanded = new long[1];
        final long bytesTotal;
        final ScanProgress progress;
        final long started = System.nanoTime();
        final int latestYear;
        final int latestYmd;
        long bytesBefore;
        CountingInputStream raw;

        Run(long bytesTotal, ScanProgress progress) {
            this.bytesTotal = bytesTotal;
            this.progress = progress;
            LocalDate t = options.today();
            latestYear = t.getYear();
            latestYmd = t.getYear() * 10000 + t.getMonthValue() * 100 + t.getDayOfMonth();
        }

        void stream(String name, InputStream in) throws IOException {
            raw = new CountingInputStream(in, 4 << 20, n -> progress.advanced(bytesBefore + n, bytesTotal, name));
            entry(name, raw, 0);
            bytesBefore += raw.count();
            progress.advanced(bytesBefore, bytesTotal, name);
        }

        void entry(String name, InputStream in, int depth) throws IOException {
            BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
            byte[] head = new byte[1 << 16];
            bin.mark(head.length);
            int n = bin.readNBytes(head, 0, head.length);
            bin.reset();
            boolean gzip = n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
            if ((gzip || zip) && depth >= options.maxArchiveDepth()) {
                reports.add(problem(name, "archive nested deeper than " + options.maxArchiveDepth()
                        + " levels: not opened"));
                return;
            }
            if (gzip) {
                String inner = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name + "!/content";
                try {
                    file(inner, guard(new GZIPInputStream(bin, 1 << 16)), depth + 1);
                } catch (java.util.zip.ZipException e) {
                    reports.add(problem(name, "corrupt gzip data: " + e.getMessage()));
                } catch (ExpansionGuard.LimitExceeded e) {
                    if (depth > 0) {
                        throw e;
                    }
                }
                return;
            }
            if (zip) {
                zip(name, bin, depth);
                return;
            }
            if (XlsBook.isCompoundFile(head, n)) {
                compound(name, bin, depth);
                return;
            }
            if (PdfText.isPdf(head, n)) {
                pdf(name, bin, depth);
                return;
            }
            if (MailText.isMail(name, head, n)) {
                mail(name, bin, depth);
                return;
            }
            file(name, bin, depth);
        }

        /** A mailbox or a message: its decoded text as one file, each attachment as a file of its own. */
        private void mail(String name, InputStream in, int depth) throws IOException {
            int[] attachments = {0};
            MailText text = new MailText(in, (attachment, data) -> {
                if (++attachments[0] > options.maxArchiveEntries()) {
                    if (attachments[0] == options.maxArchiveEntries() + 1) {
                        reports.add(problem(name, "more than " + options.maxArchiveEntries() + " attachments: "
                                + "those after were not scanned (the messages' text was)"));
                    }
                } else if (depth + 1 >= options.maxArchiveDepth()) {
                    reports.add(problem(name + "!/" + attachment, "attachment nested deeper than "
                            + options.maxArchiveDepth() + " levels: not scanned"));
                } else {
                    try {
                        entry(name + "!/" + attachment, data, depth + 1);
                    } catch (ExpansionGuard.LimitExceeded e) {
                        reports.add(problem(name + "!/" + attachment, e.getMessage()));
                    }
                }
            });
            textFile(name, text, "mail");
        }

        /** A PDF: the text of its pages. */
        private void pdf(String name, InputStream in, int depth) throws IOException {
            long max = options.maxWorkbookBytes();
            byte[] bytes = XlsBook.readBounded(in, max);
            if (bytes.length > max) {
                reports.add(problem(name, "a PDF of more than " + max + " bytes, the memory a document may take: "
                        + "scanned as a binary file, not by its text"));
                file(name, new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(bytes), in), depth);
                return;
            }
            List<String> problems = new ArrayList<>();
            byte[] text = PdfText.text(bytes, problems);
            problems.forEach(p -> reports.add(problem(name, p)));
            if (text == null) {
                file(name, new java.io.ByteArrayInputStream(bytes), depth);
            } else if (text.length > 0) {
                textFile(name, new java.io.ByteArrayInputStream(text), "pdf");
            }
        }

        /** An OLE2 compound file: an Excel 97-2003 workbook is read by its sheets, any other as a binary file. */
        private void compound(String name, InputStream in, int depth) throws IOException {
            long max = options.maxWorkbookBytes();
            byte[] bytes = XlsBook.readBounded(in, max);
            if (bytes.length > max) {
                reports.add(problem(name, "an OLE2 (Office 97-2003) file of more than " + max + " bytes, the memory "
                        + "a workbook may take: scanned as a binary file, not by its sheets"));
                file(name, new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(bytes), in), depth);
                return;
            }
            XlsBook xls = new XlsBook(name, max, (sheet, csv) -> file(sheet, csv, "xls"));
            boolean read;
            try {
                read = xls.read(bytes);
            } finally {
                xls.problems().forEach(p -> reports.add(problem(name, p)));
            }
            if (!read) {
                office(name, bytes, depth);
            }
        }

        /** A Word, Outlook or PowerPoint 97-2003 file: the text of its streams, and its embedded files. */
        private void office(String name, byte[] bytes, int depth) throws IOException {
            List<String> problems = new ArrayList<>();
            byte[] text = CompoundText.text(bytes, (inner, data) -> {
                if (depth + 1 >= options.maxArchiveDepth()) {
                    reports.add(problem(name + "!/" + inner, "embedded deeper than " + options.maxArchiveDepth()
                            + " levels: not scanned"));
                } else {
                    entry(name + "!/" + inner, data, depth + 1);
                }
            }, problems);
            problems.forEach(p -> reports.add(problem(name, p)));
            if (text == null) {
                file(name, new java.io.ByteArrayInputStream(bytes), depth);
                return;
            }
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            String format = lower.endsWith(".doc") ? "doc" : lower.endsWith(".msg") ? "msg" : lower.endsWith(".ppt")
                    ? "ppt" : "ole2";
            textFile(name, new java.io.ByteArrayInputStream(text), format);
        }

        /** Text made by a container's reader (UTF-8), read as prose and reported in the container's format. */
        private void textFile(String name, InputStream text, String format) throws IOException {
            FileTally tally = new FileTally(name, options.listener(), names, latestYear, latestYmd,
                    persons.forFile());
            Diagnostics diag = new Diagnostics();
            DumpReading reading = new DumpReading(name, tally, diag, options.maxLineBytes(), format,
                    org.mburoja.leak.internal.DumpSniffer.Format.TEXT);
            reading.read(text);
            reports.add(report(tally, diag, reading));
            persons.absorb(tally.persons());
        }

        private InputStream guard(InputStream in) {
            return new ExpansionGuard(in, expanded, options.maxExpandedBytes(), options.maxExpansionRatio(),
                    options.ratioGraceBytes(), () -> bytesBefore + raw.count());
        }

        private void zip(String name, InputStream in, int depth) throws IOException {
            ZipStream z = new ZipStream(in);
            int entries = 0;
            OfficePackage office = null;
            try {
                for (ZipStream.Entry e; (e = z.next()) != null; ) {
                    String problem = z.takeProblem();
                    if (problem != null) {
                        reports.add(problem(name, problem));
                    }
                    if (e.directory()) {
                        continue;
                    }
                    if (++entries > options.maxArchiveEntries()) {
                        reports.add(problem(name, "more than " + options.maxArchiveEntries()
                                + " entries: the rest was not scanned"));
                        return;
                    }
                    if (e.encrypted() || e.method() != 0 && e.method() != 8) {
                        reports.add(problem(name + "!/" + e.name(), e.encrypted() ? "encrypted: not scanned"
                                : "compressed with method " + e.method() + ", which this scanner does not read: "
                                + "not scanned"));
                        continue;
                    }
                    InputStream entry = guard(z.data());
                    if (entries == 1) {
                        // an office document is known by its name or by its first part: content types, mimetype
                        byte[] head = new byte[1 << 16];
                        int n = "[Content_Types].xml".equals(e.name()) || "mimetype".equals(e.name())
                                ? entry.readNBytes(head, 0, head.length) : 0;
                        office = officePackage(name, e.name(), head, n);
                        entry = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head, 0, n), entry);
                    }
                    try {
                        if (office != null && office.owns(e.name())) {
                            office.part(e.name(), entry, depth);
                        } else {
                            entry(name + "!/" + e.name(), entry, depth + 1); // (also a zip named .xlsx that is none)
                        }
                    } catch (ExpansionGuard.LimitExceeded stop) {
                        return;
                    }
                }
                String problem = z.takeProblem();
                if (problem != null) {
                    reports.add(problem(name, problem));
                }
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                reports.add(problem(name, "corrupt zip archive: " + e.getMessage()));
            } finally {
                if (office != null) {
                    try {
                        office.finish(); // what it holds (sheets before their strings, a document's text) is scanned
                    } finally {
                        office.problems().forEach(p -> reports.add(problem(name, p)));
                    }
                }
            }
        }

        /** The reader of a zip that is an office document: the parts that are its own go to it. */
        private interface OfficePackage {
            /** Whether an entry is a part of the document (read or left out by it), not a file of the archive. */
            boolean owns(String entry);

            void part(String entry, InputStream in, int depth) throws IOException;

            /** Scans what it still holds; called once, also when the archive ends early. */
            void finish() throws IOException;

            List<String> problems();
        }

        /** Where a document's tables (as tables) and text (as prose) go, reported in the document's format. */
        private DocxText.Out documentOut(String name, String format) {
            return new DocxText.Out() {
                @Override
                public void table(String table, InputStream csv) throws IOException {
                    file(table, csv, format);
                }

                @Override
                public void text(InputStream text) throws IOException {
                    textFile(name, text, format);
                }
            };
        }

        /** The office document a zip is (an Excel workbook, a Word document or deck, an OpenDocument file), or null. */
        private OfficePackage officePackage(String name, String first, byte[] head, int n) {
            if (XlsxBook.isWorkbook(name, first, head, n)) {
                XlsxBook book = new XlsxBook(name, options.maxWorkbookBytes(), (sheet, csv) -> file(sheet, csv,
                        "xlsx"));
                return new OfficePackage() {
                    @Override
                    public boolean owns(String entry) {
                        return XlsxBook.isPackagePart(entry);
                    }

                    @Override
                    public void part(String entry, InputStream in, int depth) throws IOException {
                        if (XlsxBook.holdsText(entry)) {
                            file(name + "!/" + entry, in, null); // comments: text of their own
                        } else {
                            book.part(entry, in);
                        }
                    }

                    @Override
                    public void finish() throws IOException {
                        book.finish();
                    }

                    @Override
                    public List<String> problems() {
                        return book.problems();
                    }
                };
            }
            String odfFormat = OdfText.format(name, first, head, n);
            if (odfFormat != null) {
                OdfText odf = new OdfText(name, odfFormat, documentOut(name, odfFormat));
                return new OfficePackage() {
                    @Override
                    public boolean owns(String entry) {
                        return OdfText.isPackagePart(entry);
                    }

                    @Override
                    public void part(String entry, InputStream in, int depth) throws IOException {
                        if (entry.equals("content.xml")) {
                            odf.content(in);
                        }
                    }

                    @Override
                    public void finish() throws IOException {
                        odf.finish();
                    }

                    @Override
                    public List<String> problems() {
                        return odf.problems();
                    }
                };
            }
            String docFormat = DocxText.format(name, first, head, n);
            if (docFormat != null) {
                DocxText doc = new DocxText(name, documentOut(name, docFormat));
                return new OfficePackage() {
                    @Override
                    public boolean owns(String entry) {
                        return DocxText.isPackagePart(entry);
                    }

                    @Override
                    public void part(String entry, InputStream in, int depth) throws IOException {
                        if (DocxText.holdsText(entry)) {
                            doc.part(entry, in);
                        } else if (DocxText.isEmbedded(entry)) {
                            entry(name + "!/" + entry, in, depth + 1); // a workbook in the letter
                        }
                    }

                    @Override
                    public void finish() throws IOException {
                        doc.finish();
                    }

                    @Override
                    public List<String> problems() {
                        return doc.problems();
                    }
                };
            }
            return null;
        }

        private void file(String name, InputStream in, int depth) throws IOException {
            file(name, in, null);
        }

        /** One file, or a table taken out of a container ({@code sheetOf}: its format, e.g. "xlsx"). */
        private void file(String name, InputStream in, String sheetOf) throws IOException {
            FileTally tally = new FileTally(name, options.listener(), names, latestYear, latestYmd,
                    persons.forFile());
            Diagnostics diag = new Diagnostics();
            DumpReading reading = new DumpReading(name, tally, diag, options.maxLineBytes(), sheetOf);
            IOException stop = null;
            try {
                reading.read(in);
            } catch (ExpansionGuard.LimitExceeded e) {
                diag.add(0, e.getMessage() + "; counts cover the part read before");
                stop = e;
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                diag.add(0, "archive data ends early or is corrupt (" + e.getMessage()
                        + "); counts cover the part read before");
            }
            reports.add(report(tally, diag, reading));
            persons.absorb(tally.persons());
            if (stop != null) {
                throw stop;
            }
        }

        private FileReport report(FileTally t, Diagnostics diag, DumpReading r) {
            Map<EntityType, Long> found = new EnumMap<>(EntityType.class);
            Map<EntityType, Long> rejected = new EnumMap<>(EntityType.class);
            Map<EntityType, List<String>> samples = new EnumMap<>(EntityType.class);
            for (EntityType e : EntityType.values()) {
                found.put(e, t.found(e));
                if (t.rejected(e) > 0) {
                    rejected.put(e, t.rejected(e));
                }
                if (!t.samples(e).isEmpty()) {
                    samples.put(e, t.samples(e));
                }
            }
            return new FileReport(t.file(), r.format(), r.encoding(), r.bytes(), t.records(), found, rejected,
                    t.persons().distinctNids(), t.persons().distinctPersons(), samples, diag.messages());
        }

        private FileReport problem(String name, String message) {
            Map<EntityType, Long> zero = new EnumMap<>(EntityType.class);
            for (EntityType e : EntityType.values()) {
                zero.put(e, 0L);
            }
            return new FileReport(name, "archive", "-", 0, 0, zero, Map.of(), 0, 0, Map.of(), List.of(message));
        }

        ScanReport report() {
            Map<EntityType, Long> found = new EnumMap<>(EntityType.class);
            Map<EntityType, Long> rejected = new EnumMap<>(EntityType.class);
            for (EntityType e : EntityType.values()) {
                found.put(e, 0L);
            }
            for (FileReport f : reports) {
                f.entities().forEach((k, v) -> found.merge(k, v, Long::sum));
                f.rejected().forEach((k, v) -> rejected.merge(k, v, Long::sum));
            }
            long people = persons.distinctPersons();
            List<String> special = found.get(EntityType.POLITICAL_PREFERENCE) > 0
                    ? List.of("political_opinion") : List.of();
            return new ScanReport(reports.size(), bytesBefore, found, rejected, persons.distinctNids(), people,
                    special, RiskAssessment.of(found, people), List.copyOf(reports),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
