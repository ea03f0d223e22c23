package org.mburoja.sigma.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.sigma.EngineOptions;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.JsonEvents;
import org.mburoja.sigma.LogSourceMapping;
import org.mburoja.sigma.Match;
import org.mburoja.sigma.SigmaEngine;
import org.mburoja.sigma.SigmaRules;
import org.yaml.snakeyaml.Yaml;

/**
 * The launcher's compiler directives ({@code bin/jit-directives.json}, decision 0005) keep the rule-loading code out
 * of C2. They must name code that exists (a renamed class would silently lose its entry), the JVM must accept the
 * file (it refuses to start on a syntax error or an unknown key) and read the entry as a C2 exclusion, and no listed
 * method may run per event: it would run as C1 code for the whole hunt.
 */
class JitDirectivesTest {

    private static final Path FILE = Path.of("..", "bin", "jit-directives.json");

    /** A pattern as HotSpot reads it: class and method names, each with an optional leading or trailing '*'. */
    record Entry(String text, String classPattern, String methodPattern) {

        static Entry of(String text) {
            int dot = text.lastIndexOf('.');
            assertThat(dot).as("class.method in %s", text).isPositive();
            return new Entry(text, text.substring(0, dot).replace('/', '.'), text.substring(dot + 1));
        }

        boolean matchesClass(String binaryName) {
            return matches(classPattern, binaryName);
        }

        boolean matchesMethod(String name) {
            return matches(methodPattern, name);
        }

        private static boolean matches(String pattern, String name) {
            if (pattern.equals("*")) {
                return true;
            }
            boolean lead = pattern.startsWith("*");
            boolean trail = pattern.endsWith("*") && pattern.length() > 1;
            String core = pattern.substring(lead ? 1 : 0, pattern.length() - (trail ? 1 : 0));
            if (lead && trail) {
                return name.contains(core);
            }
            return lead ? name.endsWith(core) : trail ? name.startsWith(core) : name.equals(core);
        }
    }

    private static List<Entry> entries;
    /** Binary names of the classes the patterns may refer to: this module's and SnakeYAML's. */
    private static List<String> classes;

