package org.mburoja.leaks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.leaks.LeakAccessDenied;
import org.mburoja.leaks.LeakActors;
import org.mburoja.leaks.LeakScanJobs;
import org.mburoja.leaks.ScanJob;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class LeakScanJobsIT {

    @Autowired
    LeakScanJobs scans;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Value("${mburoja.leaks.import-dir}")
    String importDir;

    @Value("${mburoja.leaks.dump-key}")
    String dumpKey;

    @Value("${mburoja.leaks.work-dir}")
    String workDir;

    static InputStream voters() {
        return LeakScanJobsIT.class.getResourceAsStream("/org/mburoja/leaks/voters.csv");
    }

    /** A copy of the voters fixture in the import directory, under a name of its own. */
    private Path imported() throws Exception {
        Path dir = Path.of(importDir);
        Files.createDirectories(dir);
        Path dump = dir.resolve("dump-" + UUID.randomUUID() + ".csv");
        try (InputStream in = voters()) {
            Files.copy(in, dump);
        }
        return dump;
    }

    /** A finished scan of a file of the import directory. */
    private ScanJob scannedImport(Actor analyst, Path dump) throws Exception {
        return LeakActors.awaitFinished(scans, analyst,
                scans.submitServerPath(analyst, dump.getFileName().toString()).id());
    }

    @Test
    void scansAnUploadInTheBackgroundStoresTheReportAndAuditsIt() throws Exception {
        Actor analyst = LeakActors.analyst();
        ScanJob queued = scans.submitUpload(analyst, "voters.csv", voters(), false);
        assertThat(queued.status()).isEqualTo(ScanJob.Status.QUEUED);
        ScanJob done = LeakActors.awaitFinished(scans, analyst, queued.id());
        assertThat(done.status()).as(done.error()).isEqualTo(ScanJob.Status.DONE);
        assertThat(done.distinctNids()).isEqualTo(2);
        assertThat(done.distinctPersons()).isEqualTo(2);
        assertThat(done.riskLevel()).isEqualTo("HIGH");
        assertThat(done.bytesDone()).isEqualTo(done.bytesTotal());
        assertThat(done.dumpStored()).isFalse();
        String report = scans.report(analyst, done.id()).orElseThrow();
        assertThat(report).contains("\"distinct_nids\": 2", "\"political_preference\": 3")
                .doesNotContain("J00101999W");
        assertThat(audit.search(new AuditFilter(analyst.username(), "leaks.", null, null, null, null), 0, 10))
                .extracting(e -> e.action())
                .contains("leaks.scan-submitted", "leaks.scan-finished", "leaks.report-read");
        String file = jdbc.sql("SELECT dump_file FROM leak_scan_jobs WHERE id = ?").param(done.id())
                .query(String.class).optional().orElse(null);
        assertThat(file).as("a dump not kept leaves no file").isNull();
    }

    @Test
    void keepsTheDumpOnlyEncryptedWithTheConfiguredKey() throws Exception {
        Actor analyst = LeakActors.analyst();
        ScanJob job = LeakActors.awaitFinished(scans, analyst, scans.submitUpload(analyst, "voters.csv", voters(), true).id());
        assertThat(job.dumpStored()).isTrue();
        Path file = Path.of(jdbc.sql("SELECT dump_file FROM leak_scan_jobs WHERE id = ?").param(job.id())
                .query(String.class).single());
        byte[] stored = Files.readAllBytes(file);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("J00101999W");
        byte[] plain = DumpVault.decrypt(DumpVault.key(Base64.getDecoder().decode(dumpKey)),
                Files.newInputStream(file)).readAllBytes();
        assertThat(new String(plain, StandardCharsets.UTF_8)).contains("J00101999W");
    }

    @Test
    void scansAServerFileOnlyUnderTheImportDirectory() throws Exception {
        Actor analyst = LeakActors.analyst();
        ScanJob job = scannedImport(analyst, imported());
        assertThat(job.distinctNids()).isEqualTo(2);
        assertThat(job.source()).isEqualTo(ScanJob.Source.SERVER_PATH);
        assertThatThrownBy(() -> scans.submitServerPath(analyst, "../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a file under");
    }

    @Test
    void deniesOperatorsAndReadOnlyTokensAndAuditsTheDenial() {
        Actor operator = LeakActors.operator();
        assertThatThrownBy(() -> scans.submitUpload(operator, "x.csv", voters(), false))
                .isInstanceOf(LeakAccessDenied.class);
        assertThatThrownBy(() -> scans.list(operator, 10)).isInstanceOf(LeakAccessDenied.class);
        Actor token = LeakActors.readOnlyToken();
        assertThat(scans.list(token, 10)).isNotNull();
        assertThatThrownBy(() -> scans.submitUpload(token, "x.csv", voters(), false))
                .isInstanceOf(LeakAccessDenied.class);
        assertThat(audit.search(new AuditFilter(operator.username(), "access.denied", null, null, null, null),
                0, 10)).hasSize(2);
    }

    @Test
    void listsTheUnmaskedValuesOfAKeptDumpWithAReasonAndAuditsTheReason() throws Exception {
        Actor analyst = LeakActors.analyst();
        ScanJob job = LeakActors.awaitFinished(scans, analyst, scans.submitUpload(analyst, "voters.csv", voters(), true).id());
        String reason = "notify the voters of breach " + UUID.randomUUID();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        scans.values(analyst, job.id(), reason).writeTo(out);
        java.util.List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anyMatch(l -> l.contains("\"type\": \"nid\", \"value\": \"J00101999W\", \"valid\": true"))
                .allMatch(l -> l.startsWith("{\"file\": \"voters.csv\""));
        assertThat(lines.stream().filter(l -> l.contains("\"type\": \"nid\"") && l.endsWith("true}")).count())
                .as("as many as the scan counted").isEqualTo(3);
        assertThat(audit.search(new AuditFilter(analyst.username(), "leaks.values-read", null, null, null, null),
                0, 10)).anySatisfy(e -> assertThat(e.toString()).contains(reason));
    }

    @Autowired
    LeakAccess access;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void keepsADumpWithAKeyOfItsOwnWhenNoneIsConfigured() throws Exception {
        // the zero-setup default (start-dev): no mburoja.leaks.dump-key, a key file under the data directory
        Path home = Files.createTempDirectory("mburoja-leak-home");
        JdbcLeakScanJobs plain = new JdbcLeakScanJobs(jdbc, audit, access, tx, home.resolve("leaks").toString(), "",
                "", home.toString(), 1 << 20);
        try {
            Actor analyst = LeakActors.analyst();
            ScanJob job = LeakActors.awaitFinished(plain, analyst,
                    plain.submitUpload(analyst, "voters.csv", voters(), true).id());
            assertThat(job.status()).as(job.error()).isEqualTo(ScanJob.Status.DONE);
            assertThat(job.dumpStored()).isTrue();
            Path key = home.resolve("keys/dumps.key");
            assertThat(Files.getPosixFilePermissions(key))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            try (var kept = Files.list(home.resolve("leaks"))) {
                Path file = kept.findFirst().orElseThrow();
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as("kept encrypted").doesNotContain("J00101999W");
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            plain.values(analyst, job.id(), "notify the voters of this breach").writeTo(out);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"value\": \"J00101999W\"");
        } finally {
            plain.destroy();
        }
    }

    @Test
    void listsTheValuesOfAServerFileOnlyWhileItIsTheFileThatWasScanned() throws Exception {
        Actor analyst = LeakActors.analyst();
        Path dump = imported();
        ScanJob job = scannedImport(analyst, dump);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        scans.values(analyst, job.id(), "notify the people of this dump").writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"value\": \"J00101999W\"");
        // the same bytes, touched: its time tells
        java.nio.file.attribute.FileTime scanned = Files.getLastModifiedTime(dump);
        Files.setLastModifiedTime(dump, java.nio.file.attribute.FileTime.fromMillis(scanned.toMillis() + 60_000));
        assertThatThrownBy(() -> scans.values(analyst, job.id(), "notify the people of this dump"))
                .isInstanceOf(org.mburoja.leaks.ValuesUnavailable.class).hasMessageContaining("modified");
        Files.setLastModifiedTime(dump, scanned);
        scans.values(analyst, job.id(), "notify the people of this dump").writeTo(new java.io.ByteArrayOutputStream());
        Files.writeString(dump, "\nI45203123S\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> scans.values(analyst, job.id(), "notify the people of this dump"))
                .isInstanceOf(org.mburoja.leaks.ValuesUnavailable.class).hasMessageContaining("changed since the scan");
        Files.delete(dump);
        assertThatThrownBy(() -> scans.values(analyst, job.id(), "notify the people of this dump"))
                .isInstanceOf(org.mburoja.leaks.ValuesUnavailable.class).hasMessageContaining("is gone");
    }

    @Test
    void refusesValuesWithoutAReasonOfADumpNotKeptAndToReadOnlyTokensAndOperators() throws Exception {
        Actor analyst = LeakActors.analyst();
        ScanJob notKept = LeakActors.awaitFinished(scans, analyst,
                scans.submitUpload(analyst, "voters.csv", voters(), false).id());
        assertThatThrownBy(() -> scans.values(analyst, notKept.id(), "notify the people"))
                .isInstanceOf(org.mburoja.leaks.ValuesUnavailable.class).hasMessageContaining("was not kept")
                .hasMessageContaining("keepDump=true");
        assertThatThrownBy(() -> scans.values(analyst, notKept.id(), "  because  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason of 10 to 500");
        assertThatThrownBy(() -> scans.values(analyst, notKept.id(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scans.values(analyst, UUID.randomUUID(), "notify the people"))
                .isInstanceOf(java.util.NoSuchElementException.class);
        assertThatThrownBy(() -> scans.values(LeakActors.readOnlyToken(), notKept.id(), "notify the people"))
                .isInstanceOf(LeakAccessDenied.class);
        Actor operator = LeakActors.operator();
        assertThatThrownBy(() -> scans.values(operator, notKept.id(), "notify the people"))
                .isInstanceOf(LeakAccessDenied.class);
        assertThat(audit.search(new AuditFilter(analyst.username(), "leaks.values-read", null, null, null, null),
                0, 50)).noneMatch(e -> e.toString().contains(notKept.id().toString()));
    }

    @Test
    void rejectsAnEmptyFileName() {
        assertThatThrownBy(() -> scans.submitUpload(LeakActors.analyst(), " ", voters(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file name");
    }

    @Test
    void refusesAnUploadLargerThanTheLimit() {
        byte[] big = new byte[2 << 20];
        assertThatThrownBy(() -> scans.submitUpload(LeakActors.analyst(), "big.csv",
                new java.io.ByteArrayInputStream(big), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than the limit");
    }
    /** The encrypted upload files in the work directory (one per job whose dump is there). */
    private java.util.Set<Path> workFiles() throws Exception {
        Path dir = Path.of(workDir);
        if (!Files.isDirectory(dir)) {
            return java.util.Set.of();
        }
        try (var files = Files.list(dir)) {
            return files.collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void refusesAnAnnouncedSizeOverTheLimitBeforeReadingAByte() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the upload was read");
            }
        };
        assertThatThrownBy(() -> scans.submitUpload(LeakActors.analyst(), "huge.sql", untouchable, false,
                5_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("huge.sql (5000000000 bytes) is larger than the limit of 1048576 bytes")
                .hasMessageContaining("import directory");
    }

    @Test
    void refusesAndDeletesAnUploadThatEndsShortOfItsAnnouncedSize() throws Exception {
        Actor analyst = LeakActors.analyst();
        int before = scans.list(analyst, 1000).size();
        var files = workFiles();
        byte[] dump = voters().readAllBytes();
        assertThatThrownBy(() -> scans.submitUpload(analyst, "cut.csv", new java.io.ByteArrayInputStream(dump), true,
                dump.length + 1000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut.csv ended after " + dump.length + " of the " + (dump.length + 1000)
                        + " bytes announced");
        assertThat(workFiles()).as("no encrypted copy left behind").allMatch(files::contains);
        assertThat(scans.list(analyst, 1000)).as("no job queued").hasSize(before);
        // the announced size, when it is right, is accepted
        ScanJob ok = LeakActors.awaitFinished(scans, analyst, scans.submitUpload(analyst, "whole.csv",
                new java.io.ByteArrayInputStream(dump), false, dump.length).id());
        assertThat(ok.status()).as(ok.error()).isEqualTo(ScanJob.Status.DONE);
    }

    @Test
    void refusesAnEmptyUpload() {
        assertThatThrownBy(() -> scans.submitUpload(LeakActors.analyst(), "empty.csv",
                new java.io.ByteArrayInputStream(new byte[0]), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.csv is empty");
    }

    @Test
    void listsTheImportDirectoryNewestFirstWithoutHiddenOrTooDeepFiles() throws Exception {
        Actor analyst = LeakActors.analyst();
        Path root = Files.createDirectories(Path.of(importDir).resolve("list-" + UUID.randomUUID()));
        Path old = Files.writeString(root.resolve("old.csv"), "a\n");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Path newer = Files.writeString(root.resolve("newer.jsonl"), "{}\n");
        Files.setLastModifiedTime(newer, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 120_000));
        Files.writeString(root.resolve(".hidden.csv"), "x\n");
        Path deep = Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(deep.resolve("three-down.csv"), "x\n");
        Path tooDeep = Files.createDirectories(root.resolve("a/b/c/d"));
        Files.writeString(tooDeep.resolve("four-down.csv"), "x\n");
        String base = root.getFileName().toString();
        var listed = scans.importFiles(analyst, 10_000).stream().map(LeakScanJobs.ImportFile::path)
                .filter(p -> p.startsWith(base + "/")).toList();
        assertThat(listed).containsExactly(base + "/newer.jsonl", base + "/old.csv", base + "/a/b/c/three-down.csv");
        assertThat(scans.importFiles(analyst, 1)).hasSize(1);
        assertThat(scans.importFiles(analyst, 0)).isEmpty();
        assertThatThrownBy(() -> scans.importFiles(LeakActors.operator(), 10))
                .isInstanceOf(LeakAccessDenied.class);
    }
}
