package org.mburoja.stix.index;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Benchmark (not a test): compares two builds of this module in one JVM, so that both see the same machine state
 * (on shared cores, separate runs minutes apart differ by more than most changes gain). Each build is loaded in its
 * own class loader and builds its own {@link IndicatorIndexBench} index; then rounds alternate between them
 * (A B, then B A), each round timing whole passes over the query set in CPU-seconds of this thread.
 *
 * <p>Run: {@code java -Xmx14g -Xmn512m -XX:+UseParallelGC -cp <test classpath>
 * org.mburoja.stix.index.IndicatorIndexAb <classpath A> <classpath B> <measurement name part> [rounds [N [queries]]]};
 * each classpath holds the build's classes and test classes (its own {@code IndicatorIndexBench}) and the module's
 * dependencies.
 */
public final class IndicatorIndexAb {

    private IndicatorIndexAb() {
    }

    public static void main(String[] args) throws Exception {
        String part = args[2];
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 10_000_000;
        int q = args.length > 5 ? Integer.parseInt(args[5]) : 1 << 20;
        List<Map<String, LongSupplier>> sides = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            URL[] urls = Arrays.stream(args[s].split(File.pathSeparator)).filter(x -> !x.isEmpty())
                    .map(x -> {
                        try {
                            return new File(x).toURI().toURL();
                        } catch (java.net.MalformedURLException e) {
                            throw new IllegalArgumentException(x, e);
                        }
                    }).toArray(URL[]::new);
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> bench = Class.forName(IndicatorIndexBench.class.getName(), true, loader);
            System.out.println((s == 0 ? "A" : "B") + ":");
            @SuppressWarnings("unchecked")
            Map<String, LongSupplier> m = (Map<String, LongSupplier>) bench.getMethod("rounds", int.class, int.class)
                    .invoke(null, n, q);
            sides.add(m);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String name : sides.get(0).keySet()) {
            if (!name.contains(part) || name.startsWith("baseline")) {
                continue;
            }
            LongSupplier[] run = {sides.get(0).get(name), sides.get(1).get(name)};
            long[] hits = new long[2];
            for (int w = 0; w < 3; w++) {
                for (int s = 0; s < 2; s++) {
                    hits[s] = run[s].getAsLong();
                }
            }
            double[][] rate = new double[2][rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int s = r % 2 == 0 ? k : 1 - k;
                    long c0 = cpu.getCurrentThreadCpuTime();
                    for (int pass = 0; pass < 3; pass++) {
                        run[s].getAsLong();
                    }
                    rate[s][r] = 3.0 * q / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
                }
                ratio[r] = rate[1][r] / rate[0][r];
            }
            System.out.printf(Locale.ROOT, "%-42s A %,11.0f  B %,11.0f lookups/CPU-s (medians of %d rounds); "
                            + "B/A %.3f (rounds: min %.3f, max %.3f); hits per pass A %,d B %,d%n", name,
                    median(rate[0]), median(rate[1]), rounds, median(ratio), Arrays.stream(ratio).min().orElse(0),
                    Arrays.stream(ratio).max().orElse(0), hits[0], hits[1]);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
