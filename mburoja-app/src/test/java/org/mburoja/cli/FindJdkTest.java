package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/find-jdk.sh}, which {@code ./mvnw}, {@code ./mburoja} and {@code .ci/run} source (decision 0002), on
 * fake JDKs: each is a {@code bin/java} script that answers like {@code java -XshowSettings:properties -version} and
 * notes that it ran, a {@code bin/javac}, and a {@code release} file or not. The JDK's {@code release} file answers
 * for it when it names this machine's architecture; otherwise the binary is asked.
 */
class FindJdkTest {

    private static final String ARCH = uname();

    @TempDir
    Path tmp;
    private Path root;
    private Path ran;
    private Path pathBin;
    /** The few commands the script uses, alone on the PATH: this machine's own java must not be found. */
    private Path tools;

    @BeforeEach
    void layout() throws IOException {
        Assumptions.assumeTrue(ARCH != null, "needs uname");
        root = Files.createDirectories(tmp.resolve("jvm"));
        ran = Files.createDirectories(tmp.resolve("ran"));
        pathBin = Files.createDirectories(tmp.resolve("path-bin"));
        tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : new String[] {"sed", "head", "readlink", "dirname", "uname"}) {
            Path found = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                    .findFirst().orElse(null);
            Assumptions.assumeTrue(found != null, "needs " + tool);
            script(tools.resolve(tool), "#!/bin/sh\nexec " + found + " \"$@\"\n");
        }
    }

    @Test
    void picksTheNewestJdkFromTheirReleaseFilesWithoutStartingAny() throws Exception {
        jdk("openjdk-17", 17, release("17.0.15", ARCH));
        jdk("temurin-21", 21, release("21.0.5", ARCH));
        jdk("temurin-25", 25, release("25.0.3", ARCH));
        Files.createSymbolicLink(root.resolve("default-java"), root.resolve("temurin-25"));
        Path noJavac = jdk("jre-26", 26, release("26", ARCH));
        Files.delete(noJavac.resolve("bin/javac"));

        Result r = find(Map.of());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.javaHome()).isEqualTo(root.resolve("temurin-25").toString());
        assertThat(ran).isEmptyDirectory();
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedByRunningIt() throws Exception {
        jdk("temurin-21", 21, release("21.0.5", ARCH));
        jdk("unpacked-24", 24, null);

        Result r = find(Map.of());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.javaHome()).isEqualTo(root.resolve("unpacked-24").toString());
        assertThat(ranJdks()).containsExactly("unpacked-24");
    }

    @Test
    void aReleaseFileOfAnotherArchitectureOrWithoutAVersionIsNotBelieved() throws Exception {
        // the files claim 25 and 26; the binaries, which are what would run, say 17 and 21
        jdk("copied-from-arm", 17, release("25.0.1", "aarch64".equals(ARCH) ? "x86_64" : "aarch64"));
        jdk("hand-made", 21, "IMPLEMENTOR=\"someone\"\nJAVA_VERSION=\"twenty-six\"\nOS_ARCH=\"" + ARCH + "\"\n");

        Result r = find(Map.of());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.javaHome()).isEqualTo(root.resolve("hand-made").toString());
        assertThat(ranJdks()).containsExactlyInAnyOrder("copied-from-arm", "hand-made");
    }

    @Test
    void javaHomeAndThenJavaOnThePathComeBeforeTheNewestInstalled() throws Exception {
        Path home = jdk("temurin-21", 21, release("21.0.5", ARCH));
        Path onPath = jdk("zulu-22", 22, release("22.0.2", ARCH));
        jdk("temurin-25", 25, release("25.0.3", ARCH));

        assertThat(find(Map.of("JAVA_HOME", home.toString())).javaHome()).isEqualTo(home.toString());

        Files.createSymbolicLink(pathBin.resolve("java"), onPath.resolve("bin/java"));
        assertThat(find(Map.of()).javaHome()).isEqualTo(onPath.toString());

        Path old = jdk("openjdk-17", 17, release("17.0.15", ARCH));
        assertThat(find(Map.of("JAVA_HOME", old.toString())).javaHome()).isEqualTo(onPath.toString());
        assertThat(ran).isEmptyDirectory();
    }

    @Test
    void withNoJdkOf21OrNewerItStopsNamingEveryJdkItSaw() throws Exception {
        Path old = jdk("openjdk-17", 17, release("17.0.15", ARCH));
        jdk("zulu-11", 11, null);
        Files.createSymbolicLink(pathBin.resolve("java"), old.resolve("bin/java"));

        Result r = find(Map.of());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no JDK 21 or newer found")
                .contains("java on PATH=" + old.resolve("bin/java") + " (java 17)")
                .contains(root.resolve("openjdk-17") + " (java 17)")
                .contains(root.resolve("zulu-11") + " (java 11)");
    }

    private static String release(String version, String arch) {
        return "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nJAVA_VERSION_DATE=\"2026-01-20\"\nOS_ARCH=\""
                + arch + "\"\n";
    }

    private Path jdk(String name, int major, String release) throws IOException {
        Path home = Files.createDirectories(root.resolve(name).resolve("bin"));
        script(home.resolve("java"), "#!/bin/sh\n: > '" + ran.resolve(name) + "'\n"
                + "echo 'Property settings:' >&2\n"
                + "echo '    java.specification.version = " + major + "' >&2\n"
                + "echo 'openjdk version \"" + major + "\"' >&2\n");
        script(home.resolve("javac"), "#!/bin/sh\nexit 0\n");
        if (release != null) {
            Files.writeString(home.resolveSibling("release"), release);
        }
        return home.getParent();
    }

    private static void script(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String[] ranJdks() throws IOException {
        try (var s = Files.list(ran)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    private record Result(int exit, String javaHome, String err) {
    }

    private Result find(Map<String, String> env) throws Exception {
        Path script = Path.of("").toAbsolutePath().resolveSibling("bin/find-jdk.sh");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c",
                ". \"$1\" && mburoja_find_jdk && printf '%s' \"$JAVA_HOME\"", "sh", script.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", pathBin + ":" + tools);
        pb.environment().put("MBUROJA_JDK_ROOT", root.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String uname() {
        try {
            Process p = new ProcessBuilder("uname", "-m").redirectErrorStream(true).start();
            String m = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && !m.isEmpty() ? m : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
