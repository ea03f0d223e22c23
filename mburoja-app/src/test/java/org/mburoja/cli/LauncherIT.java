package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mburoja} launcher's fast start for the offline tools (decision 0005), run for real on a copy of the
 * launcher and of the executable as {@code package} built it: the first run extracts the executable and (on JDK 25+)
 * records an AOT cache, later runs use them, a rebuilt executable starts over, a failed or help-only run keeps no
 * cache, and every way gives the output of {@code java -jar} itself. Runs once (in the H2 execution): it touches no
 * database.
 */
class LauncherIT {

    private static final String RULE = """
            title: Whoami run by anyone
            id: 0d6f4b1e-8a0c-4b7e-9d0e-5c1b2a3f4e5d
            status: test
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection
            level: medium
            """;
    private static final String EVENTS = """
            {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\\\Windows\\\\System32\\\\whoami.exe"}
            {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\\\Windows\\\\notepad.exe"}
            {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\\\Tools\\\\WHOAMI.EXE"}
            """;

    private static Path jar;
    private static Path launcher;
    private static Path findJdk;
    private static Path directives;
    private static Path upgrader;
    private static Path mapping;
    /** The executable's own output for the events, by {@code java -jar}. */
    private static String expected;

    @BeforeAll
    static void locateAndRunTheExecutableItself(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue("h2".equals(System.getProperty("mburoja.test.db", "h2")),
                "the launcher touches no database: run once");
        Path module = Path.of("").toAbsolutePath();
        jar = module.resolve("target/mburoja.jar");
        launcher = module.resolveSibling("mburoja");
        findJdk = module.resolveSibling("bin/find-jdk.sh");
        directives = module.resolveSibling("bin/jit-directives.json");
        upgrader = module.resolveSibling("bin/UpgradeOldClassFiles.java");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the executable is built by package, before the ITs");
        Assumptions.assumeTrue(Files.isRegularFile(launcher) && Files.isRegularFile(findJdk)
                && Files.isRegularFile(directives) && Files.isRegularFile(upgrader));
        mapping = Path.of(System.getProperty("mburoja.shared.dir", "../../shared"), "data/sigma/logsource-mapping.yml")
                .toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(mapping), "shared data not found at " + mapping);
        Path dir = checkout(tmp.resolve("oracle"));
        Run r = run(dir, Map.of(), hunt(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "events.jsonl"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2); // both whoami events, case-insensitively
        expected = r.out();
    }

    /**
     * A checkout of its own: the launcher, its JDK finder, its compiler directives and the executable (no sources, so
     * it never rebuilds).
     */
    private static Path checkout(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("mburoja-app/target"));
        Files.copy(launcher, dir.resolve("mburoja"));
        Files.setPosixFilePermissions(dir.resolve("mburoja"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(findJdk, dir.resolve("bin/find-jdk.sh"));
        Files.copy(directives, dir.resolve("bin/jit-directives.json"));
        Files.copy(upgrader, dir.resolve("bin/UpgradeOldClassFiles.java"));
        Files.copy(jar, dir.resolve("mburoja-app/target/mburoja.jar"));
        Files.writeString(dir.resolve("rule.yml"), RULE);
        Files.writeString(dir.resolve("events.jsonl"), EVENTS);
        return dir;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Path dir, Map<String, String> env, List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("MBUROJA_JAVA_OPTS");
        pb.environment().remove("MBUROJA_FAST_START");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static List<String> hunt(String launcherOrJava, String... events) {
        List<String> c = new ArrayList<>(List.of(launcherOrJava));
        if (!launcherOrJava.endsWith("mburoja")) {
            c.addAll(List.of("-jar", jar.toString()));
        }
        c.addAll(List.of("hunt", "--rules", "rule.yml", "--mapping", mapping.toString(), "--output", "jsonl"));
        for (String e : events) {
            c.addAll(List.of("--events", e));
        }
        return c;
    }

    private static Path picocliJar(Path runDir) throws IOException {
        try (Stream<Path> s = Files.list(runDir.resolve("lib"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("picocli-")).findFirst().orElseThrow();
        }
    }

    /** The lowest class-file major version of the classes in {@code jar} (module-info and versioned ones aside). */
    static int oldestClassVersion(Path jar) throws IOException {
        int oldest = Integer.MAX_VALUE;
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            for (var e : (Iterable<java.util.jar.JarEntry>) j.stream()::iterator) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    try (var in = j.getInputStream(e)) {
                        byte[] head = in.readNBytes(8);
                        oldest = Math.min(oldest, ((head[6] & 0xff) << 8) | (head[7] & 0xff));
                    }
                }
            }
        }
        return oldest;
    }

