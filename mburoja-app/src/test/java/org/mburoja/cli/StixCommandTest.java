package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.Mburoja;
import picocli.CommandLine;

/** The STIX tools run in-process without Spring. */
class StixCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Mburoja.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String fixture(String name) throws URISyntaxException {
        return Path.of(StixCommandTest.class.getResource("stix/" + name).toURI()).toString();
    }

    @Test
    void validBundleExitsZero() throws Exception {
        Run r = run("stix", "validate", fixture("valid-bundle.json"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("valid-bundle.json: valid");
    }

    @Test
    void reportsProblemWithObjectIdAndPropertyAndExitsNonZero() throws Exception {
        Run r = run("stix", "validate", fixture("valid-bundle.json"), fixture("indicator-with-bad-pattern.json"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("error: indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f pattern: at column 18");
    }

    @Test
    void truncatedAndGarbageFilesGetPositionedParseErrors() throws Exception {
        Run r = run("stix", "validate", fixture("truncated.json"), fixture("garbage.json"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("truncated.json: line").contains("garbage.json: line 1");
    }

    @Test
    void missingFileIsReportedNotThrown() {
        Run r = run("stix", "validate", "/nonexistent/bundle.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read");
    }

    @Test
    void deeplyNestedInputIsRefused(@TempDir Path dir) throws Exception {
        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "{\"a\":".repeat(200_000) + "1" + "}".repeat(200_000));
        Run r = run("stix", "validate", deep.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not valid JSON");
    }

    @Test
    void readsStandardInput() throws Exception {
        InputStream saved = System.in;
        try (InputStream in = Files.newInputStream(Path.of(fixture("valid-bundle.json")))) {
            System.setIn(in);
            assertThat(run("stix", "validate", "-").code()).isZero();
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void printsOneLinePerPatternAndFailsIfAnyIsInvalid() throws Exception {
        Run r = run("stix", "pattern", "--file", fixture("patterns.txt"), "[ipv4-addr:value = '198.51.100.1']");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().toList()).containsExactly("valid",
                "invalid: at column 19: keyword 'within' must be written in upper case: 'WITHIN'", "valid", "valid");
    }

    @Test
    void allValidPatternsExitZero() {
        Run r = run("stix", "pattern", "[file:name = 'a']", "[process:pid = 4] REPEATS 2 TIMES");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly("valid", "valid");
    }

    @Test
    void hostilePatternsAreInvalidNotCrashes() {
        String deep = "(".repeat(100_000) + "[a:b = 1]" + ")".repeat(100_000);
        String huge = "[file:name = '" + "x".repeat(2_000_000) + "']";
        Run r = run("stix", "pattern", deep, huge, "\u0000\u0001garbage");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines()).hasSize(3).allMatch(l -> l.startsWith("invalid: at column "));
    }

    @Test
    void noPatternIsAUsageError() {
        assertThat(run("stix", "pattern").code()).isEqualTo(2);
    }

    @Test
    void patternFromStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("[file:size = 1]\n[file:size = ]\n".getBytes(StandardCharsets.UTF_8)));
            Run r = run("stix", "pattern", "--file", "-");
            assertThat(r.out().lines().toList()).hasSize(2).first().isEqualTo("valid");
        } finally {
            System.setIn(saved);
        }
    }
}
