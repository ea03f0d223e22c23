package org.mburoja.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mburoja.leak.EntityType;
import org.mburoja.leak.FileReport;
import org.mburoja.leak.LeakScanner;
import org.mburoja.leak.ReportJson;
import org.mburoja.leak.ScanOptions;
import org.mburoja.leak.ScanProgress;
import org.mburoja.leak.ScanReport;
import org.mburoja.leak.ValueLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mburoja scan <path>...}: finds Albanian personal data in leaked dumps and counts the people affected. Runs
 * the leak engine directly (no Spring, no database), so it starts in well under a second. Samples are masked; the
 * unmasked values go only to a file named by {@code --values}.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Scan leaked dumps (CSV/TSV, Excel .xlsx/.xls, Word .docx/.doc, PDF, Outlook .msg, mailboxes, JSON/JSONL, SQL, text; gzip and zip) for Albanian personal data.",
                "Exit code 0: scanned; 1: an input could not be read; 2: usage error."})
public final class ScanCommand implements Callable<Integer> {

    /** Output format of the summary on standard output. */
    public enum Format { table, json }

    @Parameters(arity = "1..*", paramLabel = "<path>", description = "Files or directories to scan.")
    List<Path> paths;

    @Option(names = "--json", paramLabel = "<file>", description = "Also write the full JSON report to this file.")
    Path jsonFile;

    @Option(names = "--format", defaultValue = "table", description = "table (default) or json on standard output.")
    Format format;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @Option(names = "--values", paramLabel = "<file>", description = "Also write every value found or rejected, "
            + "unmasked, to this file: JSON lines of file, record, type, value and valid (a record's values are one "
            + "person's), readable by its owner only. It holds the dump's personal data in clear (for notifying the "
            + "people affected): keep it as safe as the dump. Reports keep masked samples.")
    Path valuesFile;

    @Override
    public Integer call() {
        quietParsers();
        ScanProgress progress = !noProgress && terminal() ? new ProgressBar(System.err) : ScanProgress.NONE;
        ValueLines values = null;
        if (valuesFile != null) {
            try {
                values = new ValueLines(ownerOnly(valuesFile));
            } catch (IOException e) {
                System.err.println("mburoja scan: cannot write " + valuesFile + ": " + e);
                return 1;
            }
        }
        ScanOptions options = values == null ? ScanOptions.defaults() : ScanOptions.defaults().withListener(values);
        ScanReport report;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        try {
            report = new LeakScanner(options).scan(paths, progress);
        } catch (IOException e) {
            System.err.println();
            System.err.println("mburoja scan: cannot read " + e.getMessage());
            closeQuietly(values);
            return 1;
        }
        if (progress != ScanProgress.NONE) {
            System.err.print("\r" + " ".repeat(78) + "\r");
        }
        long cpuNanos = cpuBefore < 0 ? -1 : threads.getCurrentThreadCpuTime() - cpuBefore;
        String json = ReportJson.write(report);
        if (jsonFile != null) {
            try {
                Files.writeString(jsonFile, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("mburoja scan: cannot write " + jsonFile + ": " + e.getMessage());
                return 1;
            }
        }
        if (format == Format.json) {
            System.out.print(json);
        } else {
            table(report, System.out);
        }
        if (values != null) {
            try {
                values.close();
                System.err.println("mburoja scan: " + values.written() + " values written unmasked to " + valuesFile
                        + " (personal data in clear: keep it as safe as the dump)");
            } catch (IOException e) {
                System.err.println("mburoja scan: cannot write " + valuesFile + " (after " + values.written()
                        + " values): " + e.getMessage());
                return 1;
            }
        }
        if (cpuNanos > 0) {
            System.err.println(speed(report.bytes(), report.elapsedMillis(), cpuNanos));
        }
        return 0;
    }

    /**
     * A new or emptied file that only its owner may read or write (where the file system has POSIX permissions), set
     * before anything is written to it.
     */
    static java.io.Writer ownerOnly(Path file) throws IOException {
        boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix");
        if (posix) {
            var rw = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
            if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(file, rw);
            } else {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(rw));
            }
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
    }

