package org.mburoja.operators.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mburoja.operators.internal.IpBlock.IpAddress;

/**
 * Benchmark of the constituency index (not a test): 10,000 operators holding 1,000,000 CIDR blocks (90% IPv4 with
 * nested allocations, 10% IPv6), 100,000 domains and 20,000 AS numbers. Prints build time, heap used, lookups per
 * second on one thread for IPv4, IPv6, domains and ASNs, and two baselines measured in the same run: a hash map per
 * prefix length (what a hand-written longest-prefix match usually is) and a linear scan (on a sample of lookups).
 *
 * <p>Run: {@code java -Xmx2g -cp mburoja-app/target/classes:mburoja-app/target/test-classes
 * org.mburoja.operators.internal.ConstituencyBench}
 */
public final class ConstituencyBench {

    static final int OPERATORS = 10_000;
    static final int RANGES = 1_000_000;

    public static void main(String[] args) {
        Random rnd = new Random(42);
        List<IpBlock> blocks = new ArrayList<>(RANGES);
        int[] owners = new int[RANGES];
        for (int i = 0; i < RANGES; i++) {
            boolean v6 = i % 10 == 9;
            IpBlock b;
            if (!v6) {
                // allocations inside 64 /8s, with /12-/16 parents and /20-/29 customer blocks nested in them
                int prefix = i % 20 == 0 ? 12 + rnd.nextInt(5) : 20 + rnd.nextInt(10);
                long addr = ((long) (rnd.nextInt(64) + 64) << 24) | (rnd.nextLong() & 0xFFFFFFL);
                b = new IpBlock(false, 0, addr, prefix).masked();
            } else {
                int prefix = 32 + rnd.nextInt(33);
                long hi = 0x2a000000_00000000L | (rnd.nextLong() & 0x00FFFFFF_FFFFFFFFL);
                b = new IpBlock(true, hi, 0, prefix).masked();
            }
            blocks.add(b);
            owners[i] = rnd.nextInt(OPERATORS);
        }
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            domains.add("operator" + (i % OPERATORS) + "-d" + i + (i % 3 == 0 ? ".al" : ".com.al"));
        }

        gc();
        long heapBefore = used();
        long t0 = System.nanoTime();
        ConstituencyIndex.Builder builder = ConstituencyIndex.builder();
        for (int i = 0; i < RANGES; i++) {
            builder.addBlock(blocks.get(i), owners[i]);
        }
        for (int i = 0; i < domains.size(); i++) {
            builder.addDomain(domains.get(i), i % OPERATORS);
        }
        for (int i = 0; i < 20_000; i++) {
            builder.addAsn(64_512 + i, i % OPERATORS);
        }
        ConstituencyIndex index = builder.build();
        double buildMs = (System.nanoTime() - t0) / 1e6;
        gc();
        long heapIndex = used() - heapBefore;
        System.out.printf("operators=%d ranges=%d distinct blocks=%d build=%.0f ms heap(index)=%.1f MB (estimate %.1f MB)%n",
                OPERATORS, RANGES, index.blocks(), buildMs, heapIndex / 1e6, index.approximateBytes() / 1e6);

