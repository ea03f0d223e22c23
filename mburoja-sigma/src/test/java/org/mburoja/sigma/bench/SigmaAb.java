package org.mburoja.sigma.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.mburoja.sigma.EngineOptions;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.JsonEvents;
import org.mburoja.sigma.LogSourceMapping;
import org.mburoja.sigma.SigmaEngine;
import org.mburoja.sigma.SigmaRules;

/**
 * Benchmark (not a test): compares two builds of this module in one JVM, as {@code IndicatorIndexAb} does for the
 * indicator index. On shared cores, separate runs minutes apart differ by more than most changes gain; here both
 * builds see the same machine state. Each build is loaded in its own class loader, compiles all of SigmaHQ's
 * {@code rules/} and {@code rules-emerging-threats/} with the log-source mapping, and reads the 8,255 EVTX events as
 * UTF-8 lines; then rounds alternate between the builds (A B, then B A), each timing {@code passes} passes of
 * JSON line to event ({@link JsonEvents#parse(byte[])}, the parser {@code hunt} uses) and {@link SigmaEngine#detect}
 * in CPU-seconds of this thread. Prints each round's ratio and the medians; the match counts must agree.
 *
 * <p>Run: {@code java -Xmx3g -cp <test classpath> org.mburoja.sigma.bench.SigmaAb <classpath A> <classpath B>
 * [shared dir [rounds [passes]]]}; each classpath holds the build's classes and test classes (with this class) and
 * the module's dependencies.
 */
public final class SigmaAb {

    private SigmaAb() {
    }

    /** One side: the engine and events of the build this class was loaded from; each call is one pass. */
    public static LongSupplier prepare(String sharedDir) throws Exception {
        Path data = Path.of(sharedDir).resolve("data");
        SigmaRules set = SigmaRules.load(List.of(data.resolve("sigma/rules"), data.resolve("sigma/rules-emerging-threats")));
        SigmaEngine engine = SigmaEngine.compile(set, EngineOptions.defaults()
                .withMapping(LogSourceMapping.load(data.resolve("sigma/logsource-mapping.yml"))));
        List<byte[]> lines = new ArrayList<>();
        for (String l : Files.readAllLines(data.resolve("evtx-attack/events.jsonl"))) {
            lines.add(l.getBytes(StandardCharsets.UTF_8));
        }
        byte[][] events = lines.toArray(byte[][]::new);
        return () -> {
            long matches = 0;
            for (byte[] line : events) {
                try {
                    Event e = JsonEvents.parse(line);
                    matches += engine.detect(e).matches().size();
                } catch (JsonEvents.MalformedEventException ex) {
                    throw new IllegalStateException(ex);
                }
            }
            return matches;
        };
    }

    public static void main(String[] args) throws Exception {
        String shared = args.length > 2 ? args[2] : "../shared";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        int passes = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        LongSupplier[] side = new LongSupplier[2];
        for (int s = 0; s < 2; s++) {
            URL[] urls = Arrays.stream(args[s].split(File.pathSeparator)).filter(x -> !x.isEmpty()).map(x -> {
                try {
                    return new File(x).toURI().toURL();
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalArgumentException(x, e);
                }
            }).toArray(URL[]::new);
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> c = Class.forName(SigmaAb.class.getName(), true, loader);
            side[s] = (LongSupplier) c.getMethod("prepare", String.class).invoke(null, shared);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] matches = new long[2];
        for (int w = 0; w < 12; w++) { // warm-up: the JIT settles after about ten passes
            for (int s = 0; s < 2; s++) {
                matches[s] = side[s].getAsLong();
            }
        }
        if (matches[0] != matches[1]) {
            System.out.printf(Locale.ROOT, "MATCH COUNTS DIFFER: A %d, B %d per pass%n", matches[0], matches[1]);
        }
        double[][] rate = new double[2][rounds];
        double[] ratio = new double[rounds];
        int events = 8255 * passes;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int s = r % 2 == 0 ? k : 1 - k;
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int p = 0; p < passes; p++) {
                    side[s].getAsLong();
                }
                rate[s][r] = events / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9);
            }
            ratio[r] = rate[1][r] / rate[0][r];
            System.out.printf(Locale.ROOT, "round %2d: A %,8.0f  B %,8.0f events per CPU-second  B/A %.3f%n", r,
                    rate[0][r], rate[1][r], ratio[r]);
        }
        System.out.printf(Locale.ROOT, "medians of %d rounds: A %,.0f  B %,.0f events per CPU-second; B/A %.3f "
                        + "(min %.3f, max %.3f); matches per pass A %d B %d%n", rounds, median(rate[0]), median(rate[1]),
                median(ratio), Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0), matches[0],
                matches[1]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
