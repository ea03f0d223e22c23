package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken, oversized and hostile input: a clear problem with its place, nothing already counted lost, no blow-up. */
class HostileInputTest {

    @TempDir
    Path tmp;

    @Test
    void reportsUnterminatedCsvQuoteAndStillCountsTheRows() throws Exception {
        ScanReport r = Fixtures.scan("hostile/broken-quote.csv");
        FileReport f = r.perFile().get(0);
        assertThat(f.problems()).anyMatch(p -> p.contains("line 3") && p.contains("unterminated quote"));
        assertThat(r.count(EntityType.NID)).as("rows before and inside the broken field").isEqualTo(4);
    }

    @Test
    void resynchronisesMalformedJsonLinesAndKeepsWhatWasCounted() throws Exception {
        ScanReport r = Fixtures.scan("hostile/malformed.jsonl");
        FileReport f = r.perFile().get(0);
        assertThat(f.problems()).anyMatch(p -> p.startsWith("line 3:"));
        assertThat(f.problems()).anyMatch(p -> p.startsWith("line 5:"));
        assertThat(r.distinctNids()).isEqualTo(4);
        assertThat(r.count(EntityType.PHONE)).isEqualTo(1);
        assertThat(r.count(EntityType.SALARY)).isEqualTo(1);
    }

