package org.mburoja.intel.internal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.mburoja.stix.index.ObservedLookup;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark (a {@code main}, not a test): the server's live indicator index built from a PostgreSQL store (the
 * database {@code TaxiiBench} fills: 1,002,000 IPv4 indicators in two collections), then looked up as the match API
 * does (batched lookups plus each hit's placements). Prints the build's wall and CPU time, the heap the index keeps,
 * and lookups per CPU-second.
 *
 * <pre>
 * java -cp ... org.mburoja.intel.internal.LiveIndexBench [jdbc-url] [at] [lookups]
 * </pre>
 * {@code at} is the index's clock (TaxiiBench's indicators are valid from 2025-10-09, so the default clock is one
 * day later, when their scores are still above the threshold).
 */
public final class LiveIndexBench {

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:55432/mburoja_intel_bench";
        Instant at = Instant.parse(args.length > 1 ? args[1] : "2025-10-10T00:00:00Z");
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(System.getProperty("pg.user", "mburoja"));
        ds.setPassword(System.getProperty("pg.password", "mburoja"));
        StixRows rows = new StixRows(JdbcClient.create(ds), new JdbcTemplate(ds));
        LiveIndicators live = new LiveIndicators(new LiveIndicators.Rows() {
            @Override
            public List<StixRows.LiveRow> live(Set<String> types, long afterSeq, int fetch) {
                return rows.live(types, afterSeq, fetch);
            }

            @Override
            public List<StixRows.LiveRow> live(java.util.Collection<String> ids) {
                return rows.live(ids);
            }

            @Override
            public Set<String> inSeveralCollections(String type) {
                return rows.inSeveralCollections(type);
            }
        }, Clock.fixed(at, ZoneOffset.UTC), 0.05, 50_000);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        long heapBefore = usedHeap();
        var threadBean = ManagementFactory.getThreadMXBean();
        long cpu0 = os.getProcessCpuTime();
        long main0 = threadBean.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        live.rebuild();
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long mainCpu = threadBean.getCurrentThreadCpuTime() - main0;
        System.gc();
        long heap = usedHeap() - heapBefore;
        long indicators = live.state().indicators();
        System.out.printf("build: %,d indicators in %.1f s wall, %.1f s CPU (all threads; %.1f s of them the building "
                + "thread; PostgreSQL's own CPU not counted); heap kept %,d MB = %d B per indicator; load %s%n",
                indicators, wall / 1e9, cpu / 1e9, mainCpu / 1e9, heap >> 20, indicators == 0 ? 0 : heap / indicators,
                loadAverage());
        // look-ups as the match API does them: hit -> entry -> placements
        LiveIndicators.Generation g = live.current();
        // two mixes of event values: mostly known addresses (an attack's own traffic), and mostly unknown ones (the
        // everyday: about 2% of the values name an indicator)
        for (double known : new double[] {0.85, 0.02}) {
            String[] values = new String[1 << 16];
            java.util.Random r = new java.util.Random(7);
            for (int i = 0; i < values.length; i++) {
                // TaxiiBench's addresses are 0.0.0.0 .. 0.15.74.79 (n = 0..1,001,999)
                int n = r.nextDouble() < known ? r.nextInt(1_002_000) : 1_002_000 + r.nextInt(1 << 30);
                values[i] = ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
            }
            for (int round = 0; round < 4; round++) {
                long[] placements = {0};
                ObservedLookup<Integer> lookup = new ObservedLookup<>(g.index, 1024, h -> {
                    LiveIndicators.Entry e = g.entries.get(h.hit().indicatorUuid());
                    if (e != null) {
                        placements[0] += e.placements().size();
                    }
                });
                var threads = ManagementFactory.getThreadMXBean();
                long c0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < lookups; i++) {
                    lookup.add(i, values[i & (values.length - 1)]);
                }
                lookup.flush();
                long c = threads.getCurrentThreadCpuTime() - c0;
                System.out.printf("%.0f%% known, round %d: %,d values, %,d hits, %,d placements, %.2f M lookups per "
                        + "CPU-second%n", known * 100, round, lookups, lookup.hits(), placements[0],
                        lookups / (c / 1e9) / 1e6);
            }
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String loadAverage() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
