package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.Mburoja;

/** {@code mburoja scan} in-process: output keys, the JSON file, masking and errors. */
class ScanCommandTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;

    private static String sample() throws Exception {
        return Path.of(ScanCommandTest.class.getResource("leak-sample.csv").toURI()).toString();
    }

    @Test
    void printsTheJsonReportWithTheKeysTheIssueNames() throws Exception {
        int code = Mburoja.commandLine().execute("scan", "--format", "json", sample());
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(json).contains("\"files\": 1", "\"bytes\": ", "\"nid\": 3", "\"phone\": 3", "\"iban\": 1",
                "\"political_preference\": 3", "\"person_name\": 3", "\"rejected\": {\"nid\": 1}",
                "\"distinct_nids\": 2", "\"distinct_persons\": 2", "\"per_file\"", "\"risk\"");
        assertThat(json).doesNotContain("J00101999W").contains("J0****99W");
    }

    @Test
    void reportsTheScanningThreadsCpuOnStandardErrorAndKeepsStandardOutputTheReport() throws Exception {
        int code = Mburoja.commandLine().execute("scan", "--format", "json", sample());
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{").doesNotContain("CPU");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .containsPattern("mburoja scan: [0-9.]+ MB in [0-9.]+ s, [0-9.]+ s of CPU on the scanning thread \\([0-9.]+ MB/s per core\\)");
    }

    @Test
    void speedLineDividesMegabytesByCpuSeconds() {
        assertThat(ScanCommand.speed(1_073_700_000L, 7_988, 5_000_000_000L))
                .isEqualTo("mburoja scan: 1073.7 MB in 8.0 s, 5.00 s of CPU on the scanning thread (214.7 MB/s per core)");
    }

    @Test
    void writesTheJsonFileAndPrintsATableByDefault() throws Exception {
        Path report = tmp.resolve("report.json");
        int code = Mburoja.commandLine().execute("scan", sample(), "--json", report.toString());
        assertThat(code).isZero();
        assertThat(Files.readString(report)).contains("\"distinct_nids\": 2");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("people affected:", "political_opinion",
                "risk: HIGH");
    }

    @Test
    void writesEveryValueUnmaskedToTheValuesFileOnlyAndForItsOwnerOnly() throws Exception {
        Path values = tmp.resolve("values.jsonl");
        Files.writeString(values, "an older list, longer than the new one ".repeat(100));
        Files.setPosixFilePermissions(values, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        int code = Mburoja.commandLine().execute("scan", "--format", "json", "--values", values.toString(), sample());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Files.readAllLines(values);
        assertThat(lines).allMatch(l -> l.startsWith("{\"file\": ") && l.endsWith("}"));
        assertThat(lines).anyMatch(l -> l.contains("\"type\": \"nid\", \"value\": \"J00101999W\", \"valid\": true"))
                .anyMatch(l -> l.contains("\"value\": \"J00101999B\", \"valid\": false"))
                .anyMatch(l -> l.contains("\"type\": \"phone\", \"value\": \"+355 68 765 4321\""))
                .noneMatch(l -> l.contains("older list"));
        // a record's values together: the second row's person, named from its first-name and surname cells
        assertThat(lines.stream().filter(l -> l.contains("\"record\": 2,")))
                .anyMatch(l -> l.contains("\"type\": \"person_name\", \"value\": \"Elira Gashi\""))
                .anyMatch(l -> l.contains("\"type\": \"nid\", \"value\": \"I45203123S\""))
                .anyMatch(l -> l.contains("\"type\": \"phone\", \"value\": \"+355 68 765 4321\""))
                .noneMatch(l -> l.contains("J00101999W"));
        assertThat(lines.stream().filter(l -> l.contains("\"type\": \"nid\"") && l.contains("true"))).hasSize(3);
        assertThat(Files.getPosixFilePermissions(values))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(out.toString(StandardCharsets.UTF_8)).as("the report stays masked").doesNotContain("J00101999W");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(lines.size() + " values written unmasked to "
                + values);

        Path fresh = tmp.resolve("fresh.jsonl");
        assertThat(Mburoja.commandLine().execute("scan", "--values", fresh.toString(), sample())).isZero();
        assertThat(Files.getPosixFilePermissions(fresh))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAllLines(fresh)).isEqualTo(lines);
    }

    @Test
    void refusesAValuesFileItCannotWriteBeforeScanning() throws Exception {
        Path nowhere = tmp.resolve("no-such-dir").resolve("values.jsonl");
        int code = Mburoja.commandLine().execute("scan", "--format", "json", "--values", nowhere.toString(), sample());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write " + nowhere);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void failsWithExitCodeOneAndTheMissingPath() {
        int code = Mburoja.commandLine().execute("scan", tmp.resolve("missing.csv").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.csv");
    }

    @Test
    void scansADumpFromANamedPipeGivenByNameAsFromTheFile() throws Exception {
        int code = Mburoja.commandLine().execute("scan", "--format", "json", sample());
        assertThat(code).isZero();
        String fromFile = out.toString(StandardCharsets.UTF_8);
        out.reset();
        Path fifo = tmp.resolve("dump.pipe");
        Thread writer = StixMatchTest.pipe(fifo, Files.readAllBytes(Path.of(sample())));
        code = Mburoja.commandLine().execute("scan", "--format", "json", fifo.toString());
        writer.join(10_000);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String fromPipe = out.toString(StandardCharsets.UTF_8);
        assertThat(fromPipe.replace(fifo.toString(), "X").replaceAll("\"(elapsed|duration)[a-z_]*\": [0-9.]+", ""))
                .isEqualTo(fromFile.replace(sample(), "X").replaceAll("\"(elapsed|duration)[a-z_]*\": [0-9.]+", ""));
    }

    @Test
    void theProgressLineShowsAShareOfAKnownSizeAndTheBytesReadOfAPipe() {
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        ScanCommand.ProgressBar known = new ScanCommand.ProgressBar(new PrintStream(bar, true, StandardCharsets.UTF_8));
        known.advanced(50_000_000L, 100_000_000L, "/tmp/dump.csv");
        known.advanced(100_000_000L, 100_000_000L, "/tmp/dump.csv"); // the end is always drawn
        assertThat(bar.toString(StandardCharsets.UTF_8)).contains(" 50.0% ").contains("100.0% ").contains("dump.csv");

        ByteArrayOutputStream pipeBar = new ByteArrayOutputStream();
        ScanCommand.ProgressBar pipe = new ScanCommand.ProgressBar(new PrintStream(pipeBar, true, StandardCharsets.UTF_8));
        pipe.advanced(123_400_000L, -1, "/dev/fd/63");
        assertThat(pipeBar.toString(StandardCharsets.UTF_8)).contains("123.4 MB read").doesNotContain("%");
    }
}
