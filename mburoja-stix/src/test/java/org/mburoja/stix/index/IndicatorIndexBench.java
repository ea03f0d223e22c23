package org.mburoja.stix.index;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark (not a test): builds an index of N synthetic indicators (default 10,000,000) and measures single-thread
 * lookups per second for each kind, with memory per indicator; compares IPv4 lookups against a
 * {@code HashSet<String>} baseline holding the same IPv4 keys.
 *
 * <p>Run: {@code java -Xmx9g -Xmn256m -XX:+UseParallelGC -cp <test classpath>
 * org.mburoja.stix.index.IndicatorIndexBench
 * [N [queries [ipv4]]]} (a fixed young generation: see docs/benchmarks.md, 2026-12-07, on what fresh pages cost)
 * (a third argument keeps only the measurements whose name contains it, e.g. {@code "ipv4 batches"}, for
 * profiling; the baseline runs only without it).
 * {@code -Dbench.layout=interleaved} leaves the query values mixed in memory with the other kinds' values (the
 * default, {@code grouped}, copies each kind's values side by side).
 * Each measurement runs 5 s ({@code -Dbench.seconds=N} for longer, e.g. under a profiler).
 * Rates are per CPU-second of the measuring thread (the machine is shared), wall rates printed beside them.
 */
public final class IndicatorIndexBench {