    private static void closeQuietly(ValueLines values) {
        if (values != null) {
            try {
                values.close();
            } catch (IOException ignored) {
                // the scan failed already; that error is the one reported
            }
        }
    }

    /** The cost of a scan on standard error, for sizing machines: wall time, and CPU time of the scanning thread. */
    static String speed(long bytes, long elapsedMillis, long cpuNanos) {
        double mb = bytes / 1e6;
        double cpu = cpuNanos / 1e9;
        return String.format(Locale.ROOT, "mburoja scan: %.1f MB in %.1f s, %.2f s of CPU on the scanning thread (%.1f MB/s per core)",
                mb, elapsedMillis / 1000.0, cpu, cpu == 0 ? 0 : mb / cpu);
    }

    /**
     * Whether standard error is a terminal. From JDK 22 {@code System.console()} exists even when output is
     * redirected, and {@code Console.isTerminal()} (not in the release-21 API we compile against) tells.
     */
    static boolean terminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static void table(ScanReport r, PrintStream out) {
        double mb = r.bytes() / 1e6;
        out.printf(Locale.ROOT, "Scanned %d file(s), %.1f MB in %.1f s (%.0f MB/s)%n", r.files(), mb,
                r.elapsedMillis() / 1000.0, r.elapsedMillis() == 0 ? 0 : mb / (r.elapsedMillis() / 1000.0));
        out.printf(Locale.ROOT, "%-22s %12s %10s%n", "entity", "found", "rejected");
        for (EntityType t : EntityType.values()) {
            long n = r.count(t);
            long rej = r.rejected().getOrDefault(t, 0L);
            if (n > 0 || rej > 0) {
                out.printf(Locale.ROOT, "%-22s %12d %10s%n", t.key(), n, rej == 0 ? "" : String.valueOf(rej));
            }
        }
        out.printf(Locale.ROOT, "distinct personal numbers: %d%npeople affected:           %d%n",
                r.distinctNids(), r.distinctPersons());
        if (!r.specialCategories().isEmpty()) {
            out.println("special categories (GDPR Art. 9): " + String.join(", ", r.specialCategories()));
        }
        out.println("risk: " + r.risk().level() + (r.risk().level().notifySubjects()
                ? " (data subjects must be notified)" : ""));
        for (String reason : r.risk().reasons()) {
            out.println("  - " + reason);
        }
        for (FileReport f : r.perFile()) {
            out.printf(Locale.ROOT, "%s: %s, %s, %d records, %d NIDs, %d people%n", f.name(), f.format(),
                    f.encoding(), f.records(), f.distinctNids(), f.distinctPersons());
            for (String p : f.problems()) {
                out.println("  ! " + p);
            }
        }
    }

    /** A one-line bar on standard error, redrawn at most every 200 ms. */
    static final class ProgressBar implements ScanProgress {
        private final PrintStream err;
        private final long started = System.nanoTime();
        private long lastDraw;

        ProgressBar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void advanced(long done, long total, String file) {
            long now = System.nanoTime();
            if (now - lastDraw < 200_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            double secs = Math.max(1e-3, (now - started) / 1e9);
            int width = 30;
            int filled = total > 0 ? (int) Math.min(width, done * width / total) : 0;
            String name = Path.of(file).getFileName().toString();
            if (name.length() > 20) {
                name = name.substring(0, 17) + "...";
            }
            if (total > 0) {
                err.printf(Locale.ROOT, "\r[%s%s] %5.1f%% %7.1f MB/s %-20s", "#".repeat(filled),
                        " ".repeat(width - filled), done * 100.0 / total, done / 1e6 / secs, name);
            } else { // a pipe: its size is not known, so the bytes read so far instead of a bar
                err.printf(Locale.ROOT, "\r%,12.1f MB read %7.1f MB/s %-20s", done / 1e6, done / 1e6 / secs, name);
            }
            err.flush();
        }
    }

    /**
     * PDFBox warns about every damaged object of a PDF and quotes the bytes it met, which in a dump are leaked personal
     * data: its loggers are off (the server's are off in application.yml; the engine turns java.util.logging's off).
     */
    static void quietParsers() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            for (String name : org.mburoja.leak.ScanOptions.QUIET_LOGGERS) {
                context.getLogger(name).setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }
}
