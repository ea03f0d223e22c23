package org.mburoja.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixParseException;
import org.mburoja.stix.StixProblem;
import org.mburoja.stix.StixValidator;
import org.mburoja.stix.pattern.PatternParser;
import org.mburoja.stix.pattern.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mburoja stix ...}: STIX 2.1 tools that run on the engine alone (no Spring, no database), like OASIS's
 * stix2-validator and pattern validator.
 */
@Command(name = "stix", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "STIX 2.1 tools (no server needed).",
        subcommands = {StixCommand.Validate.class, StixCommand.Pattern.class, StixMatch.class})
public final class StixCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code mburoja stix validate}: checks bundles and objects, one line per problem. */
    @Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Validate STIX 2.1 bundles or objects (JSON files, '-' for standard input).",
                    "Prints one line per problem: <file>: <error|warning>: <object id> <property>: <message>.",
                    "Exit code 0: no errors; 1: errors found; 2: a file could not be read or is not JSON."})
    public static final class Validate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "<file|->", description = "STIX JSON files; '-' reads standard input.")
        List<String> files = new ArrayList<>();

        @Option(names = "--no-warnings", description = "Print errors only.")
        boolean noWarnings;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            StixValidator validator = new StixValidator();
            int code = 0;
            for (String file : files) {
                try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
                    List<StixProblem> problems = validator.validate(StixJson.read(in));
                    int errors = 0;
                    for (StixProblem p : problems) {
                        if (p.severity() == StixProblem.Severity.ERROR) {
                            errors++;
                        } else if (noWarnings) {
                            continue;
                        }
                        out.println(name(file) + ": " + p);
                    }
                    if (errors > 0) {
                        code = Math.max(code, 1);
                    } else {
                        out.println(name(file) + ": valid" + (problems.isEmpty() ? "" : " (with warnings)"));
                    }
                } catch (StixParseException e) {
                    err.println(name(file) + ": " + e.getMessage());
                    code = 2;
                } catch (IOException e) {
                    err.println(name(file) + ": cannot read: " + e.getMessage());
                    code = 2;
                }
            }
            out.flush();
            err.flush();
            return code;
        }

        private static String name(String file) {
            return file.equals("-") ? "<stdin>" : file;
        }
    }

    /** {@code mburoja stix pattern}: checks STIX patterns, one line per pattern. */
    @Command(name = "pattern", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Check STIX 2.1 patterns. Prints one line per pattern: 'valid' or 'invalid: <reason>'.",
                    "Exit code 0: all valid; 1: at least one invalid; 2: the file could not be read."})
    public static final class Pattern implements Callable<Integer> {

        /** A pattern file larger than this is refused rather than read into memory. */
        static final int MAX_PATTERN_FILE_BYTES = 64 * 1024 * 1024;

        @Spec
        CommandSpec spec;

        @Option(names = "--file", paramLabel = "<f>",
                description = "Read patterns from a file, one per line ('-' for standard input); blank lines skipped.")
        String file;

        @Parameters(arity = "0..*", paramLabel = "<pattern>", description = "Patterns to check.")
        List<String> patterns = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<String> all = new ArrayList<>();
            if (file != null) {
                try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
                    byte[] bytes = in.readNBytes(MAX_PATTERN_FILE_BYTES + 1);
                    if (bytes.length > MAX_PATTERN_FILE_BYTES) {
                        throw new IOException("larger than " + MAX_PATTERN_FILE_BYTES + " bytes");
                    }
                    new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).forEach(all::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    spec.commandLine().getErr().println(file + ": cannot read: " + e.getMessage());
                    spec.commandLine().getErr().flush();
                    return 2;
                }
            }
            all.addAll(patterns);
            if (all.isEmpty()) {
                spec.commandLine().getErr().println("no pattern given (arguments or --file)");
                spec.commandLine().getErr().flush();
                return 2;
            }
            int code = 0;
            for (String p : all) {
                try {
                    PatternParser.parse(p);
                    out.println("valid");
                } catch (PatternSyntaxException e) {
                    out.println("invalid: " + e.getMessage());
                    code = 1;
                }
            }
            out.flush();
            return code;
        }
    }
}
