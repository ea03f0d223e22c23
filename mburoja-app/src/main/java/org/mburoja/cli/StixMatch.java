package org.mburoja.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mburoja.sigma.hunt.EventSources;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixIdentifier;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixParseException;
import org.mburoja.stix.index.IndicatorHit;
import org.mburoja.stix.index.IndicatorIndex;
import org.mburoja.stix.index.ObservedLookup;
import org.mburoja.stix.index.ObservedValues;
import org.mburoja.stix.index.SightingSummary;
import org.mburoja.stix.index.Sightings;
import org.mburoja.stix.misp.MispImport;
import org.mburoja.stix.misp.MispImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mburoja stix match}: hunts for known indicators in events or values, offline, with the engine's indicator
 * index (no server, no database). Indicators come from STIX bundles or MISP events; the active ones (not revoked,
 * within their validity, score above the threshold, raised by the bundles' sightings) are indexed. Every string
 * value of every event is looked up by its shape ({@link ObservedValues}), whatever the field's name, so any event
 * shape works. A hit names the event (file and line), the field, the value, the indicator, its kind, TLP and score;
 * {@code --sightings} writes what was seen as STIX sighting objects to share back.
 */
@Command(name = "match", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Find known indicators (STIX bundles, MISP events) in JSON-lines events or given values.",
                "Events: JSON lines (gzip accepted), files or directories, '-' for standard input.",
                "Prints one line per hit; a summary on standard error. Exit code 0: done (hits or not); "
                        + "2: an input could not be read or no indicator was loaded."})
public final class StixMatch implements Callable<Integer> {

    /** A longer event line is reported as malformed rather than parsed. */
    static final int MAX_LINE_CHARS = 8 * 1024 * 1024;
    /** Values looked up together (one batch lookup per kind). */
    private static final int BATCH_VALUES = 1024;

    enum Output { table, jsonl }

    @Spec
    CommandSpec spec;

    @Option(names = "--indicators", required = true, arity = "1..*", paramLabel = "<file|dir>",
            description = "STIX 2.1 bundles or objects, or MISP events (JSON); directories are read recursively.")
    List<Path> indicatorFiles = new ArrayList<>();

    @Option(names = "--events", arity = "1..*", paramLabel = "<file|dir|->",
            description = "JSON-lines event files (.gz accepted), directories (recursively), '-' for stdin.")
    List<String> eventSources = new ArrayList<>();

    @Option(names = "--output", defaultValue = "table", description = "table (default) or jsonl.")
    Output output;

    @Option(names = "--sightings", paramLabel = "<file>",
            description = "Write a STIX bundle with one sighting per indicator hit (needs --sighted-by).")
    Path sightingsFile;

    @Option(names = "--sighted-by", paramLabel = "<identity id>",
            description = "The identity whose systems produced the events (where_sighted_refs, created_by_ref).")
    String sightedBy;

    @Option(names = "--at", paramLabel = "<time>",
            description = "Judge validity and score decay at this time (RFC 3339, e.g. 2026-11-23T12:00:00Z), "
                    + "to hunt as of a past day; default: now.")
    String at;

    @Parameters(arity = "0..*", paramLabel = "<value>",
            description = "Values to look up (IPs, domains, ...); put them first, or after '--', as the list options "
                    + "take every argument up to the next option.")
    List<String> values = new ArrayList<>();

