package org.mburoja.leaks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.SecretKey;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.SecretSeal;
import org.mburoja.leak.LeakScanner;
import org.mburoja.leak.ReportJson;
import org.mburoja.leak.ScanOptions;
import org.mburoja.leak.ScanProgress;
import org.mburoja.leak.ScanReport;
import org.mburoja.leak.ValueLines;
import org.mburoja.leaks.LeakScanJobs;
import org.mburoja.leaks.ScanJob;
import org.mburoja.leaks.ValuesUnavailable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scan jobs in the database, run one at a time on a background thread (a scan is CPU-bound; two would only share
 * the cores). The upload is streamed to the work directory encrypted: with the configured dump key when the analyst
 * keeps the dump, else with a key held in memory for the job only, the file being deleted when the scan ends. A
 * server path must lie under the import directory, so the API cannot be used to read arbitrary server files.
 */
@Service
class JdbcLeakScanJobs implements LeakScanJobs, DisposableBean {

    private static final String COLUMNS = "id, source_name, source_kind, status, bytes_total, bytes_done, created_by, "
            + "created_at, finished_at, error, distinct_nids, distinct_persons, risk_level, dump_stored";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final LeakAccess access;
    private final TransactionTemplate tx;
    private final Path workDir;
    private final Path importDir;
    private final String configuredDumpKey;
    private final Path dumpKeyFile;
    private volatile SecretKey dumpKey;
    private final long maxUploadBytes;
    /** How deep the import directory is listed, and how many of its files at most are looked at (in walk order). */
    private static final int IMPORT_DEPTH = 4;
    private static final int MAX_IMPORT_LISTING = 10_000;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leak-scan");
        t.setDaemon(true);
        return t;
    });

    JdbcLeakScanJobs(JdbcClient jdbc, AuditLog audit, LeakAccess access, TransactionTemplate tx,
                     @Value("${mburoja.leaks.work-dir:${mburoja.home:./data}/leaks}") String workDir,
                     @Value("${mburoja.leaks.import-dir:}") String importDir,
                     @Value("${mburoja.leaks.dump-key:}") String dumpKey,
                     @Value("${mburoja.home:./data}") String home,
                     @Value("${mburoja.leaks.max-upload-bytes:68719476736}") long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        this.jdbc = jdbc;
        this.audit = audit;
        this.access = access;
        this.tx = tx;
        this.workDir = Path.of(workDir).toAbsolutePath().normalize();
        this.importDir = importDir.isBlank() ? null : Path.of(importDir).toAbsolutePath().normalize();
        this.configuredDumpKey = dumpKey;
        this.dumpKeyFile = Path.of(home).resolve("keys").resolve("dumps.key");
    }

    @Override
    public ScanJob submitUpload(Actor actor, String fileName, InputStream content, boolean keepDump,
                                long expectedBytes) {
        access.require(actor, true, "upload a dump");
        String name = cleanName(fileName);
        if (expectedBytes > maxUploadBytes) {
            throw new IllegalArgumentException("the upload of " + name + " (" + expectedBytes + " bytes) is larger "
                    + "than the limit of " + maxUploadBytes + " bytes (mburoja.leaks.max-upload-bytes); put it in "
                    + "the import directory and scan it from there");
        }

        UUID id = UUID.randomUUID();
        SecretKey key = keepDump ? dumpKey() : DumpVault.ephemeralKey();
        Path file = workDir.resolve(id + ".dump");
        long size;
        try {
            Files.createDirectories(workDir);
            try (OutputStream out = Files.newOutputStream(file)) {
                size = DumpVault.encrypt(key, new UploadLimit(content, maxUploadBytes), out);
            }
        } catch (UploadLimit.TooLarge e) {
            deleteQuietly(file);
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("upload of " + name + " failed: " + e.getMessage(), e);
        }
        if (expectedBytes >= 0 && size != expectedBytes) {
            deleteQuietly(file);
            throw new IllegalArgumentException("the upload of " + name + " ended after " + size + " of the "
                    + expectedBytes + " bytes announced; nothing was kept or scanned");
        }
        if (size == 0) {
            deleteQuietly(file);
            throw new IllegalArgumentException("the upload of " + name + " is empty: send the dump's bytes as the "
                    + "request body");
        }
        ScanJob job = insert(actor, id, name, ScanJob.Source.UPLOAD, size, keepDump, keepDump ? file : null, null);
        runner.submit(() -> run(actor, id, name, size, () -> DumpVault.decrypt(key, Files.newInputStream(file)),
                keepDump ? null : file));
        return job;
    }

    @Override
    public ScanJob submitServerPath(Actor actor, String relativePath) {
        access.require(actor, true, "scan a server file");
        if (importDir == null) {
            throw new IllegalArgumentException("no import directory is configured (mburoja.leaks.import-dir)");
        }
        Path p = importDir.resolve(relativePath).normalize();
        if (!p.startsWith(importDir) || !Files.isRegularFile(p)) {
            throw new IllegalArgumentException("not a file under the import directory: " + relativePath);
        }
        long size;
        long modified;
        try {
            size = Files.size(p);
            modified = Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UUID id = UUID.randomUUID();
        String name = importDir.relativize(p).toString();
        ScanJob job = insert(actor, id, name, ScanJob.Source.SERVER_PATH, size, false, null, modified);
        runner.submit(() -> run(actor, id, name, size, () -> Files.newInputStream(p), null));
        return job;
    }

    /**
     * The key kept dumps are encrypted with: {@code mburoja.leaks.dump-key} when configured, else the one in
     * {@code <mburoja.home>/keys/dumps.key}, created on first use (the zero-setup default; a production server should
     * take it from its secret store, away from the dumps).
     */
    private SecretKey dumpKey() {
        SecretKey k = dumpKey;
        if (k == null) {
            synchronized (this) {
                k = dumpKey;
                if (k == null) {
                    k = DumpVault.key(SecretSeal.key(configuredDumpKey, "mburoja.leaks.dump-key", dumpKeyFile));
                    dumpKey = k;
                }
            }
        }
        return k;
    }

    @Override
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    @Override
    public boolean hasImportDirectory() {
        return importDir != null;
    }

    @Override
    public List<ImportFile> importFiles(Actor actor, int limit) {
        access.require(actor, false, "list the import directory");
        if (importDir == null || limit <= 0 || !Files.isDirectory(importDir)) {
            return List.of();
        }
        List<ImportFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(importDir, Set.of(), IMPORT_DEPTH + 1, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                    return !dir.equals(importDir) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    if (a.isRegularFile() && !hidden(f)) {
                        files.add(new ImportFile(importDir.relativize(f).toString().replace('\\', '/'), a.size(),
                                a.lastModifiedTime().toInstant()));
                    }
                    // a directory of millions of files is not walked to its end for a page
                    return files.size() < MAX_IMPORT_LISTING ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable entries are not offered
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the import directory: " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(ImportFile::modified).reversed()
                .thenComparing(ImportFile::path));
        return files.size() > limit ? List.copyOf(files.subList(0, limit)) : List.copyOf(files);
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private ScanJob insert(Actor actor, UUID id, String name, ScanJob.Source source, long size, boolean stored,
                           Path file, Long sourceModified) {
        Instant now = Instant.now();
        return tx.execute(s -> {
            jdbc.sql("INSERT INTO leak_scan_jobs (id, source_name, source_kind, status, bytes_total, bytes_done, "
                            + "created_by, organisation_id, created_at, dump_stored, dump_file, source_modified_ms) "
                            + "VALUES (?, ?, ?, 'QUEUED', ?, 0, ?, ?, ?, ?, ?, ?)")
                    .params(id, name, source.name(), size, actor.username(),
                            actor.organisation() == null ? null : actor.organisation().toString(),
                            Timestamp.from(now), stored, file == null ? null : file.toString(), sourceModified)
                    .update();
            audit.append(actor, "leaks.scan-submitted", "leak_scan", id.toString(), null,
                    Map.of("source", name, "kind", source.name(), "bytes", size, "dumpStored", stored));
            return load(id).orElseThrow();
        });
    }

    interface Opener {
        InputStream open() throws IOException;
    }

    private void run(Actor actor, UUID id, String name, long size, Opener opener, Path deleteAfter) {
        jdbc.sql("UPDATE leak_scan_jobs SET status = 'RUNNING' WHERE id = ?").param(id).update();
        long[] lastUpdate = {0};
        try (InputStream in = opener.open()) {
            ScanReport r = new LeakScanner(ScanOptions.defaults()).scan(name, in, size, (done, total, f) -> {
                long now = System.nanoTime();
                if (now - lastUpdate[0] > 500_000_000L) {
                    lastUpdate[0] = now;
                    jdbc.sql("UPDATE leak_scan_jobs SET bytes_done = ? WHERE id = ?").params(done, id).update();
                }
            });
            String json = ReportJson.write(r);
            tx.executeWithoutResult(s -> {
                jdbc.sql("UPDATE leak_scan_jobs SET status = 'DONE', bytes_done = ?, finished_at = ?, "
                                + "distinct_nids = ?, distinct_persons = ?, risk_level = ?, report_json = ? WHERE id = ?")
                        .params(r.bytes(), Timestamp.from(Instant.now()), r.distinctNids(), r.distinctPersons(),
                                r.risk().level().name(), json, id)
                        .update();
                audit.append(actor, "leaks.scan-finished", "leak_scan", id.toString(), null,
                        Map.of("distinctPersons", r.distinctPersons(), "risk", r.risk().level().name()));
            });
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            tx.executeWithoutResult(s -> {
                jdbc.sql("UPDATE leak_scan_jobs SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ?")
                        .params(Timestamp.from(Instant.now()), why.length() > 1900 ? why.substring(0, 1900) : why, id)
                        .update();
                audit.append(actor, "leaks.scan-failed", "leak_scan", id.toString(), null, Map.of("error", why));
            });
        } finally {
            if (deleteAfter != null) {
                deleteQuietly(deleteAfter);
            }
        }
    }

    @Override
    public Optional<ScanJob> find(Actor actor, UUID id) {
        access.require(actor, false, "read scan jobs");
        return load(id);
    }

    @Override
    public List<ScanJob> list(Actor actor, int limit) {
        access.require(actor, false, "read scan jobs");
        return jdbc.sql("SELECT " + COLUMNS + " FROM leak_scan_jobs ORDER BY created_at DESC LIMIT ?")
                .param(Math.max(1, Math.min(limit, 500))).query(JdbcLeakScanJobs::map).list();
    }

    @Override
    public Optional<String> report(Actor actor, UUID id) {
        access.require(actor, false, "read scan reports");
        Optional<String> json = jdbc.sql("SELECT report_json FROM leak_scan_jobs WHERE id = ?").param(id)
                .query(String.class).optional();
        json.ifPresent(j -> tx.executeWithoutResult(s ->
                audit.append(actor, "leaks.report-read", "leak_scan", id.toString(), null, null)));
        return json;
    }

    @Override
    public ValueExport values(Actor actor, UUID id, String reason) {
        access.require(actor, true, "read the unmasked values of a scan");
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 10 || why.length() > 500) {
            throw new IllegalArgumentException("a reason of 10 to 500 characters is required to read unmasked values "
                    + "(it is kept in the audit log), got " + why.length());
        }
        ScanJob job = load(id).orElseThrow(() -> new java.util.NoSuchElementException("no scan job " + id));
        if (job.status() != ScanJob.Status.DONE) {
            throw new ValuesUnavailable("scan " + id + " is " + job.status()
                    + ": its values can be listed once it is done");
        }
        Opener opener = dumpOf(job);
        tx.executeWithoutResult(s -> audit.append(actor, "leaks.values-read", "leak_scan", id.toString(), null,
                Map.of("reason", why, "source", job.sourceName())));
        return out -> {
            var keepOpen = new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            ValueLines values = new ValueLines(new java.io.BufferedWriter(
                    new java.io.OutputStreamWriter(keepOpen, java.nio.charset.StandardCharsets.UTF_8), 1 << 16));
            try (InputStream in = opener.open()) {
                new LeakScanner(ScanOptions.defaults().withListener(values)).scan(job.sourceName(), in,
                        job.bytesTotal(), ScanProgress.NONE);
            } finally {
                values.close();
            }
        };
    }

    /**
     * How to read a finished scan's dump again: its kept encrypted copy (whose GCM tags show any change), or the file
     * it was read from while it has the size and last-modified time it had (no digest of it is kept: an edit that
     * keeps both, such as a copy with its time preserved, is not seen).
     */
    private Opener dumpOf(ScanJob job) {
        if (job.source() == ScanJob.Source.SERVER_PATH) {
            Path p = importDir == null ? null : importDir.resolve(job.sourceName()).normalize();
            long size;
            long modified;
            try {
                boolean there = p != null && p.startsWith(importDir) && Files.isRegularFile(p);
                size = there ? Files.size(p) : -1;
                modified = there ? Files.getLastModifiedTime(p).toMillis() : -1;
            } catch (IOException e) {
                size = modified = -1;
            }
            Long then = jdbc.sql("SELECT source_modified_ms FROM leak_scan_jobs WHERE id = ?").param(job.id())
                    .query(Long.class).optional().orElse(null);
            if (size < 0) {
                throw new ValuesUnavailable("the server file " + job.sourceName() + " of scan " + job.id()
                        + " is gone: scan it again to list its values");
            }
            if (size != job.bytesTotal() || (then != null && modified != then)) {
                throw new ValuesUnavailable("the server file " + job.sourceName() + " of scan " + job.id()
                        + " changed since the scan (" + (size != job.bytesTotal()
                        ? job.bytesTotal() + " bytes then, " + size + " now"
                        : "modified " + Instant.ofEpochMilli(modified) + ", after the scan")
                        + "): scan it again to list its values");
            }
            return () -> Files.newInputStream(p);
        }
        String file = jdbc.sql("SELECT dump_file FROM leak_scan_jobs WHERE id = ?").param(job.id())
                .query(String.class).optional().orElse(null);
        if (!job.dumpStored() || file == null || !Files.isRegularFile(Path.of(file))) {
            throw new ValuesUnavailable("the dump of scan " + job.id() + " was not kept"
                    + ": upload it again with keepDump=true to list its values");
        }
        Path kept = Path.of(file);
        SecretKey key = dumpKey();
        return () -> DumpVault.decrypt(key, Files.newInputStream(kept));
    }

    Optional<ScanJob> load(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM leak_scan_jobs WHERE id = ?").param(id)
                .query(JdbcLeakScanJobs::map).optional();
    }

    private static ScanJob map(ResultSet rs, int row) throws SQLException {
        Timestamp fin = rs.getTimestamp("finished_at");
        return new ScanJob(rs.getObject("id", UUID.class), rs.getString("source_name"),
                ScanJob.Source.valueOf(rs.getString("source_kind")), ScanJob.Status.valueOf(rs.getString("status")),
                rs.getLong("bytes_total"), rs.getLong("bytes_done"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), fin == null ? null : fin.toInstant(),
                rs.getString("error"), (Long) rs.getObject("distinct_nids", Long.class),
                (Long) rs.getObject("distinct_persons", Long.class), rs.getString("risk_level"),
                rs.getBoolean("dump_stored"));
    }

    private static String cleanName(String fileName) {
        String n = fileName == null ? "" : Path.of(fileName.replace('\\', '/')).getFileName().toString().strip();
        if (n.isEmpty() || n.length() > 300) {
            throw new IllegalArgumentException("a file name of 1 to 300 characters is required");
        }
        return n;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the work directory is cleaned by the operator; nothing readable is left (the file is encrypted)
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