    private static List<Path> runDirs(Path dir) throws IOException {
        Path runs = dir.resolve("mburoja-app/target/run");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static List<String> aotFiles(Path runDir) throws IOException {
        Path aot = runDir.resolve("aot");
        if (!Files.isDirectory(aot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(aot)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("create.log")).sorted().toList();
        }
    }

    @Test
    void trainsOnceThenRunsFromTheCacheAndStartsOverForARebuiltExecutable(@TempDir Path tmp) throws Exception {
        Path dir = checkout(tmp.resolve("a checkout")); // a space in the path: the directives' path stays one word
        String mburoja = dir.resolve("mburoja").toString();

        Run first = run(dir, Map.of(), hunt(mburoja, "events.jsonl"));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(expected);
        assertThat(first.err()).doesNotContain("compiler directives"); // the JVM's notice of them is not shown
        List<Path> dirs = runDirs(dir);
        assertThat(dirs).hasSize(1);
        Path runDir = dirs.get(0);
        assertThat(runDir.resolve(".complete")).exists();
        assertThat(runDir.resolve("mburoja.jar")).exists();
        boolean trains = first.err().contains("records an AOT cache");
        if (trains) {
            assertThat(aotFiles(runDir)).singleElement().asString().startsWith("hunt-").endsWith(".aot");
        } else {
            assertThat(aotFiles(runDir)).isEmpty(); // JDK 21-24: the extracted copy without a cache
        }
        // picocli's classes as Java 8 class files where the cache is used (so that it can hold them), else as built
        assertThat(oldestClassVersion(picocliJar(runDir))).isEqualTo(trains ? 52 : 49);

        // the rules' parse results are kept in the copy's directory and taken again while the rule file is unchanged
        Path ruleCache = runDir.resolve("rule-cache/parsed-rules.bin");
        assertThat(ruleCache).isNotEmptyFile();
        FileTime cached = Files.getLastModifiedTime(ruleCache);

        Run second = run(dir, Map.of(), hunt(mburoja, "events.jsonl"));
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(expected);
        assertThat(Files.getLastModifiedTime(ruleCache)).as("all rules from the cache: not rewritten").isEqualTo(cached);
        assertThat(second.err()).doesNotContain("compiler directives");
        assertThat(second.err()).doesNotContain("records an AOT cache");
        assertThat(runDirs(dir)).containsExactly(runDir);

        // a rebuilt executable (another modification time): a new copy, the old one and its cache deleted (a help
        // run extracts too, without training)
        Path built = dir.resolve("mburoja-app/target/mburoja.jar");
        Files.setLastModifiedTime(built, FileTime.from(Instant.now().plusSeconds(120)));
        Run third = run(dir, Map.of(), List.of(mburoja, "hunt", "--help"));
        assertThat(third.exit()).as(third.err()).isZero();
        List<Path> after = runDirs(dir);
        assertThat(after).hasSize(1).doesNotContain(runDir);
        assertThat(runDir).doesNotExist();
    }

    @Test
    void compilerDirectivesTheJvmRefusesAreDroppedWithAWarning(@TempDir Path tmp) throws Exception {
        Path dir = checkout(tmp.resolve("checkout"));
        String mburoja = dir.resolve("mburoja").toString();
        Run good = run(dir, Map.of(), hunt(mburoja, "events.jsonl"));
        assertThat(good.exit()).as(good.err()).isZero();
        assertThat(good.err()).doesNotContain("refuses");

        // an unknown key: HotSpot would not start with it
        Files.writeString(dir.resolve("bin/jit-directives.json"), "[ { match: \"*.*\", c2: { NoSuchKey: true } } ]");
        for (int i = 0; i < 2; i++) { // tried again while the file stays wrong, and said each time
            Run bad = run(dir, Map.of(), hunt(mburoja, "events.jsonl"));
            assertThat(bad.exit()).as(bad.err()).isZero();
            assertThat(bad.out()).isEqualTo(expected);
            assertThat(bad.err()).contains("the JVM refuses").contains("running without it");
        }
        Path log = runDirs(dir).getFirst().resolve("directives.log");
        assertThat(log).exists();

        Files.copy(directives, dir.resolve("bin/jit-directives.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run fixed = run(dir, Map.of(), hunt(mburoja, "events.jsonl"));
        assertThat(fixed.exit()).as(fixed.err()).isZero();
        assertThat(fixed.out()).isEqualTo(expected);
        assertThat(fixed.err()).doesNotContain("refuses").doesNotContain("compiler directives");
    }

    @Test
    void aHelpOrFailedRunKeepsNoCache(@TempDir Path tmp) throws Exception {
        Path dir = checkout(tmp.resolve("checkout"));
        String mburoja = dir.resolve("mburoja").toString();

        Run help = run(dir, Map.of(), List.of(mburoja, "hunt", "--help"));
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out() + help.err()).contains("--rules");
        assertThat(help.err()).doesNotContain("records an AOT cache");
        for (Path d : runDirs(dir)) {
            assertThat(aotFiles(d)).isEmpty();
        }
        // the top-level help and version are answered by the extracted copy (a new checkout gets one), and say what
        // the executable itself says
        Path fresh = checkout(tmp.resolve("fresh"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String ask : List.of("-V", "--help", "help")) {
            Run fast = run(fresh, Map.of(), List.of(fresh.resolve("mburoja").toString(), ask));
            assertThat(runDirs(fresh)).as(ask).hasSize(1);
            Run asBuilt = run(dir, Map.of(), List.of(java, "-jar", jar.toString(), ask));
            assertThat(fast.exit()).as(fast.err()).isZero().isEqualTo(asBuilt.exit());
            assertThat(fast.out()).as(ask).isNotBlank().isEqualTo(asBuilt.out());
            assertThat(fast.err()).as(ask).doesNotContain("records an AOT cache");
        }
        assertThat(aotFiles(runDirs(fresh).getFirst())).isEmpty();

        Run failed = run(dir, Map.of(), hunt(mburoja, "no-such-file.jsonl"));
        assertThat(failed.exit()).isNotZero();
        assertThat(failed.err()).contains("no-such-file.jsonl");
        assertThat(runDirs(dir)).hasSize(1);
        for (Path d : runDirs(dir)) {
            assertThat(aotFiles(d)).as("no cache, no half-written files").isEmpty();
        }
    }

    @Test
    void scanRunsOnTheSerialCollectorUnlessTheUserNamesOne(@TempDir Path tmp) throws Exception {
        Path dir = checkout(tmp.resolve("checkout"));
        // without directives the launcher leaves the JVM's console on: its table of final flags is the witness
        Files.delete(dir.resolve("bin/jit-directives.json"));
        Files.writeString(dir.resolve("dump.csv"), "Emri,Numri personal\nArben,J00101999W\n");
        String mburoja = dir.resolve("mburoja").toString();
        List<String> scan = List.of(mburoja, "scan", "dump.csv", "--format", "json");
        Map<String, String> show = Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal");

        for (int round = 0; round < 2; round++) { // the run that trains the cache, then one from it
            Run r = run(dir, show, scan);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"nid\": 1");
            assertThat(flag(r.err(), "UseSerialGC")).contains("= true").contains("{command line}");
        }
        Run hunt = run(dir, show, hunt(mburoja, "events.jsonl"));
        assertThat(hunt.exit()).as(hunt.err()).isZero();
        assertThat(hunt.out()).isEqualTo(expected);
        assertThat(flag(hunt.err(), "UseSerialGC")).doesNotContain("{command line}"); // the JVM's own choice

        // a collector of the user's own: the JVM would refuse a second one, so the launcher adds none
        Run own = run(dir, Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC -XX:+PrintFlagsFinal"), scan);
        assertThat(own.exit()).as(own.err()).isZero();
        assertThat(flag(own.err(), "UseParallelGC")).contains("= true");
        assertThat(flag(own.err(), "UseSerialGC")).contains("= false");
    }

    /** The line of {@code -XX:+PrintFlagsFinal}'s table for one flag. */
    private static String flag(String err, String name) {
        return err.lines().filter(l -> l.matches("\\s*bool\\s+" + name + "\\s.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in:\n" + err));
    }

    @Test
    void fastStartOffRunsTheExecutableAsBuilt(@TempDir Path tmp) throws Exception {
        Path dir = checkout(tmp.resolve("checkout"));
        Run off = run(dir, Map.of("MBUROJA_FAST_START", "off"), hunt(dir.resolve("mburoja").toString(), "events.jsonl"));
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.out()).isEqualTo(expected);
        assertThat(runDirs(dir)).isEmpty();
    }
}