    private IndicatorIndexBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int q = args.length > 1 ? Integer.parseInt(args[1]) : 1 << 20;
        queries = q;
        only = args.length > 2 ? args[2] : null;
        Map<String, LongSupplier> rounds = rounds(n, q);
        double ip = Double.NaN;
        for (Map.Entry<String, LongSupplier> r : rounds.entrySet()) {
            if (r.getKey().startsWith("baseline") && only != null) {
                continue;
            }
            double rate = measure(r.getKey(), r.getValue());
            if (r.getKey().equals("ipv4 (10% hits)")) {
                ip = rate;
            } else if (r.getKey().startsWith("baseline")) {
                System.out.printf(Locale.ROOT, "index ipv4 vs baseline: %.2fx%n", ip / rate);
            }
        }
    }

    /**
     * Builds the index of {@code n} synthetic indicators and {@code q} queries per kind, and returns the
     * measurements by name: each supplier looks up the whole query set once and returns the hits (also used by
     * {@link IndicatorIndexAb}, which compares two builds of this module in one JVM).
     */
    public static Map<String, LongSupplier> rounds(int n, int q) {
        Random r = new Random(42);
        int nIpv4 = n * 40 / 100;
        int nIpv6 = n * 10 / 100;
        int nDomain = n * 20 / 100;
        int nUrl = n * 10 / 100;
        int nSha256 = n * 10 / 100;
        int nMd5 = n * 5 / 100;
        int nEmail = n - nIpv4 - nIpv6 - nDomain - nUrl - nSha256 - nMd5;
        long[] ipv6 = new long[2 * nIpv6]; // query material, allocated before the heap is measured
        long before = usedHeap();
        long t0 = System.nanoTime();
        IndicatorTable.Builder b = new IndicatorTable.Builder(n);
        int[] ipv4 = new int[nIpv4];
        long id = 0;
        for (int i = 0; i < nIpv4; i++) {
            ipv4[i] = r.nextInt();
            int prefix = i % 20 == 0 ? 16 + r.nextInt(9) : 32;
            b.addIpv4(ipv4[i] & 0xFFFFFFFFL, prefix, 0x4000L, id++, (byte) (i % 5), 0.8f);
        }
        for (int i = 0; i < nIpv6; i++) {
            ipv6[2 * i] = 0x20010db8_00000000L | r.nextInt() & 0xFFFFFFFFL;
            ipv6[2 * i + 1] = r.nextLong();
            b.addIpv6(ipv6[2 * i], ipv6[2 * i + 1], i % 10 == 0 ? 64 : 128, 0x4000L, id++, (byte) 1, 0.8f);
        }
        for (int i = 0; i < nDomain; i++) {
            String d = listedDomain(i);
            b.addText(ObservableKind.DOMAIN, KeyCompiler.textHash(d), d, 0x4000L, id++, (byte) 2, 0.8f);
        }
        for (int i = 0; i < nUrl; i++) {
            String u = "http://" + domain(i + 7_000_000) + "/p/" + i + "/index.php";
            b.addText(ObservableKind.URL, KeyCompiler.flatHash(u), u, 0x4000L, id++, (byte) 2, 0.8f);
        }
        for (int i = 0; i < nSha256; i++) {
            b.addKey(ObservableKind.SHA256, r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), 0x4000L, id++,
                    (byte) 1, 0.8f, -1);
        }
        for (int i = 0; i < nMd5; i++) {
            b.addKey(ObservableKind.MD5, r.nextLong(), r.nextLong(), 0, 0, 0x4000L, id++, (byte) 1, 0.8f, -1);
        }
        for (int i = 0; i < nEmail; i++) {
            String e = "user" + i + "@" + domain(i + 3_000_000);
            b.addText(ObservableKind.EMAIL, KeyCompiler.flatHash(e), e, 0x4000L, id++, (byte) 1, 0.8f);
        }
        IndicatorIndex index = IndicatorIndex.create();
        keepAlive = index;
        index.loadBase(b);
        b = null;
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "indicators: %,d (ipv4 %,d incl. 5%% CIDR, ipv6 %,d, domains %,d, urls %,d, "
                        + "sha256 %,d, md5 %,d, e-mail %,d)%n", n, nIpv4, nIpv6, nDomain, nUrl, nSha256, nMd5, nEmail);
        System.out.printf(Locale.ROOT, "build: %,d ms; heap used by the index: %,d MB = %.1f bytes per indicator%n",
                buildMs, (after - before) >> 20, (after - before) / (double) n);

        System.out.printf(Locale.ROOT, "query set: %,d distinct values, cycled%n", q);
        String[] ipQueries = new String[q];
        String[] domainQueries = new String[q];
        String[] hashQueries = new String[q];
        String[] urlQueries = new String[q];
        String[] emailQueries = new String[q];
        String[] ipv6Queries = new String[q];
        Random qr = new Random(7);
        Random qr2 = new Random(11);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < q; i++) {
            int a = i % 10 == 0 ? ipv4[qr.nextInt(nIpv4)] : qr.nextInt();
            ipQueries[i] = (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
            domainQueries[i] = i % 10 == 0 ? "www." + listedDomain(qr.nextInt(nDomain))
                    : "cdn" + i + ".benign-site.com";
            byte[] h = new byte[32];
            qr.nextBytes(h);
            hashQueries[i] = hex.formatHex(h);
            urlQueries[i] = "https://benign-site.com/page/" + i + "?q=" + (i * 31);
            int e = qr2.nextInt(nEmail);
            emailQueries[i] = i % 10 == 0 ? "user" + e + "@" + domain(e + 3_000_000)
                    : "someone" + i + "@benign-site.com";
            int v6 = qr2.nextInt(nIpv6);
            long v6hi = ipv6[2 * v6];
            long v6lo = i % 10 == 0 ? ipv6[2 * v6 + 1] : qr2.nextLong();
            ipv6Queries[i] = String.format(Locale.ROOT, "%x:%x:%x:%x:%x:%x:%x:%x", v6hi >>> 48, v6hi >>> 32 & 0xFFFF,
                    v6hi >>> 16 & 0xFFFF, v6hi & 0xFFFF, v6lo >>> 48, v6lo >>> 32 & 0xFFFF, v6lo >>> 16 & 0xFFFF,
                    v6lo & 0xFFFF);
        }
        String layout = System.getProperty("bench.layout", "grouped");
        System.out.println("query values: " + layout);
        if (layout.equals("grouped")) {
            // each kind's values copied side by side, in query order, as the values of a batch of events sit in
            // memory after parsing; "interleaved" leaves them mixed with the other kinds' values (generated in
            // one loop), so that every value is a cache miss of its own: the harsher case, and the one where
            // garbage collections decide the layout (a young collection copies strings in the order it finds
            // them), which made runs differ by up to 2x
            for (String[] kind : new String[][] {ipQueries, ipv6Queries, domainQueries, hashQueries, urlQueries,
                emailQueries}) {
                for (int i = 0; i < q; i++) {
                    kind[i] = new String(kind[i].toCharArray());
                }
                usedHeap();
            }
        }
        Map<String, LongSupplier> rounds = new LinkedHashMap<>();
        rounds.put("ipv4 (10% hits)", () -> ips(index, ipQueries));
        rounds.put("ipv4 batches of 256 (10% hits)", () -> batched(ipQueries, index::lookupIps));
        rounds.put("ipv6 (10% hits)", () -> ips(index, ipv6Queries));
        rounds.put("ipv6 batches of 256", () -> batched(ipv6Queries, index::lookupIps));
        rounds.put("domain incl. parent domains (10% hits)", () -> domains(index, domainQueries));
        rounds.put("domain batches of 256", () -> batched(domainQueries, index::lookupDomains));
        rounds.put("sha-256 (misses)", () -> hashes(index, hashQueries));
        rounds.put("sha-256 batches of 256", () -> batched(hashQueries, index::lookupHashes));
        rounds.put("url with normalisation (misses)", () -> urls(index, urlQueries));
        rounds.put("url batches of 256", () -> batched(urlQueries, index::lookupUrls));
        rounds.put("e-mail (10% hits)", () -> emails(index, emailQueries));
        rounds.put("e-mail batches of 256", () -> batched(emailQueries, index::lookupEmails));
        Set<String> baseline = new HashSet<>();
        rounds.put("baseline HashSet<String>.contains ipv4", () -> {
            if (baseline.isEmpty()) {
                for (int a : ipv4) {
                    baseline.add((a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255));
                }
                System.out.printf(Locale.ROOT, "baseline: HashSet<String> of the %,d IPv4 keys (exact match only, no"
                        + " CIDR, no answer object)%n", ipv4.length);
            }
            long hits = 0;
            for (String s : ipQueries) {
                hits += baseline.contains(s) ? 1 : 0;
            }
            return hits;
        });
        return rounds;
    }

    // One loop per kind, so that each call site sees one lookup method (a shared loop with a switch would carry the
    // profile of every kind measured before it into the next one's compiled code).

    private static long ips(IndicatorIndex index, String[] queries) {
        long hits = 0;
        for (String s : queries) {
            hits += index.lookupIp(s).size();
        }
        return hits;
    }

    private static long domains(IndicatorIndex index, String[] queries) {
        long hits = 0;
        for (String s : queries) {
            hits += index.lookupDomain(s).size();
        }
        return hits;
    }

    private static long hashes(IndicatorIndex index, String[] queries) {
        long hits = 0;
        for (String s : queries) {
            hits += index.lookupHash(s).size();
        }
        return hits;
    }

    private static long urls(IndicatorIndex index, String[] queries) {
        long hits = 0;
        for (String s : queries) {
            hits += index.lookupUrl(s).size();
        }
        return hits;
    }

    private static long emails(IndicatorIndex index, String[] queries) {
        long hits = 0;
        for (String s : queries) {
            hits += index.lookupEmail(s).size();
        }
        return hits;
    }

    /** One of the index's batch lookups. */
    private interface Batch {
        int lookup(String[] values, int count, IndicatorIndex.BatchHits hits);
    }

    /** The query set in batches of 256, as a detection pipeline hands over the values of a batch of events. */
    private static long batched(String[] queries, Batch lookup) {
        long hits = 0;
        String[] batch = new String[256];
        for (int i = 0; i < queries.length; i += 256) {
            int len = Math.min(256, queries.length - i);
            System.arraycopy(queries, i, batch, 0, len);
            hits += lookup.lookup(batch, len, (p, h) -> { });
        }
        return hits;
    }

    private static int queries;
    /** When set, only the measurements whose name contains it run. */
    private static String only;
    /** Keeps the index reachable so the baseline's memory figure is not skewed by collecting it. */
    static volatile Object keepAlive;

    private static double measure(String name, LongSupplier round) {
        if (only != null && !name.contains(only)) {
            return Double.NaN;
        }
        for (int i = 0; i < 3; i++) {
            round.getAsLong();
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long ops = 0;
        long hits = 0;
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long end = start + Long.getLong("bench.seconds", 5) * 1_000_000_000L;
        while (System.nanoTime() < end) {
            hits += round.getAsLong();
            ops += queries;
        }
        double wall = ops / ((System.nanoTime() - start) / 1e9);
        double perCpuSecond = ops / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        System.out.printf(Locale.ROOT, "%-42s %,13.0f lookups per CPU-second (wall: %,.0f/s), %,d hits%n", name,
                perCpuSecond, wall, hits);
        return perCpuSecond;
    }

    /**
     * A listed domain of 2, 3 or 4 labels in equal parts, as lists mix registered domains and host names (none is a
     * bare top-level domain).
     */
    private static String listedDomain(int i) {
        String host = "host" + Integer.toString(i, 36);
        return switch (i % 3) {
            case 0 -> host + ".com";
            case 1 -> host + ".example-" + (i % 997) + ".com";
            default -> "mail." + host + ".example-" + (i % 997) + ".com";
        };
    }

    private static String domain(int i) {
        return "host" + Integer.toString(i, 36) + ".example-" + (i % 997) + ".com";
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
