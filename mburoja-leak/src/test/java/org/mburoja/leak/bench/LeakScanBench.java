package org.mburoja.leak.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.mburoja.leak.EntityType;
import org.mburoja.leak.LeakScanner;
import org.mburoja.leak.ScanOptions;
import org.mburoja.leak.ScanProgress;
import org.mburoja.leak.ScanReport;

/**
 * Benchmark, not a test: scans a generated dump on one thread with every recogniser on, prints MB/s per core (wall
 * and CPU time), heap and resident memory, then runs ripgrep single-threaded over the same files with the raw
 * patterns of the same identifiers (no validation, no context) and prints the ratio. Usage:
 * {@code java -cp <test-classpath> org.mburoja.leak.bench.LeakScanBench <dir-or-files>...}
 *
 * <p>For A/B runs of two builds: {@code -Dbench.repeat=N} scans N times in the same JVM and prints each scan (the
 * first includes warm-up: interpreted and C1 code before C2 has compiled the hot loops), and {@code -Dbench.rg=false}
 * leaves out the ripgrep run. Besides the CPU time of the scanning thread it prints the CPU time of the whole process
 * over the scan (JIT compiler and GC threads included), which is the honest cost on a loaded machine.
 */
public final class LeakScanBench {

    static final String[] RAW_PATTERNS = {
            "[0-9A-T][0-9]{8}[A-Z]",                                   // NID / NIPT shape
            "[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}",                 // IBAN shape
            "(?:\\+355 ?|00355|0)6[789] ?[0-9]{3} ?[0-9]{4}",         // Albanian mobile
            "[A-Z]{2} ?[0-9]{3,4} ?[A-Z]{1,2}",                       // plates
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}",         // e-mail
    };

    public static void main(String[] args) throws Exception {
        List<Path> inputs = new ArrayList<>();
        for (String a : args) {
            inputs.add(Path.of(a));
        }
        long bytes = 0;
        List<String> files = new ArrayList<>();
        for (Path p : inputs) {
            try (var s = Files.isDirectory(p) ? Files.list(p) : java.util.stream.Stream.of(p)) {
                for (Path f : s.filter(f -> !f.getFileName().toString().equals("truth.json")).sorted().toList()) {
                    bytes += Files.size(f);
                    files.add(f.toString());
                }
            }
        }
        var threads = ManagementFactory.getThreadMXBean();
        AtomicLong peakHeap = new AtomicLong();
        ScanProgress sample = (done, total, file) -> {
            Runtime rt = Runtime.getRuntime();
            peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        };
        LeakScanner scanner = new LeakScanner(ScanOptions.defaults());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int repeat = Integer.getInteger("bench.repeat", 1);
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "input: %d files, %.1f MB%n", files.size(), mb);
        long cpu = 0;
        long wall = 0;
        for (int run = 1; run <= repeat; run++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long proc0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ScanReport r = scanner.scan(files.stream().map(Path::of).toList(), sample);
            wall = System.nanoTime() - t0;
            cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long proc = os.getProcessCpuTime() - proc0;
            System.out.printf(Locale.ROOT, "mburoja scan %d (1 thread, all recognisers): %.1f s wall, %.2f s CPU, "
                    + "%.1f MB/s per core (CPU); process CPU %.2f s (%.1f MB/s); %.1f MB/s wall%n", run, wall / 1e9,
                    cpu / 1e9, mb / (cpu / 1e9), proc / 1e9, mb / (proc / 1e9), mb / (wall / 1e9));
            System.out.printf(Locale.ROOT, "  nid %d, nipt %d, iban %d, phone %d, plate %d, email %d; distinct_nids %d, "
                            + "distinct_persons %d%n", r.count(EntityType.NID), r.count(EntityType.NIPT),
                    r.count(EntityType.IBAN), r.count(EntityType.PHONE), r.count(EntityType.PLATE),
                    r.count(EntityType.EMAIL), r.distinctNids(), r.distinctPersons());
        }
        System.out.printf(Locale.ROOT, "  peak heap in use (sampled) %.0f MB, max heap %.0f MB, RSS peak %s%n",
                peakHeap.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6, rssPeak());
        if (!Boolean.parseBoolean(System.getProperty("bench.rg", "true"))) {
            return;
        }

        StringBuilder rgCmd = new StringBuilder("rg -j1 --no-config --count-matches --no-filename");
        for (String p : RAW_PATTERNS) {
            rgCmd.append(" -e '").append(p).append("'");
        }
        for (String f : files) {
            rgCmd.append(" '").append(f).append("'");
        }
        // bash's `times` prints the CPU time of its children: rg's user and system seconds
        List<String> cmd = List.of("bash", "-c", rgCmd + " | awk '{s+=$1} END {print \"matches \" s}'; times");
        long g0 = System.nanoTime();
        Process rg = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(rg.getInputStream().readAllBytes());
        int code = rg.waitFor();
        long gw = System.nanoTime() - g0;
        double rgCpu = childCpuSeconds(out);
        System.out.printf(Locale.ROOT, "rg -j1 raw patterns (no validation, no context): %.1f s wall, %.1f s CPU, "
                + "%.1f MB/s per core (CPU) (exit %d)%n", gw / 1e9, rgCpu, mb / rgCpu, code);
        System.out.println("  " + out.lines().filter(l -> l.startsWith("matches")).findFirst().orElse("?")
                + " raw matches");
        System.out.printf(Locale.ROOT, "ratio mburoja/rg, per core (CPU time): %.2f; wall: %.2f%n",
                rgCpu / (cpu / 1e9), (double) gw / wall);
    }

    /** Sums the second line of bash's {@code times} output ("0m1.234s 0m0.100s"): children's user + system. */
    static double childCpuSeconds(String out) {
        List<String> lines = out.lines().filter(l -> l.matches("\\d+m[\\d.]+s \\d+m[\\d.]+s")).toList();
        if (lines.size() < 2) {
            return Double.NaN;
        }
        double total = 0;
        for (String part : lines.get(1).split(" ")) {
            String[] ms = part.replace("s", "").split("m");
            total += Integer.parseInt(ms[0]) * 60 + Double.parseDouble(ms[1]);
        }
        return total;
    }

    static String rssPeak() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM")) {
                return l.substring(6).trim();
            }
        }
        return "?";
    }
}