    private PrintWriter out;
    private PrintWriter err;
    private int code;
    private final Map<String, long[]> hitsPerIndicator = new TreeMap<>();
    private long hits;
    private Instant now;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            return run();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run() {
        if (eventSources.isEmpty() && values.isEmpty()) {
            err.println("nothing to match: give --events or values");
            return 2;
        }
        if (sightingsFile != null && (sightedBy == null || StixIdentifier.parse(sightedBy).isEmpty()
                || !sightedBy.startsWith("identity--"))) {
            err.println("--sightings needs --sighted-by with an identity id (identity--<uuid>)");
            return 2;
        }
        Clock clock = Clock.systemUTC();
        if (at != null) {
            try {
                clock = Clock.fixed(Instant.parse(at), java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e) {
                err.println("--at '" + printable(at) + "' is not an RFC 3339 UTC time such as 2026-11-23T12:00:00Z");
                return 2;
            }
        }
        now = clock.instant();
        IndicatorIndex index = new IndicatorIndex(clock, 0.05, 50_000);
        int loaded = load(index);
        if (loaded == 0) {
            err.println("no active indicator to match (see above)");
            return 2;
        }
        ObservedLookup<Origin> batch = new ObservedLookup<>(index, BATCH_VALUES, h -> print(h.origin(), h.value(),
                h.hit()));
        for (int i = 0; i < values.size(); i++) {
            batch.add(new Origin("<argument>", i + 1, "value"), values.get(i));
        }
        batch.flush();
        long[] events = {0, 0};
        for (String source : eventSources) {
            readEvents(source, batch, events);
        }
        batch.flush();
        err.printf("events: %,d (%,d malformed lines), values looked up: %,d, hits: %,d on %,d indicators%n",
                events[0], events[1], batch.looked(), hits, hitsPerIndicator.size());
        if (sightingsFile != null) {
            writeSightings();
        }
        return code;
    }

    // ---- indicators

    private int load(IndicatorIndex index) {
        Map<String, StixObject> latest = new LinkedHashMap<>();
        Map<String, List<StixObject>> sightings = new HashMap<>();
        for (Path p : indicatorFiles) {
            for (Path f : files(p, ".json")) {
                try (InputStream in = Files.newInputStream(f)) {
                    JsonNode tree = StixJson.read(in);
                    for (StixObject o : objects(f, tree)) {
                        if (o.type().equals("indicator")) {
                            StixObject seen = latest.get(o.id());
                            if (seen == null || o.modified().orElse(Instant.MIN)
                                    .isAfter(seen.modified().orElse(Instant.MIN))) {
                                latest.put(o.id(), o);
                            }
                        } else if (o.type().equals("sighting")) {
                            o.string("sighting_of_ref").ifPresent(ref ->
                                    sightings.computeIfAbsent(ref, k -> new ArrayList<>()).add(o));
                        }
                    }
                } catch (StixParseException | IllegalArgumentException e) {
                    err.println(f + ": " + e.getMessage());
                    code = 2;
                } catch (IOException | UncheckedIOException e) {
                    err.println(f + ": cannot read: " + e.getMessage());
                    code = 2;
                }
            }
        }
        Map<String, SightingSummary> summaries = new HashMap<>();
        sightings.forEach((id, list) -> summaries.put(id, Sightings.summarise(id, list)));
        Map<IndicatorIndex.Outcome, Integer> outcomes = new TreeMap<>();
        index.upsertAll(latest.values(), summaries).values().forEach(o -> outcomes.merge(o, 1, Integer::sum));
        int indexed = outcomes.getOrDefault(IndicatorIndex.Outcome.INDEXED, 0)
                + outcomes.getOrDefault(IndicatorIndex.Outcome.PARTIAL, 0);
        err.printf("indicators: %,d read, %,d indexed (%,d of them partly: pattern parts the index does not answer), "
                        + "%,d not indexable, %,d inactive or revoked%n", latest.size(), indexed,
                outcomes.getOrDefault(IndicatorIndex.Outcome.PARTIAL, 0),
                outcomes.getOrDefault(IndicatorIndex.Outcome.NOT_INDEXABLE, 0),
                outcomes.getOrDefault(IndicatorIndex.Outcome.INACTIVE, 0)
                        + outcomes.getOrDefault(IndicatorIndex.Outcome.REMOVED, 0));
        return indexed;
    }

    /** A bundle's objects, a single object, or a MISP event mapped to STIX. */
    private List<StixObject> objects(Path f, JsonNode tree) {
        if (!tree.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (tree.has("Event") || tree.has("response")) {
            MispImport m = new MispImporter(Clock.fixed(now, java.time.ZoneOffset.UTC)).importDocument(tree);
            m.problems().forEach(p -> err.println(f + ": MISP: " + p));
            return m.objects();
        }
        if ("bundle".equals(tree.path("type").asString(""))) {
            return StixBundle.from(tree).objects();
        }
        return List.of(StixObject.of(tree));
    }

    // ---- events

    private void readEvents(String source, ObservedLookup<Origin> batch, long[] events) {
        List<Path> paths = source.equals("-") ? List.of() : files(Path.of(source), ".jsonl", ".json", ".gz");
        if (source.equals("-")) {
            try {
                readLines("<stdin>", EventSources.jsonLines(System.in, MAX_LINE_CHARS, true), batch, events);
            } catch (IOException e) {
                err.println("<stdin>: cannot read: " + e.getMessage());
                code = 2;
            }
            return;
        }
        for (Path p : paths) {
            try (InputStream raw = Files.newInputStream(p);
                 InputStream in = EventSources.jsonLines(raw, MAX_LINE_CHARS,
                         EventSources.mayBeArray(p.toString()))) {
                readLines(p.toString(), in, batch, events);
            } catch (IOException | UncheckedIOException e) {
                err.println(p + ": cannot read: " + e.getMessage());
                code = 2;
            }
        }
    }

    private void readLines(String name, InputStream in, ObservedLookup<Origin> batch, long[] events) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                1 << 16);
        long line = 0;
        try {
            StringBuilder b = new StringBuilder();
            while (true) {
                b.setLength(0);
                boolean tooLong = false;
                int c;
                while ((c = r.read()) >= 0 && c != '\n') {
                    if (b.length() < MAX_LINE_CHARS) {
                        b.append((char) c);
                    } else {
                        tooLong = true;
                    }
                }
                if (c < 0 && b.isEmpty()) {
                    break;
                }
                line++;
                if (!b.isEmpty() && b.charAt(0) == '\uFEFF') {
                    b.deleteCharAt(0); // a byte order mark (PowerShell 5 writes one; concatenated files carry it)
                }
                if (b.toString().isBlank()) {
                    continue;
                }
                String reason = b.length() > 1 && b.charAt(0) == 0 ? EventSources.reasonOf(b.toString()) : null;
                if (reason != null) {
                    malformed(name, line, reason, events);
                    continue;
                }
                if (tooLong) {
                    malformed(name, line, "longer than " + MAX_LINE_CHARS + " characters", events);
                    continue;
                }
                JsonNode event;
                try {
                    event = StixJson.read(b.toString());
                } catch (StixParseException e) {
                    malformed(name, line, e.getMessage(), events);
                    continue;
                }
                if (!event.isObject()) {
                    malformed(name, line, "not a JSON object", events);
                    continue;
                }
                events[0]++;
                walk(name, line, "", event, batch);
                if (c < 0) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            err.println(name + ": cannot read after line " + line + ": " + e.getMessage());
            code = 2;
        }
    }

    private void malformed(String name, long line, String why, long[] events) {
        events[1]++;
        if (events[1] <= 20) {
            err.println(name + ":" + line + ": malformed event skipped: " + why);
        } else if (events[1] == 21) {
            err.println("(further malformed lines are counted, not listed)");
        }
    }

    private static void walk(String name, long line, String path, JsonNode node, ObservedLookup<Origin> batch) {
        if (node.isString()) {
            batch.add(new Origin(name, line, path), node.asString());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(name, line, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), batch);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(name, line, path + "[" + i + "]", node.get(i), batch);
            }
        }
    }

    // ---- lookups

    /** Where a looked-up value came from. */
    private record Origin(String source, long line, String field) {
    }

    private void print(Origin l, String value, IndicatorHit h) {
        hits++;
        hitsPerIndicator.computeIfAbsent(h.indicatorId(), k -> new long[1])[0]++;
        String tlp = h.tlp().map(Enum::toString).orElse("unmarked");
        String kind = h.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (output == Output.jsonl) {
            ObjectNode o = StixJson.mapper().createObjectNode();
            o.put("source", l.source());
            o.put("line", l.line());
            o.put("field", l.field());
            o.put("value", value);
            o.put("indicator", h.indicatorId());
            o.put("kind", kind);
            o.put("tlp", tlp);
            o.put("score", Math.round(h.score() * 1000) / 1000.0);
            out.println(StixJson.write(o));
        } else {
            out.printf(java.util.Locale.ROOT, "%s:%d\t%s\t%s\t%s\t%s\t%s\t%.3f%n", l.source(), l.line(), l.field(),
                    printable(value), h.indicatorId(), kind, tlp, h.score());
        }
    }

    /** A value as safe for a terminal line: control characters as '?', at most 200 characters. */
    private static String printable(String v) {
        String s = v.length() > 200 ? v.substring(0, 200) + "..." : v;
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private void writeSightings() {
        List<StixObject> list = new ArrayList<>();
        hitsPerIndicator.forEach((id, count) -> list.add(Sightings.of(id, sightedBy, sightedBy, now, now, count[0],
                now)));
        try {
            Files.writeString(sightingsFile, StixBundle.of(list).toJson());
            err.printf("sightings: %,d written to %s%n", list.size(), sightingsFile);
        } catch (IOException e) {
            err.println(sightingsFile + ": cannot write: " + e.getMessage());
            code = 2;
        }
    }

    /** The file itself, or the files under a directory whose names end with one of {@code suffixes}, sorted. */
    private List<Path> files(Path p, String... suffixes) {
        if (!Files.isDirectory(p)) {
            if (!Files.exists(p)) {
                err.println(p + ": no such file");
                code = 2;
                return List.of();
            }
            return List.of(p); // a regular file, or a pipe or /dev/fd/N named on purpose
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                for (String suffix : suffixes) {
                    if (n.endsWith(suffix)) {
                        return true;
                    }
                }
                return false;
            }).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            err.println(p + ": cannot list: " + e.getMessage());
            code = 2;
            return List.of();
        }
    }
}