    @Test
    void stopsAZipBombAtTheExpansionRatio() throws Exception {
        Path bomb = tmp.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.putNextEntry(new ZipEntry("zeros.txt"));
            z.write("J00101999W\n".getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        ScanReport r = Fixtures.scan(bomb, ScanOptions.defaults().withArchiveLimits(1L << 40, 100, 50, 1 << 20));
        assertThat(r.perFile()).anyMatch(f -> f.problems().stream().anyMatch(p -> p.contains("archive bomb")));
        assertThat(r.count(EntityType.NID)).as("what was read before the limit still counts").isEqualTo(1);
    }

    /** A gzip dump cut short (a partial download): every whole row before the cut counts, and the cut is reported. */
    @Test
    void countsEveryRowOfATruncatedGzipDumpBeforeTheCut() throws Exception {
        StringBuilder csv = new StringBuilder("emri,mbiemri,numri personal,shenim\n");
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            csv.append("Arben,Hoxha,J00101999W,").append(Long.toHexString(random.nextLong())).append('\n');
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(zipped)) {
            o.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = zipped.toByteArray();
        Path cut = tmp.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        ByteArrayOutputStream recoverable = new ByteArrayOutputStream();
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(cut))) {
            in.transferTo(recoverable);
        } catch (java.io.EOFException expected) {
            // the cut
        }
        String prefix = recoverable.toString(StandardCharsets.UTF_8);
        long rows = prefix.substring(0, prefix.lastIndexOf('\n') + 1).lines().count() - 1;
        assertThat(rows).isGreaterThan(5_000);
        ScanReport r = Fixtures.scan(cut, ScanOptions.defaults());
        assertThat(r.count(EntityType.NID)).as("rows before the cut").isBetween(rows, rows + 1);
        assertThat(r.perFile().get(0).problems()).anyMatch(p -> p.contains("ends early"));
    }

    @Test
    void stopsAGzipStreamAtTheTotalExpansionLimit() throws Exception {
        Path gz = tmp.resolve("big.txt.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            byte[] line = "Arben Hoxha J00101999W 0691234567\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 100_000; i++) {
                o.write(line);
            }
        }
        ScanReport r = Fixtures.scan(gz, ScanOptions.defaults().withArchiveLimits(1 << 20, 100, 1000, 1L << 40));
        assertThat(r.perFile().get(0).name()).endsWith("big.txt");
        assertThat(r.perFile().get(0).problems()).anyMatch(p -> p.contains("beyond the limit"));
        assertThat(r.count(EntityType.NID)).isBetween(1L, 40_000L);
    }

    @Test
    void refusesMoreArchiveEntriesThanTheLimitAndTooDeepNesting() throws Exception {
        Path many = tmp.resolve("many.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 20; i++) {
                z.putNextEntry(new ZipEntry("f" + i + ".txt"));
                z.write("J00101999W\n".getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        ScanReport r = Fixtures.scan(many, ScanOptions.defaults().withArchiveLimits(1L << 30, 5, 1000, 1L << 20));
        assertThat(r.count(EntityType.NID)).isEqualTo(5);
        assertThat(r.perFile()).anyMatch(f -> f.problems().stream().anyMatch(p -> p.contains("more than 5 entries")));

        byte[] inner = Files.readAllBytes(many);
        for (int depth = 0; depth < 4; depth++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                z.putNextEntry(new ZipEntry("nested" + depth + ".zip"));
                z.write(inner);
                z.closeEntry();
            }
            inner = out.toByteArray();
        }
        Path nested = tmp.resolve("nested.zip");
        Files.write(nested, inner);
        ScanReport n = Fixtures.scan(nested, ScanOptions.defaults());
        assertThat(n.perFile()).anyMatch(f -> f.problems().stream().anyMatch(p -> p.contains("nested deeper")));
    }

    @Test
    void scansBinaryJunkForFragmentsWithoutFailing() throws Exception {
        byte[] junk = new byte[3 << 20];
        new Random(7).nextBytes(junk);
        byte[] nid = " J00101999W ".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nid, 0, junk, 1 << 20, nid.length);
        Path bin = tmp.resolve("junk.bin");
        Files.write(bin, junk);
        ScanReport r = Fixtures.scan(bin, ScanOptions.defaults());
        assertThat(r.perFile().get(0).problems()).anyMatch(p -> p.contains("binary content"));
        assertThat(r.count(EntityType.NID)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void readsInvalidUtf8AsASingleBytePageAndKeepsTheIdentifiers() throws Exception {
        ScanReport r = Fixtures.scan("hostile/invalid-utf8.csv");
        assertThat(r.perFile().get(0).encoding()).isEqualTo("windows-1252");
        assertThat(r.count(EntityType.NID)).isEqualTo(3);
    }

    @Test
    void scansAGiantLineInPiecesWithBoundedMemory() throws Exception {
        Path giant = tmp.resolve("giant.txt");
        try (OutputStream o = Files.newOutputStream(giant)) {
            byte[] chunk = "Kontakt J00101999W cel 0691234567, ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 600; i++) {
                o.write(chunk);
            }
        }
        ScanReport r = Fixtures.scan(giant, ScanOptions.defaults().withMaxLineBytes(1 << 20));
        assertThat(r.perFile().get(0).problems()).anyMatch(p -> p.contains("longer than 1048576 bytes"));
        assertThat(r.count(EntityType.NID)).isBetween(599_000L, 600_000L);
    }

    @Test
    void failsWithAClearMessageForAMissingPath() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        Fixtures.scan(tmp.resolve("nope.csv"), ScanOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("nope.csv");
    }

    @Test
    void acceptsEmptyFilesAndBlankLines() throws Exception {
        Path empty = tmp.resolve("empty.csv");
        Files.write(empty, new byte[0]);
        Path blank = tmp.resolve("blank.jsonl");
        Files.writeString(blank, "\n\n\r\n");
        ScanReport r = new LeakScanner(ScanOptions.defaults()).scan(java.util.List.of(empty, blank),
                ScanProgress.NONE);
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.distinctPersons()).isZero();
        assertThat(r.perFile()).allMatch(f -> f.problems().isEmpty());
    }

    @Test
    void reportsJsonNestedDeeperThanTheLimitAndGoesOn() throws Exception {
        Path deep = tmp.resolve("deep.json");
        Files.writeString(deep, "[".repeat(5000) + "\n{\"numri_personal\": \"J00101999W\"}\n");
        ScanReport r = Fixtures.scan(deep, ScanOptions.defaults());
        assertThat(r.perFile().get(0).problems()).anyMatch(p -> p.contains("nested deeper than 256"));
        assertThat(r.count(EntityType.NID)).isEqualTo(1);
    }

    @Test
    void handlesAHeaderWithThousandsOfColumns() throws Exception {
        StringBuilder header = new StringBuilder("Emri,Mbiemri,Numri personal");
        StringBuilder row = new StringBuilder("Arben,Hoxha,J00101999W");
        for (int i = 0; i < 5000; i++) {
            header.append(",c").append(i);
            row.append(",x");
        }
        Path wide = tmp.resolve("wide.csv");
        Files.writeString(wide, header + "\n" + row + "\n");
        ScanReport r = Fixtures.scan(wide, ScanOptions.defaults());
        assertThat(r.count(EntityType.NID)).isEqualTo(1);
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(1);
    }

    @Test
    void readsLabelledLinesThatNeverEndABlockOrEndTheFile() throws Exception {
        // a block that never ends (100,000 phone lines after a name), closed by a number without a line end
        StringBuilder endless = new StringBuilder("Emri: Arben\nMbiemri: Hoxha\n");
        endless.append("Tel: 069 123 4567\n".repeat(100_000)).append("Numri personal: J00101999W");
        Path block = tmp.resolve("endless.txt");
        Files.writeString(block, endless);
        ScanReport r = Fixtures.scan(block, ScanOptions.defaults());
        assertThat(r.count(EntityType.PHONE)).isEqualTo(100_000);
        assertThat(r.count(EntityType.NID)).isEqualTo(1);
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(1);
        assertThat(r.perFile().get(0).records()).isEqualTo(1);
        assertThat(r.distinctPersons()).isEqualTo(1);

        // one line of 100,000 labels, and one of a million separators that start no label
        Path wide = tmp.resolve("wide.txt");
        Files.writeString(wide, "Emri: Arben, Mbiemri: Hoxha" + ", Tel: 069 123 4567".repeat(100_000) + "\n"
                + "Emri: Drita" + ",x:".repeat(1_000_000) + "\n");
        r = Fixtures.scan(wide, ScanOptions.defaults());
        assertThat(r.count(EntityType.PHONE)).isEqualTo(100_000);
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(1);
        assertThat(r.perFile().get(0).records()).isEqualTo(2);

        // one labelled line held back for the next, which never comes; a labelled line too long to hold; labels
        // without value; colons alone
        Path odd = tmp.resolve("odd.txt");
        Files.writeString(odd, "Emri:\n::::\nTel:   \r\nNumri personal: " + "x".repeat(10_000)
                + " K15105300V\nTel: 069 123 4567\n\nNr. ID: J00101999W");
        r = Fixtures.scan(odd, ScanOptions.defaults());
        assertThat(r.count(EntityType.NID)).isEqualTo(2);
        assertThat(r.count(EntityType.PHONE)).isEqualTo(1);
        assertThat(r.distinctNids()).isEqualTo(2);
        assertThat(r.perFile().get(0).problems()).isEmpty();
    }
}
