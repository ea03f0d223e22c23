package org.mburoja.operators.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.operators.Contacts;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.Operator;
import org.mburoja.operators.internal.IpBlock.IpAddress;

/**
 * Random registries changed at random, with the background rebuild run at random moments (so lookups see the
 * index alone, the index plus an overlay of changes, or a fresh index): every answer must equal a linear scan of
 * the registry as it is now.
 */
class LiveConstituencyTest {

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 20).boxed();
    }

    static final List<String> DOMAINS = List.of("a.al", "b.a.al", "c.b.a.al", "x.com", "y.x.com", "gov.al", "z.gov.al");

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void answersEqualALinearScanOfTheCurrentRegistryWhateverTheRebuildState(long seed) {
        Random rnd = new Random(seed);
        Map<OrganisationId, Operator> registry = new LinkedHashMap<>();
        for (int i = 0; i < 1 + rnd.nextInt(15); i++) {
            Operator o = randomOperator(rnd, OrganisationId.random());
            registry.put(o.id(), o);
        }
        Queue<Runnable> rebuilds = new ArrayDeque<>();
        LiveConstituency live = new LiveConstituency(() -> new LinkedHashMap<>(registry), rebuilds::add);
        for (int step = 0; step < 60; step++) {
            int action = rnd.nextInt(10);
            if (action < 4 || registry.isEmpty()) {
                Operator o = randomOperator(rnd, OrganisationId.random());
                registry.put(o.id(), o);
                live.changed(o.id(), o);
            } else if (action < 7) {
                OrganisationId id = new ArrayList<>(registry.keySet()).get(rnd.nextInt(registry.size()));
                Operator o = randomOperator(rnd, id);
                registry.put(id, o);
                live.changed(id, o);
            } else if (action < 8) {
                OrganisationId id = new ArrayList<>(registry.keySet()).get(rnd.nextInt(registry.size()));
                registry.remove(id);
                live.changed(id, null);
            } else {
                while (!rebuilds.isEmpty()) {
                    rebuilds.poll().run();
                }
                assertThat(live.pendingChanges()).isZero();
            }
            for (int probe = 0; probe < 10; probe++) {
                IpAddress a = randomAddress(rnd);
                assertThat(ids(live.byIp(a))).as("step %d ip %s", step, a).isEqualTo(naiveIp(registry, a));
                String d = "w." + DOMAINS.get(rnd.nextInt(DOMAINS.size()));
                assertThat(ids(live.byDomain(d))).as("step %d domain %s", step, d).isEqualTo(naiveDomain(registry, d));
                long asn = 1 + rnd.nextInt(6);
                assertThat(ids(live.byAsn(asn))).as("asn %d", asn).isEqualTo(naiveAsn(registry, asn));
            }
        }
    }

    static Operator randomOperator(Random rnd, OrganisationId id) {
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < rnd.nextInt(4); i++) {
            boolean v6 = rnd.nextInt(4) == 0;
            IpAddress a = randomAddress(rnd, v6);
            int prefix = v6 ? 100 + rnd.nextInt(29) : 20 + rnd.nextInt(13);
            ranges.add(new IpBlock(v6, a.hi(), a.lo(), prefix).masked().toString());
        }
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < rnd.nextInt(3); i++) {
            domains.add(DOMAINS.get(rnd.nextInt(DOMAINS.size())));
        }
        List<Long> asns = new ArrayList<>();
        for (int i = 0; i < rnd.nextInt(3); i++) {
            asns.add(1L + rnd.nextInt(6));
        }
        return new Operator(id, "op-" + UUID.randomUUID(), "K12345678H", "x", "banking", null, EntityClass.IMPORTANT,
                new Contacts("a@b.al", "+35542222222", null, "+35542222222"), List.of("AL"),
                ranges.stream().distinct().toList(), domains.stream().distinct().toList(),
                asns.stream().distinct().toList(), null, null);
    }

    static IpAddress randomAddress(Random rnd) {
        return randomAddress(rnd, rnd.nextInt(4) == 0);
    }

    /** Addresses from a small space so that blocks nest and collide often. */
    static IpAddress randomAddress(Random rnd, boolean v6) {
        return v6 ? new IpAddress(true, 0x20010db8_00000000L, rnd.nextInt(1 << 12))
                : new IpAddress(false, 0, (10L << 24) | rnd.nextInt(1 << 14));
    }

    static String ids(List<LiveConstituency.Hit> hits) {
        return hits.stream().map(h -> h.operator().id() + "@" + h.asset()).sorted().collect(Collectors.joining(","));
    }

    static String naiveIp(Map<OrganisationId, Operator> registry, IpAddress a) {
        int best = -1;
        for (Operator o : registry.values()) {
            for (String r : o.ipRanges()) {
                IpBlock b = IpBlock.parse(r);
                if (b.contains(a)) {
                    best = Math.max(best, b.prefix());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Operator o : registry.values()) {
            for (String r : o.ipRanges()) {
                IpBlock b = IpBlock.parse(r);
                if (b.contains(a) && b.prefix() == best) {
                    out.add(o.id() + "@" + b);
                }
            }
        }
        return out.stream().sorted().collect(Collectors.joining(","));
    }

    static String naiveDomain(Map<OrganisationId, Operator> registry, String name) {
        for (String n = name; ; n = n.substring(n.indexOf('.') + 1)) {
            String suffix = n;
            String found = registry.values().stream().filter(o -> o.domains().contains(suffix))
                    .map(o -> o.id() + "@" + suffix).sorted().collect(Collectors.joining(","));
            if (!found.isEmpty() || n.indexOf('.') < 0) {
                return found;
            }
        }
    }

    static String naiveAsn(Map<OrganisationId, Operator> registry, long asn) {
        return registry.values().stream().filter(o -> o.asns().contains(asn)).map(o -> o.id() + "@AS" + asn)
                .sorted(Comparator.naturalOrder()).collect(Collectors.joining(","));
    }
}
