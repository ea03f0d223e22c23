package org.mburoja.operators.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.operators.internal.ConstituencyIndex.IpMatch;
import org.mburoja.operators.internal.IpBlock.IpAddress;

class ConstituencyIndexTest {

    record Owned(IpBlock block, int owner) {
    }

    static Stream<Long> seeds() {
        return java.util.stream.LongStream.rangeClosed(1, 40).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void longestPrefixMatchAgreesWithALinearScan(long seed) {
        Random rnd = new Random(seed);
        List<Owned> owned = new ArrayList<>();
        int blocks = 1 + rnd.nextInt(seed % 5 == 0 ? 3 : 400);
        for (int i = 0; i < blocks; i++) {
            boolean v6 = rnd.nextInt(3) == 0;
            IpBlock b = randomBlock(rnd, v6, owned);
            owned.add(new Owned(b, rnd.nextInt(30)));
        }
        ConstituencyIndex.Builder builder = ConstituencyIndex.builder();
        owned.forEach(o -> builder.addBlock(o.block(), o.owner()));
        ConstituencyIndex index = builder.build();

        List<IpAddress> probes = new ArrayList<>();
        for (Owned o : owned) {
            IpBlock b = o.block();
            probes.add(new IpAddress(b.v6(), b.hi(), b.lo()));
            probes.add(new IpAddress(b.v6(), b.endHi(), b.endLo()));
            probes.add(step(b.v6(), b.hi(), b.lo(), -1));
            probes.add(step(b.v6(), b.endHi(), b.endLo(), +1));
            probes.add(inside(rnd, b));
        }
        for (int i = 0; i < 200; i++) {
            probes.add(randomAddress(rnd, rnd.nextBoolean()));
        }
        for (IpAddress a : probes) {
            IpMatch expected = naive(owned, a);
            IpMatch actual = index.lookup(a);
            if (expected == null) {
                assertThat(actual).as("lookup of %s", a).isNull();
            } else {
                assertThat(actual).as("lookup of %s", a).isNotNull();
                assertThat(actual.block()).as("block for %s", a).isEqualTo(expected.block());
                assertThat(actual.owners()).as("owners for %s", a).containsExactly(expected.owners());
            }
        }
    }

    @Test
    void findsTheMostSpecificOfNestedBlocksAndFallsBackToTheEnclosingOne() {
        ConstituencyIndex index = ConstituencyIndex.builder()
                .addBlock(IpBlock.parse("10.0.0.0/8"), 1)
                .addBlock(IpBlock.parse("10.1.0.0/16"), 2)
                .addBlock(IpBlock.parse("10.1.2.0/24"), 3)
                .addBlock(IpBlock.parse("10.1.2.0/24"), 4)
                .addBlock(IpBlock.parse("2001:db8::/32"), 5)
                .addBlock(IpBlock.parse("2001:db8:ab::/48"), 6)
                .build();
        assertThat(index.lookup(IpAddress.parse("10.1.2.3")).owners()).containsExactly(3, 4);
        assertThat(index.lookup(IpAddress.parse("10.1.3.3")).owners()).containsExactly(2);
        assertThat(index.lookup(IpAddress.parse("10.200.0.1")).block()).hasToString("10.0.0.0/8");
        assertThat(index.lookup(IpAddress.parse("11.0.0.0"))).isNull();
        assertThat(index.lookup(IpAddress.parse("2001:db8:ab:1::1")).owners()).containsExactly(6);
        assertThat(index.lookup(IpAddress.parse("2001:db8:ac::1")).owners()).containsExactly(5);
        assertThat(index.lookup(IpAddress.parse("::ffff:10.1.2.3"))).as("IPv6 never matches IPv4 blocks").isNull();
    }

    @Test
    void handlesBlocksAtTheEndsOfTheAddressSpace() {
        ConstituencyIndex index = ConstituencyIndex.builder()
                .addBlock(IpBlock.parse("0.0.0.0/0"), 1)
                .addBlock(IpBlock.parse("255.255.255.255/32"), 2)
                .addBlock(IpBlock.parse("::/0"), 3)
                .addBlock(IpBlock.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), 4)
                .build();
        assertThat(index.lookup(IpAddress.parse("255.255.255.255")).owners()).containsExactly(2);
        assertThat(index.lookup(IpAddress.parse("255.255.255.254")).owners()).containsExactly(1);
        assertThat(index.lookup(IpAddress.parse("0.0.0.0")).owners()).containsExactly(1);
        assertThat(index.lookup(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).owners()).containsExactly(4);
        assertThat(index.lookup(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")).owners()).containsExactly(3);
    }

    @Test
    void matchesARegisteredDomainAndItsSubdomainsButNotLookAlikes() {
        ConstituencyIndex index = ConstituencyIndex.builder()
                .addDomain("example.al", 1)
                .addDomain("shop.example.al", 2)
                .addDomain("xn--shqipri-vya.al", 3)
                .build();
        assertThat(index.lookupDomain("example.al").owners()).containsExactly(1);
        assertThat(index.lookupDomain("a.b.example.al").owners()).containsExactly(1);
        assertThat(index.lookupDomain("x.shop.example.al").domain()).isEqualTo("shop.example.al");
        assertThat(index.lookupDomain("badexample.al")).isNull();
        assertThat(index.lookupDomain("example.al.evil.com")).isNull();
        assertThat(index.lookupDomain("al")).isNull();
        assertThat(index.lookupDomain(DomainName.toAscii("www.shqipëri.al")).owners()).containsExactly(3);
    }

    @Test
    void listsEveryOwnerOfAnAsNumber() {
        ConstituencyIndex index = ConstituencyIndex.builder().addAsn(64512, 7).addAsn(64512, 3).addAsn(64512, 7)
                .addAsn(4_294_967_294L, 9).build();
        assertThat(index.lookupAsn(64512)).containsExactly(3, 7);
        assertThat(index.lookupAsn(4_294_967_294L)).containsExactly(9);
        assertThat(index.lookupAsn(64513)).isEmpty();
    }

    static IpMatch naive(List<Owned> owned, IpAddress a) {
        int best = -1;
        for (Owned o : owned) {
            if (o.block().contains(a)) {
                best = Math.max(best, o.block().prefix());
            }
        }
        if (best < 0) {
            return null;
        }
        IpBlock block = null;
        TreeSet<Integer> owners = new TreeSet<>();
        for (Owned o : owned) {
            if (o.block().contains(a) && o.block().prefix() == best) {
                block = o.block();
                owners.add(o.owner());
            }
        }
        return new IpMatch(block, owners.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Mostly blocks nested in earlier ones, so that deep nesting and shared starts are exercised. */
    private static IpBlock randomBlock(Random rnd, boolean v6, List<Owned> earlier) {
        List<IpBlock> sameFamily = earlier.stream().map(Owned::block).filter(b -> b.v6() == v6).toList();
        int max = v6 ? 128 : 32;
        if (!sameFamily.isEmpty() && rnd.nextInt(4) != 0) {
            IpBlock parent = sameFamily.get(rnd.nextInt(sameFamily.size()));
            if (rnd.nextInt(6) == 0) {
                return parent; // the same block registered again
            }
            int prefix = Math.min(max, parent.prefix() + rnd.nextInt(Math.max(1, max - parent.prefix()) + 1));
            IpAddress a = inside(rnd, parent);
            return new IpBlock(v6, a.hi(), a.lo(), prefix).masked();
        }
        int prefix = v6 ? 8 + rnd.nextInt(121) : rnd.nextInt(33);
        IpAddress a = randomAddress(rnd, v6);
        return new IpBlock(v6, a.hi(), a.lo(), prefix).masked();
    }

    private static IpAddress inside(Random rnd, IpBlock b) {
        return new IpAddress(b.v6(), b.hi() | (rnd.nextLong() & b.hiHostMask()), b.lo() | (rnd.nextLong() & b.loHostMask()));
    }

    private static IpAddress randomAddress(Random rnd, boolean v6) {
        // a few fixed high bits make collisions with registered blocks likely
        if (v6) {
            return new IpAddress(true, 0x20010db8_00000000L | (rnd.nextLong() & 0xFFFF_FFFFL), rnd.nextLong());
        }
        return new IpAddress(false, 0, (10L << 24) | (rnd.nextLong() & 0x00FF_FFFFL));
    }

    private static IpAddress step(boolean v6, long hi, long lo, int delta) {
        long nlo = lo + delta;
        long nhi = hi;
        if (delta > 0 && nlo == 0 && (v6 || lo != -1)) {
            nhi = hi + 1;
        } else if (delta < 0 && lo == 0) {
            nhi = hi - 1;
        }
        if (!v6) {
            return new IpAddress(false, 0, nlo & 0xFFFF_FFFFL);
        }
        return new IpAddress(true, nhi, nlo);
    }

    @Test
    void sortsIndicesStably() {
        Random rnd = new Random(7);
        int[] keys = IntStream.range(0, 1000).map(i -> rnd.nextInt(50)).toArray();
        int[] order = IntStream.range(0, 1000).toArray();
        IntSort.sort(order, (a, b) -> Integer.compare(keys[a], keys[b]));
        Integer[] expected = IntStream.range(0, 1000).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, (a, b) -> Integer.compare(keys[a], keys[b]));
        assertThat(order).containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
    }
}