    @BeforeAll
    static void readTheFile() throws IOException, URISyntaxException {
        Assumptions.assumeTrue(Files.isRegularFile(FILE), "the launcher's directives are beside the module");
        String text = Files.readString(FILE, StandardCharsets.UTF_8).replaceAll("(?m)^\\s*//.*$", "");
        Matcher array = Pattern.compile("match:\\s*\\[([^\\]]*)]").matcher(text);
        assertThat(array.find()).as("a match array").isTrue();
        entries = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(array.group(1));
        while (quoted.find()) {
            entries.add(Entry.of(quoted.group(1)));
        }
        assertThat(entries).isNotEmpty();
        classes = new ArrayList<>();
        classes.addAll(classesOf(Path.of(SigmaEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
        classes.addAll(classesOf(Path.of(Yaml.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
    }

    private static List<String> classesOf(Path location) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> s = Files.walk(location)) {
                s.filter(p -> p.toString().endsWith(".class")).forEach(p -> out.add(binaryName(location.relativize(p).toString())));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                        .forEach(n -> out.add(binaryName(n)));
            }
        }
        return out;
    }

    private static String binaryName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('\\', '.');
    }

    private static List<Executable> methodsOf(String className) throws ClassNotFoundException {
        Class<?> c = Class.forName(className, false, JitDirectivesTest.class.getClassLoader());
        List<Executable> out = new ArrayList<>(List.of(c.getDeclaredMethods()));
        out.addAll(List.of(c.getDeclaredConstructors()));
        return out;
    }

    private static String name(Executable e) {
        return e instanceof java.lang.reflect.Constructor<?> ? "<init>" : e.getName();
    }

    @Test
    void everyPatternNamesMethodsThatExist() throws ClassNotFoundException {
        for (Entry e : entries) {
            List<String> matched = classes.stream().filter(e::matchesClass).toList();
            assertThat(matched).as("classes matched by %s", e.text()).isNotEmpty();
            boolean method = false;
            for (String c : matched) {
                method |= methodsOf(c).stream().anyMatch(m -> e.matchesMethod(name(m)));
            }
            assertThat(method).as("a method matched by %s", e.text()).isTrue();
        }
    }

    @Test
    void theJvmReadsTheFileAsC2Exclusions(@TempDir Path tmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(java.toString(), "-XX:+UnlockDiagnosticVMOptions", "-XX:+CompilerDirectivesPrint",
                "-XX:CompilerDirectivesFile=" + FILE.toAbsolutePath(), "-version")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(out);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("1 compiler directives added");
        // the first block is ours (the last is the JVM's default): C1 left alone, C2 excluded
        String ours = printed.substring(printed.indexOf("Directive:"), printed.indexOf("Directive: (default)"));
        String c1 = ours.substring(ours.indexOf("c1 directives:"), ours.indexOf("c2 directives:"));
        String c2 = ours.substring(ours.indexOf("c2 directives:"));
        assertThat(c1).contains(" Exclude:false ");
        assertThat(c2).contains(" Exclude:true ");
    }

    /**
     * Runs the EVTX events through all SigmaHQ rules twice, recording every call of a listed method
     * ({@code jdk.MethodTrace}, JDK 25) during the second pass: the first builds what is built lazily, once per
     * log source (candidate sets, automata), so what still runs in the second runs per event.
     */
    @Test
    void noListedMethodRunsPerEvent(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .anyMatch(t -> t.getName().equals("jdk.MethodTrace")), "method tracing needs JDK 25");
        Path shared = Path.of(System.getProperty("mburoja.shared.dir", "../../shared"), "data");
        Assumptions.assumeTrue(Files.isDirectory(shared), "shared data not found at " + shared);
        Path sigma = shared.resolve("sigma");
        SigmaEngine engine = SigmaEngine.compile(SigmaRules.load(List.of(sigma.resolve("rules"),
                sigma.resolve("rules-emerging-threats"))),
                EngineOptions.defaults().withMapping(LogSourceMapping.load(sigma.resolve("logsource-mapping.yml"))));
        List<byte[]> lines = Files.readAllLines(shared.resolve("evtx-attack/events.jsonl")).stream()
                .map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
        int first = pass(engine, lines);
        assertThat(first).as("matches in the first pass").isGreaterThan(1000);

        List<String> filter = new ArrayList<>();
        for (String c : classes) {
            for (Entry e : entries) {
                if (e.matchesClass(c)) {
                    if (e.methodPattern().equals("*")) {
                        filter.add(c);
                    } else {
                        for (Executable m : methodsOf(c)) {
                            if (e.matchesMethod(name(m)) && !Modifier.isAbstract(m.getModifiers())) {
                                filter.add(c + "::" + name(m));
                            }
                        }
                    }
                }
            }
        }
        Path jfr = tmp.resolve("trace.jfr");
        int second;
        java.time.Instant passEnd;
        try (Recording r = new Recording()) {
            r.enable("jdk.MethodTrace").with("filter", String.join(";", filter.stream().distinct().toList()))
                    .withoutStackTrace();
            r.start();
            second = pass(engine, lines);
            Thread.sleep(20);
            passEnd = java.time.Instant.now();
            Thread.sleep(20);
            // after the pass, a listed method that must be recorded: proof that the tracing works
            SigmaRules.parse("title: t\nlogsource: {product: windows}\ndetection: {s: {a: b}, condition: s}\n", "probe");
            r.stop();
            r.dump(jfr);
        }
        assertThat(second).isEqualTo(first);
        Map<String, Integer> perEvent = new TreeMap<>();
        boolean probeSeen = false;
        for (RecordedEvent ev : RecordingFile.readAllEvents(jfr)) {
            RecordedMethod m = ev.getValue("method");
            String where = m.getType().getName() + "::" + m.getName();
            if (ev.getStartTime().isBefore(passEnd)) {
                perEvent.merge(where, 1, Integer::sum);
            } else {
                probeSeen |= where.equals("org.mburoja.sigma.SigmaRules::parse");
            }
        }
        assertThat(probeSeen).as("the recording saw the probe's parse (method tracing works)").isTrue();
        assertThat(perEvent).as("listed methods called while the events ran a second time").isEmpty();
    }

    private static int pass(SigmaEngine engine, List<byte[]> lines) throws JsonEvents.MalformedEventException {
        MatchOutput out = MatchOutput.of(HuntOptions.Output.JSONL, new PrintStream(OutputStream.nullOutputStream()));
        int matches = 0;
        long n = 0;
        for (byte[] line : lines) {
            Event e = JsonEvents.parse(line);
            for (Match m : engine.evaluate(e)) {
                out.write(m, "events.jsonl", ++n);
                matches++;
            }
        }
        out.finish();
        return matches;
    }
}
