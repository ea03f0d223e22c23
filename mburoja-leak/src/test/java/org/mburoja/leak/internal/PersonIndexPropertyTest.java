package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The person count (sorted sweeps over keys and name-NID entries) against a plain hash-map model of the same rules:
 * a record without NID is counted already when one of its keys belongs to a record with NID, or when exactly one
 * NID carries its name (compared on the 40 high bits, NIDs on their 20-bit hash) and none of its attributes is of a
 * kind that NID's records have; the other records are grouped by shared keys (the name alone for records without
 * attributes). Small value domains force links, namesakes, conflicts and repeats; sizes cross the radix-sort
 * threshold; several files are merged with addAll, or (even seeds) made with forFile and absorbed, after which the
 * file index must refuse further use.
 */
class PersonIndexPropertyTest {

    static final long NAME_BITS = 0xFFFFFFFFFF000000L;

    static List<Object[]> cases() {
        List<Object[]> c = new ArrayList<>();
        int[] sizes = {0, 1, 5, 40, 300, 3000, 20_000};
        for (int seed = 0; seed < 28; seed++) {
            c.add(new Object[] {seed, sizes[seed % sizes.length]});
        }
        return c;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void countsLikeTheHashMapModel(int seed, int records) {
        Random rnd = new Random(seed * 7919L + records);
        int names = 1 + rnd.nextInt(Math.max(1, records / 3 + 1));
        int values = 1 + rnd.nextInt(Math.max(1, records / 2 + 1));
        int nidRange = 1 + rnd.nextInt(Math.max(1, records + 1));
        double orphanShare = rnd.nextDouble();
        double attrShare = rnd.nextDouble();
        int files = 1 + rnd.nextInt(3);
        long[] nameHash = new long[names];
        for (int i = 0; i < names; i++) {
            // some names share the 40 high bits but differ below: the count must treat them as one name
            nameHash[i] = i > 0 && rnd.nextInt(8) == 0 ? (nameHash[i - 1] & NAME_BITS) | (rnd.nextInt(1 << 24) | 1)
                    : rnd.nextLong() | 1;
        }

        PersonIndex total = new PersonIndex();
        Model model = new Model();
        boolean absorb = seed % 2 == 0;
        for (int f = 0; f < files; f++) {
            PersonIndex file = absorb ? total.forFile() : new PersonIndex();
            for (int r = 0; r < records; r++) {
                long[] attrs = new long[PersonIndex.ATTRIBUTES];
                for (int k = 0; k < attrs.length; k++) {
                    attrs[k] = rnd.nextDouble() < attrShare ? 1 + rnd.nextInt(values) : 0;
                }
                long name = nameHash[rnd.nextInt(names)];
                if (rnd.nextDouble() < orphanShare) {
                    file.orphan(name, attrs);
                    model.orphan(name, attrs);
                } else {
                    // NID codes are any int but 0 (above 2^31 negative): some spread over the whole range
                    int nid = 1 + rnd.nextInt(nidRange);
                    if (seed % 3 == 1) {
                        nid = nid * 0x9E3779B1 | 1;
                    }
                    long n = rnd.nextInt(6) == 0 ? 0 : name;
                    file.person(nid, n, attrs);
                    model.person(nid, n, attrs);
                }
            }
            if (absorb) {
                if (rnd.nextBoolean()) {
                    file.distinctPersons();
                }
                total.absorb(file);
                assertThatThrownBy(file::distinctPersons).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> file.orphan(1, new long[PersonIndex.ATTRIBUTES]))
                        .isInstanceOf(IllegalStateException.class);
            } else {
                total.addAll(file);
            }
        }
        assertThat(total.distinctNids()).isEqualTo(model.nids.size());
        assertThat(total.distinctPersons()).isEqualTo(model.persons());
        assertThat(total.distinctPersons()).as("cached").isEqualTo(model.persons());
    }

    /** The rules with hash maps and a union by key, record by record. */
    static final class Model {
        final Set<Integer> nids = new HashSet<>();
        final Set<Integer> keys = new HashSet<>();
        /** name prefix -> NID hash (20 bits) -> kinds of attribute seen with it. */
        final Map<Long, Map<Long, Integer>> named = new HashMap<>();
        final List<long[]> orphans = new ArrayList<>();

        void person(int nid, long name, long[] attrs) {
            nids.add(nid);
            if (name == 0) {
                return;
            }
            int mask = 0;
            for (int k = 0; k < attrs.length; k++) {
                if (attrs[k] != 0) {
                    keys.add(PersonIndex.key(name, k, attrs[k]));
                    mask |= 1 << k;
                }
            }
            named.computeIfAbsent(name & NAME_BITS, x -> new HashMap<>())
                    .merge(LongHashSet.mix(nid) & 0xFFFFFL, mask, (a, b) -> a | b);
        }

        void orphan(long name, long[] attrs) {
            long[] rec = new long[attrs.length + 1];
            rec[0] = name;
            System.arraycopy(attrs, 0, rec, 1, attrs.length);
            orphans.add(rec);
        }

        long persons() {
            Map<Integer, Integer> groupOfKey = new HashMap<>();
            int[] parent = new int[orphans.size()];
            long groups = 0;
            for (int r = 0; r < orphans.size(); r++) {
                long[] rec = orphans.get(r);
                boolean linked = false;
                List<Integer> own = new ArrayList<>();
                for (int k = 0; k < PersonIndex.ATTRIBUTES; k++) {
                    if (rec[1 + k] != 0) {
                        int key = PersonIndex.key(rec[0], k, rec[1 + k]);
                        own.add(key);
                        linked |= keys.contains(key);
                    }
                }
                Map<Long, Integer> byNid = named.getOrDefault(rec[0] & NAME_BITS, Map.of());
                if (!linked && byNid.size() == 1) {
                    int mask = byNid.values().iterator().next();
                    linked = true;
                    for (int k = 0; k < PersonIndex.ATTRIBUTES; k++) {
                        if (rec[1 + k] != 0 && (mask & (1 << k)) != 0) {
                            linked = false;
                        }
                    }
                }
                if (linked) {
                    parent[r] = -1;
                    continue;
                }
                parent[r] = r;
                groups++;
                if (own.isEmpty()) {
                    own.add(PersonIndex.key(rec[0], PersonIndex.ATTRIBUTES, 1));
                }
                for (int key : own) {
                    Integer other = groupOfKey.putIfAbsent(key, r);
                    if (other != null) {
                        int a = root(parent, other);
                        int b = root(parent, r);
                        if (a != b) {
                            parent[a] = b;
                            groups--;
                        }
                    }
                }
            }
            return nids.size() + groups;
        }

        static int root(int[] parent, int x) {
            while (parent[x] != x) {
                x = parent[x];
            }
            return x;
        }
    }
}
