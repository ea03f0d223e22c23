package org.mburoja.sigma.hunt;

import java.io.PrintStream;
import java.io.StringWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mburoja.sigma.RuleProblem;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The outcome of a hunt: what loaded, what was rejected and why, what was read, what matched, how long it took.
 * {@link #toJson()} is the stable {@code --summary-json} form other tools check.
 */
public record HuntReport(int rulesLoaded, List<RuleProblem> rejected, int inactiveRules, long events, long malformed,
                         List<String> malformedSamples, Map<String, Long> matches, Map<String, String> titles,
                         long compileMs, long scanMs, int threads, long regexAborted) {

    /** {@code {"rules_loaded", "rules_rejected", "events", "malformed", "matches": {id: n}, "timing": {...}}}. */
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            g.writeName("rules_loaded");
            g.writeNumber(rulesLoaded);
            g.writeName("rules_rejected");
            g.writeNumber(rejected.size());
            g.writeName("events");
            g.writeNumber(events);
            g.writeName("malformed");
            g.writeNumber(malformed);
            g.writeName("matches");
            g.writeStartObject();
            for (Map.Entry<String, Long> e : matches.entrySet()) {
                g.writeName(e.getKey());
                g.writeNumber(e.getValue());
            }
            g.writeEndObject();
            g.writeName("timing");
            g.writeStartObject();
            g.writeName("compile_ms");
            g.writeNumber(compileMs);
            g.writeName("scan_ms");
            g.writeNumber(scanMs);
            g.writeName("threads");
            g.writeNumber(threads);
            g.writeEndObject();
            g.writeEndObject();
        }
        return w.toString();
    }

    /** The human summary printed at the end of a hunt. */
    public void print(PrintStream target) {
        // built in memory and written at once: standard error flushes every line (thousands of rules with matches)
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(1 << 16);
        PrintStream out = new PrintStream(buffer, false, target.charset());
        printTo(out);
        out.flush();
        target.write(buffer.toByteArray(), 0, buffer.size());
        target.flush();
    }

    private void printTo(PrintStream out) {
        out.println();
        out.println("== summary");
        out.printf("rules loaded:    %,d%s%n", rulesLoaded,
                inactiveRules > 0 ? String.format(" (%,d not run: log source not in the mapping)", inactiveRules) : "");
        out.printf("rules rejected:  %,d%n", rejected.size());
        Map<String, List<RuleProblem>> byKind = rejected.stream()
                .collect(Collectors.groupingBy(RuleProblem::kind, LinkedHashMap::new, Collectors.toList()));
        byKind.forEach((kind, list) -> {
            out.printf("  %,5d x %s%n", list.size(), kind);
            list.stream().limit(3).forEach(p -> out.printf("          %s:%d (%s)%n", p.file(), p.line(), p.field()));
        });
        out.printf("events read:     %,d%n", events);
        out.printf("malformed lines: %,d%n", malformed);
        malformedSamples.forEach(s -> out.println("  " + s));
        if (malformed > malformedSamples.size()) {
            out.printf("  ... and %,d more%n", malformed - malformedSamples.size());
        }
        if (regexAborted > 0) {
            out.printf("regex matches abandoned (step budget): %,d%n", regexAborted);
        }
        out.printf("matches:         %,d%n", matches.values().stream().mapToLong(Long::longValue).sum());
        matches.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.printf("  %,8d  %s  %s%n", e.getValue(), e.getKey(), titles.getOrDefault(e.getKey(), "")));
        double secs = Math.max(scanMs, 1) / 1000.0;
        out.printf("time:            compile %,d ms, scan %,d ms (%,.0f events/s, %d threads)%n", compileMs, scanMs,
                events / secs, threads);
    }
}
