package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/UpgradeOldClassFiles.java}, which the launcher runs as a source file on JDK 25+ to rewrite picocli's
 * Java 5 class files as Java 8 ones (decision 0005): run for real on a copy of the picocli jar the build uses, and on
 * jars it must leave alone. Needs a JDK with the class-file API (24 or newer) to run the tool.
 */
class UpgradeOldClassFilesTest {

    @TempDir
    Path tmp;
    private Path tool;
    private Path java;

    @BeforeEach
    void toolAndJdk() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 24, "the class-file API is final from JDK 24 on");
        tool = Path.of("").toAbsolutePath().resolveSibling("bin/UpgradeOldClassFiles.java");
        java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThat(tool).isRegularFile();
    }

    @Test
    void picocliBecomesJava8ClassFilesThatVerifyLoadAndParseAsBefore() throws Exception {
        Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.copy(original, tmp.resolve(original.getFileName()));
        assertThat(LauncherIT.oldestClassVersion(jar)).isEqualTo(49);

        String err = upgrade(jar);

        assertThat(err).matches("upgraded \\d+ classes of " + jar.getFileName() + " to class-file version 52\\s*");
        assertThat(LauncherIT.oldestClassVersion(jar)).isEqualTo(52);
        Map<String, byte[]> before = entries(original);
        Map<String, byte[]> after = entries(jar);
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        before.forEach((name, bytes) -> {
            if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                assertThat(after.get(name)).as(name).isEqualTo(bytes);
            }
        });
        assertThat(new JarFile(jar.toFile()).getManifest().getMainAttributes())
                .isEqualTo(new JarFile(original.toFile()).getManifest().getMainAttributes());

        // every class loads, is verified (as for any class outside the JDK) and initialises; a command parses
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            int loaded = 0;
            for (String name : after.keySet()) {
                if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), true, loader);
                    loaded++;
                }
            }
            assertThat(loaded).isGreaterThan(150);
            Class<?> commandLine = loader.loadClass("picocli.CommandLine");
            Class<?> spec = loader.loadClass("picocli.CommandLine$Model$CommandSpec");
            Class<?> option = loader.loadClass("picocli.CommandLine$Model$OptionSpec");
            Object command = spec.getMethod("create").invoke(null);
            Object builder = option.getMethod("builder", String[].class).invoke(null, (Object) new String[] {"-n"});
            var type = builder.getClass().getMethod("type", Class.class); // declared by a package-private class
            type.setAccessible(true);
            type.invoke(builder, int.class);
            spec.getMethod("addOption", option).invoke(command, builder.getClass().getMethod("build").invoke(builder));
            Object cli = commandLine.getConstructor(Object.class).newInstance(command);
            Object parsed = commandLine.getMethod("parseArgs", String[].class).invoke(cli, (Object) new String[] {"-n", "7"});
            assertThat(parsed.getClass().getMethod("matchedOptionValue", String.class, Object.class)
                    .invoke(parsed, "-n", 0)).isEqualTo(7);
        }
    }

    @Test
    void aJarWithoutOldClassesASignedJarAndABrokenOneAreLeftAsTheyAre() throws Exception {
        byte[] modern = Files.readAllBytes(Path.of(UpgradeOldClassFilesTest.class
                .getResource("UpgradeOldClassFilesTest.class").toURI()));
        byte[] old = modern.clone();
        old[6] = 0;
        old[7] = 49;
        Map<String, byte[]> modernOnly = new LinkedHashMap<>();
        modernOnly.put("org/example/Modern.class", modern);
        Map<String, byte[]> signed = new LinkedHashMap<>();
        signed.put("org/example/Old.class", old);
        signed.put("META-INF/SIGNER.SF", "Signature-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
        Map<String, byte[]> broken = new LinkedHashMap<>();
        broken.put("org/example/Old.class", old);
        broken.put("org/example/Junk.class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 48,
                1, 2, 3});
        List<Path> jars = new ArrayList<>();
        for (var e : Map.of("modern.jar", modernOnly, "signed.jar", signed, "broken.jar", broken).entrySet()) {
            jars.add(jar(e.getKey(), e.getValue()));
        }
        Path notAJar = tmp.resolve("not-a.jar");
        Files.writeString(notAJar, "PK but not a zip");
        jars.add(notAJar);
        Map<Path, byte[]> bytes = new LinkedHashMap<>();
        Map<Path, FileTime> times = new LinkedHashMap<>();
        for (Path j : jars) {
            Files.setLastModifiedTime(j, FileTime.fromMillis(1_700_000_000_000L));
            bytes.put(j, Files.readAllBytes(j));
            times.put(j, Files.getLastModifiedTime(j));
        }

        String err = upgrade(jars.toArray(Path[]::new));

        for (Path j : jars) {
            assertThat(Files.readAllBytes(j)).as(j.toString()).isEqualTo(bytes.get(j));
            assertThat(Files.getLastModifiedTime(j)).as(j.toString()).isEqualTo(times.get(j));
        }
        assertThat(err).contains("left broken.jar as it is: ").contains("left not-a.jar as it is: ")
                .doesNotContain("modern.jar").doesNotContain("signed.jar").doesNotContain("upgraded");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("modern.jar", "signed.jar", "broken.jar", "not-a.jar");
        }
    }

    private Path jar(String name, Map<String, byte[]> entries) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream o = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(o)) {
            for (var e : entries.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue());
                j.closeEntry();
            }
        }
        return p;
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) j.stream()::iterator) {
                try (var in = j.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** Runs the tool on {@code jars}: its stderr; its exit code is 0 whatever it did to them. */
    private String upgrade(Path... jars) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString(), tool.toString()));
        for (Path j : jars) {
            command.add(j.toString());
        }
        Path err = Files.createTempFile("upgrade", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(err);
            assertThat(p.exitValue()).as(text).isZero();
            return text;
        } finally {
            Files.delete(err);
        }
    }
}
