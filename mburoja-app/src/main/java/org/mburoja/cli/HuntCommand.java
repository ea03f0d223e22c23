package org.mburoja.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mburoja.sigma.Level;
import org.mburoja.sigma.hunt.Hunt;
import org.mburoja.sigma.hunt.HuntOptions;
import org.mburoja.sigma.hunt.HuntReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mburoja hunt}: offline hunting with Sigma rules over JSON-lines event files, without starting Spring.
 * Exit code 0 when the hunt ran (matches or not), 1 when it could not start, 2 on bad options.
 */
@Command(name = "hunt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Run Sigma rules over JSON-lines events, .json files or stdin holding one JSON array of "
                + "events, or pretty-printed events one after another as jq writes them (plain or gzip, UTF-8 or "
                + "UTF-16; files, directories or - for stdin).",
                "Prints matches (table, JSON lines or CSV) and a summary: rules loaded and rejected (with reasons), "
                        + "events read, malformed lines, matches per rule."})
public final class HuntCommand implements Callable<Integer> {

    @Option(names = "--rules", required = true, arity = "1..*", paramLabel = "<dir|file>",
            description = "Sigma rule files or directories (searched recursively for .yml/.yaml).")
    List<Path> rules;

    @Option(names = "--events", required = true, arity = "1..*", paramLabel = "<file|dir|->",
            description = "JSON-lines (or JSON array) event files, directories, or - for stdin.")
    List<String> events;

    @Option(names = "--mapping", paramLabel = "<yaml>",
            description = "Log-source mapping (e.g. sigma/logsource-mapping.yml). Without it every rule runs on every event.")
    Path mapping;

    @Option(names = "--min-level", paramLabel = "<level>",
            description = "Report only rules of this level or above: informational, low, medium, high, critical.")
    Level minLevel;

    @Option(names = "--threads", paramLabel = "<n>", description = "Detection threads (default: available processors).")
    Integer threads;

    @Option(names = "--output", paramLabel = "table|jsonl|csv", defaultValue = "table",
            description = "Match output: table (grouped by level and rule, default), jsonl, csv.")
    HuntOptions.Output output;

    @Option(names = "--summary-json", paramLabel = "<file>", description = "Write the summary as JSON to this file.")
    Path summaryJson;

    @Option(names = "--placeholders", paramLabel = "<yaml>",
            description = "Values for |expand placeholders: a YAML map of name to list of values.")
    Path placeholders;

    @Option(names = "--all-logsources",
            description = "With --mapping, also run rules whose log source the mapping does not describe, on every event.")
    boolean allLogSources;

    @Option(names = "--max-line", paramLabel = "<chars>", defaultValue = "16777216",
            description = "Longer event lines are skipped and counted as malformed (default 16 MiB).")
    int maxLine;

    @Option(names = "--rule-cache", paramLabel = "<file>",
            description = "Keep the parse results of unchanged rule files in this file between runs, to load faster "
                    + "(./mburoja keeps one in the build's run directory; see --no-rule-cache).")
    Path ruleCache;

    @Option(names = "--no-rule-cache", description = "Parse every rule file, without reading or writing a rule cache.")
    boolean noRuleCache;

    /** The system property through which the launcher names the rule cache of the build it runs. */
    static final String RULE_CACHE_PROPERTY = "mburoja.rule-cache";

    @Override
    public Integer call() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 256) {
            System.err.println("mburoja hunt: --threads must be between 1 and 256");
            return 2;
        }
        if (maxLine < 1024) {
            System.err.println("mburoja hunt: --max-line must be at least 1024");
            return 2;
        }
        Path cache = ruleCache;
        if (cache == null && System.getProperty(RULE_CACHE_PROPERTY) != null) {
            cache = Path.of(System.getProperty(RULE_CACHE_PROPERTY));
        }
        HuntOptions o = new HuntOptions(rules, events, mapping, placeholders, minLevel, n, output, summaryJson,
                allLogSources, maxLine, isTerminal(), noRuleCache ? null : cache);
        PrintStream summaryOut = output == HuntOptions.Output.TABLE ? System.out : System.err;
        try {
            HuntReport report = Hunt.run(o, System.in, System.out, System.err);
            report.print(summaryOut);
            return 0;
        } catch (Hunt.HuntException e) {
            System.err.println("mburoja hunt: " + e.getMessage());
            return 1;
        }
    }

    /** Progress only on an interactive terminal (Console.isTerminal exists from Java 22; on 21 a console is one). */
    private static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method m = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
