package org.mburoja.sigma.bench;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mburoja.sigma.EngineOptions;
import org.mburoja.sigma.JsonEvents;
import org.mburoja.sigma.LogSourceMapping;
import org.mburoja.sigma.SigmaEngine;
import org.mburoja.sigma.SigmaRules;
import org.mburoja.sigma.hunt.Hunt;
import org.mburoja.sigma.hunt.HuntOptions;
import org.mburoja.sigma.hunt.HuntReport;

/**
 * The Sigma benchmark (a program, not a test): replicates evtx-attack/events.jsonl to at least N events in a
 * temporary directory, loads every SigmaHQ rule (rules/ and rules-emerging-threats/), and prints compile time, heap
 * after compile, JSON-parse-only throughput (the baseline) and end-to-end hunt throughput with 1 and 2 threads,
 * without and with correlation rules. Results go to docs/benchmarks.md.
 *
 * <pre>java -cp target/classes:target/test-classes:$(deps) org.mburoja.sigma.bench.SigmaBench ../shared [events] [one-thread]</pre>
 *
 * <p>With a third argument {@code one-thread}, only the 1-thread hunt runs (after the baseline). Each hunt reads the
 * events through its stdin source so the bench can note the process CPU when the first byte is read: the CPU of the
 * scan phase alone (reading, parsing, detection, correlation, writing, GC), without rule loading and compilation,
 * is printed next to the end-to-end figure.
 */
public final class SigmaBench {

    private SigmaBench() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared").resolve("data");
        long target = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        boolean oneThreadOnly = args.length > 2 && args[2].equals("one-thread");
        Path rules = shared.resolve("sigma/rules");
        Path emerging = shared.resolve("sigma/rules-emerging-threats");
        Path mapping = shared.resolve("sigma/logsource-mapping.yml");
        List<String> lines = Files.readAllLines(shared.resolve("evtx-attack/events.jsonl"));

        // compile time and heap after compile
        System.gc();
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        SigmaRules set = SigmaRules.load(List.of(rules, emerging));
        long t1 = System.nanoTime();
        SigmaEngine engine = SigmaEngine.compile(set, EngineOptions.defaults().withMapping(LogSourceMapping.load(mapping)));
        long t2 = System.nanoTime();
        System.gc();
        long heapAfter = usedHeap();
        System.out.printf("rules: %,d documents from %,d files, %,d compiled, %,d rejected, %,d literals in the pre-filter%n",
                set.documents().size(), set.files(), engine.detectionRuleCount(), engine.problems().size(), engine.literalCount());
        System.out.printf("compile: parse %,d ms + compile %,d ms = %,d ms; heap after compile %,d MB (engine alone ~%,d MB)%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000, heapAfter >> 20,
                (heapAfter - heapBefore) >> 20);

        Path dir = Files.createTempDirectory("sigma-bench");
        Path events = dir.resolve("events.jsonl");
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(events)) {
            while (written < target) {
                for (String l : lines) {
                    w.write(l);
                    w.write('\n');
                    written++;
                }
            }
        }
        System.out.printf("events: %,d lines (%,d MB) in %s%n", written, Files.size(events) >> 20, events);

        // baseline: read + JSON parse only, one thread
        for (int round = 0; round < 2; round++) {
            long s = System.nanoTime();
            long cpu = cpuNanos();
            long n = 0;
            try (var r = Files.newBufferedReader(events)) {
                String l;
                while ((l = r.readLine()) != null) {
                    JsonEvents.parse(l);
                    n++;
                }
            }
            double secs = (System.nanoTime() - s) / 1e9;
            double cpuSecs = (cpuNanos() - cpu) / 1e9;
            System.out.printf("baseline read+parse (1 thread, round %d): %,.0f events/s wall, %,.0f events per CPU-second%n",
                    round, n / secs, n / cpuSecs);
        }
        Path correlations = Path.of(SigmaBench.class.getResource("/bench/correlations.yml").toURI());
        int[][] runs = oneThreadOnly ? new int[][] {{0, 1}} : new int[][] {{0, 1}, {0, 2}, {1, 2}};
        for (int[] run : runs) {
            boolean withCorrelations = run[0] == 1;
            int threads = run[1];
            {
                List<Path> ruleDirs = new ArrayList<>(List.of(rules, emerging));
                if (withCorrelations) {
                    ruleDirs.add(correlations);
                }
                HuntOptions o = new HuntOptions(ruleDirs, List.of("-"), mapping, null, null, threads,
                        HuntOptions.Output.JSONL, null, false, HuntOptions.DEFAULT_MAX_LINE, false);
                long cpu = cpuNanos();
                HuntReport r;
                long[] scanCpuStart = {0};
                try (var in = new java.io.FilterInputStream(Files.newInputStream(events)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws java.io.IOException {
                        if (scanCpuStart[0] == 0) {
                            scanCpuStart[0] = cpuNanos();
                        }
                        return super.read(b, off, len);
                    }
                }) {
                    r = Hunt.run(o, in, new PrintStream(OutputStream.nullOutputStream()),
                            new PrintStream(OutputStream.nullOutputStream()));
                }
                long cpuEnd = cpuNanos();
                double cpuSecs = (cpuEnd - cpu) / 1e9;
                double scanCpuSecs = (cpuEnd - scanCpuStart[0]) / 1e9;
                long matches = r.matches().values().stream().mapToLong(Long::longValue).sum();
                System.out.printf("hunt end-to-end, %d thread(s)%s: %,d events in %,d ms = %,.0f events/s wall; "
                                + "%,.0f events per CPU-second (all threads, incl. compile and GC); %,d matches; compile %,d ms%n",
                        threads, withCorrelations ? ", with correlations" : "", r.events(), r.scanMs(),
                        r.events() * 1000.0 / r.scanMs(), r.events() / cpuSecs, matches, r.compileMs());
                System.out.printf("  scan phase alone: %,.2f CPU-s = %,.0f events per CPU-second (all threads, incl. GC, "
                                + "excl. rule load and compile: %,.2f CPU-s)%n",
                        scanCpuSecs, r.events() / scanCpuSecs, cpuSecs - scanCpuSecs);
            }
        }
        Files.delete(events);
        Files.delete(dir);
        System.out.printf("load average at end: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    /** CPU time of the whole process: on a shared machine this, not wall time, says what one core achieves. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
