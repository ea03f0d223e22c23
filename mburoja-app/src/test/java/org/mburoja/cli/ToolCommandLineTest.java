package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.Mburoja;
import picocli.CommandLine;

/**
 * {@code main} runs an offline tool from a command line of that tool alone (cheaper to build than the whole tree):
 * for everything a user can type it must read, help, version and fail exactly as the tool does inside the tree.
 */
class ToolCommandLineTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static Stream<Arguments> typed() {
        List<Arguments> out = new ArrayList<>();
        for (String tool : List.of("hunt", "scan", "stix")) {
            out.add(Arguments.of(tool, new String[] {"--help"}));
            out.add(Arguments.of(tool, new String[] {"-h"}));
            out.add(Arguments.of(tool, new String[] {"--version"}));
            out.add(Arguments.of(tool, new String[] {"--no-such-option"}));
            out.add(Arguments.of(tool, new String[] {}));
        }
        out.add(Arguments.of("hunt", new String[] {"--rules"}));
        out.add(Arguments.of("hunt", new String[] {"--rules", "r", "--events", "e", "--output", "xml"}));
        out.add(Arguments.of("hunt", new String[] {"--rules", "r", "--events", "e", "--threads", "two"}));
        out.add(Arguments.of("hunt", new String[] {"--rules", "no/such/dir", "--events", "no/such/file"}));
        out.add(Arguments.of("scan", new String[] {"--format", "xml", "x"}));
        out.add(Arguments.of("scan", new String[] {"no/such/dump.csv"}));
        for (String sub : List.of("validate", "pattern", "match")) {
            out.add(Arguments.of("stix", new String[] {sub, "--help"}));
            out.add(Arguments.of("stix", new String[] {sub, "--version"}));
            out.add(Arguments.of("stix", new String[] {sub, "--bogus"}));
        }
        out.add(Arguments.of("stix", new String[] {"pattern", "[ipv4-addr:value = '1.2.3.4']"}));
        out.add(Arguments.of("stix", new String[] {"pattern", "[ipv4-addr:value = "}));
        out.add(Arguments.of("stix", new String[] {"nope"}));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("typed")
    void aToolAloneAnswersAsInTheWholeTree(String tool, String[] args) {
        String[] full = new String[args.length + 1];
        full[0] = tool;
        System.arraycopy(args, 0, full, 1, args.length);
        Outcome tree = run(Mburoja.commandLine(), full);
        Outcome alone = run(Mburoja.toolCommandLine(tool), full);
        assertThat(alone).isEqualTo(tree);
    }

    @Test
    void theToolsAndTheirSubcommandsPrintTheVersion() {
        for (String[] args : List.of(new String[] {"hunt", "--version"}, new String[] {"scan", "-V"},
                new String[] {"stix", "validate", "--version"}, new String[] {"admin", "--version"},
                new String[] {"--version"})) {
            Outcome o = run(Mburoja.commandLine(), args);
            assertThat(o.code()).isZero();
            assertThat(o.out()).as(String.join(" ", args)).startsWith("mburoja ").contains("running on Java");
        }
    }

    @Test
    void otherCommandsRunFromTheWholeTree() {
        assertThat(Mburoja.toolCommandLine("server")).isNull();
        assertThat(Mburoja.toolCommandLine("start-dev")).isNull();
        assertThat(Mburoja.toolCommandLine("--help")).isNull();
        assertThat(Mburoja.toolCommandLine("admin")).isNull();
    }
}