        int n = 2_000_000;
        IpAddress[] v4 = new IpAddress[n];
        IpAddress[] v6 = new IpAddress[n];
        for (int i = 0; i < n; i++) {
            v4[i] = new IpAddress(false, 0, ((long) (rnd.nextInt(64) + 64) << 24) | (rnd.nextLong() & 0xFFFFFFL));
            v6[i] = new IpAddress(true, 0x2a000000_00000000L | (rnd.nextLong() & 0x00FFFFFF_FFFFFFFFL), rnd.nextLong());
        }
        String[] names = new String[n / 4];
        for (int i = 0; i < names.length; i++) {
            // half are subdomains of registered names, half unknown names
            names[i] = i % 2 == 0 ? "www.mail." + domains.get(rnd.nextInt(domains.size()))
                    : "www.mail.unknown" + rnd.nextInt(1_000_000) + ".al";
        }
        for (int round = 0; round < 3; round++) {
            long hits = 0;
            long s = System.nanoTime();
            for (IpAddress a : v4) {
                hits += index.lookup(a) == null ? 0 : 1;
            }
            double v4Rate = n / ((System.nanoTime() - s) / 1e9);
            long hits6 = 0;
            s = System.nanoTime();
            for (IpAddress a : v6) {
                hits6 += index.lookup(a) == null ? 0 : 1;
            }
            double v6Rate = n / ((System.nanoTime() - s) / 1e9);
            long dh = 0;
            s = System.nanoTime();
            for (String d : names) {
                dh += index.lookupDomain(d) == null ? 0 : 1;
            }
            double dRate = names.length / ((System.nanoTime() - s) / 1e9);
            long ah = 0;
            s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ah += index.lookupAsn(64_000 + (i % 40_000)).length;
            }
            double aRate = n / ((System.nanoTime() - s) / 1e9);
            long raw = 0;
            s = System.nanoTime();
            for (IpAddress a : v4) {
                raw += index.blockOf(a);
            }
            double rawRate = n / ((System.nanoTime() - s) / 1e9);
            System.out.printf("round %d index: IPv4 %.2f M/s (hits %d), IPv6 %.2f M/s (hits %d), domain %.2f M/s"
                    + " (hits %d), ASN %.2f M/s (%d); IPv4 match only, no answer object: %.2f M/s (%d)%n", round,
                    v4Rate / 1e6, hits, v6Rate / 1e6, hits6, dRate / 1e6, dh, aRate / 1e6, ah, rawRate / 1e6, raw);
        }

        // baseline 1: one hash map per prefix length, probed from /32 down (IPv4 only)
        List<Map<Long, Integer>> perPrefix = new ArrayList<>();
        for (int p = 0; p <= 32; p++) {
            perPrefix.add(new HashMap<>());
        }
        for (int i = 0; i < RANGES; i++) {
            IpBlock b = blocks.get(i);
            if (!b.v6()) {
                perPrefix.get(b.prefix()).putIfAbsent(b.lo(), owners[i]);
            }
        }
        for (int round = 0; round < 2; round++) {
            long hits = 0;
            long s = System.nanoTime();
            for (IpAddress a : v4) {
                for (int p = 32; p >= 0; p--) {
                    long net = p == 0 ? 0 : a.lo() & (0xFFFFFFFFL << (32 - p)) & 0xFFFFFFFFL;
                    Integer o = perPrefix.get(p).get(net);
                    if (o != null) {
                        hits++;
                        break;
                    }
                }
            }
            System.out.printf("baseline hash-per-prefix: IPv4 %.2f M/s (hits %d)%n", n / ((System.nanoTime() - s) / 1e9) / 1e6, hits);
        }
        // baseline 2: linear scan over all blocks, on a sample
        int sample = 200;
        long s = System.nanoTime();
        long hits = 0;
        for (int i = 0; i < sample; i++) {
            IpAddress a = v4[i];
            int best = -1;
            for (IpBlock b : blocks) {
                if (b.contains(a) && b.prefix() > best) {
                    best = b.prefix();
                }
            }
            hits += best >= 0 ? 1 : 0;
        }
        System.out.printf("baseline linear scan: IPv4 %.0f lookups/s (%d of %d hit)%n",
                sample / ((System.nanoTime() - s) / 1e9), hits, sample);
        // agreement check on the sample, so the figures compare equal answers
        for (int i = 0; i < sample; i++) {
            IpAddress a = v4[i];
            int best = -1;
            for (IpBlock b : blocks) {
                if (b.contains(a) && b.prefix() > best) {
                    best = b.prefix();
                }
            }
            ConstituencyIndex.IpMatch m = index.lookup(a);
            if ((m == null ? -1 : m.block().prefix()) != best) {
                throw new IllegalStateException("index and scan disagree on " + a);
            }
        }
        System.out.println("index and linear scan agree on the sample");
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
