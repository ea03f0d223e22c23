package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * A domain lookup probes only the parent-domain lengths (label counts) that some indexed domain has; it must still
 * find exactly what probing every parent domain finds. The oracle here is a plain map of indexed domain to
 * indicator ids, asked for every suffix of the query at a label boundary. Seeded random indexes hold domains of a
 * random subset of lengths (a bare top-level domain sometimes, 63 labels and more sometimes), first merged into the
 * base, then more lengths arriving in the delta only, and removals.
 */
class DomainLevelsTest {

    private static ObjectNode template() throws IOException {
        try (InputStream in = DomainLevelsTest.class.getResourceAsStream("indicators.json")) {
            return StixBundle.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).objects().getFirst()
                    .toTree();
        }
    }

    private static StixObject domainIndicator(ObjectNode template, int n, String domain) {
        ObjectNode o = template.deepCopy();
        o.put("id", IndicatorIndexTest.id(n));
        o.put("pattern", "[domain-name:value = '" + domain + "']");
        return StixObject.of(o);
    }

    private static String domainOfLabels(Random r, int labels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            if (i > 0) {
                b.append('.');
            }
            // few distinct labels, so that queries made of random labels hit indexed suffixes often
            b.append(labels > 8 ? "a" : (char) ('a' + r.nextInt(3)));
        }
        return b.toString();
    }

    /** What probing every parent domain answers: the ids of every indexed suffix at a label boundary. */
    private static Set<String> expected(Map<String, Set<String>> model, String query) {
        String q = query.toLowerCase(Locale.ROOT);
        while (q.endsWith(".")) {
            q = q.substring(0, q.length() - 1);
        }
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < q.length(); i++) {
            if (i == 0 || q.charAt(i - 1) == '.') {
                ids.addAll(model.getOrDefault(q.substring(i), Set.of()));
            }
        }
        return ids;
    }

    private static void assertLookupsMatchModel(IndicatorIndex index, Map<String, Set<String>> model, Random r) {
        List<String> indexed = new ArrayList<>(new TreeSet<>(model.keySet()));
        String[] queries = new String[400];
        for (int i = 0; i < queries.length; i++) {
            int kind = r.nextInt(10);
            String q;
            if (kind < 5) {
                // an indexed domain under 0-3 more labels
                q = indexed.get(r.nextInt(indexed.size()));
                for (int extra = r.nextInt(4); extra > 0; extra--) {
                    q = domainOfLabels(r, 1) + "." + q;
                }
            } else if (kind < 6) {
                q = "x.xy"; // labels no indexed domain has
            } else {
                q = domainOfLabels(r, 1 + r.nextInt(r.nextInt(6) == 0 ? 70 : 7));
            }
            queries[i] = switch (r.nextInt(4)) {
                case 0 -> q.toUpperCase(Locale.ROOT);
                case 1 -> q + ".";
                default -> q;
            };
        }
        List<Set<String>> batch = new ArrayList<>();
        for (String ignored : queries) {
            batch.add(new TreeSet<>());
        }
        index.lookupDomains(queries, queries.length, (p, h) -> batch.get(p).add(h.indicatorId()));
        int hitQueries = 0;
        for (int i = 0; i < queries.length; i++) {
            Set<String> want = expected(model, queries[i]);
            Set<String> single = new TreeSet<>();
            index.lookupDomain(queries[i]).forEach(h -> single.add(h.indicatorId()));
            assertThat(single).as("single lookup of %s", queries[i]).isEqualTo(want);
            assertThat(batch.get(i)).as("batch lookup of %s", queries[i]).isEqualTo(want);
            hitQueries += want.isEmpty() ? 0 : 1;
        }
        assertThat(hitQueries).as("the queries must hit sometimes").isGreaterThan(20);
        assertThat(hitQueries).as("the queries must miss sometimes").isLessThan(queries.length);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void lookupsFindEveryIndexedParentDomainWhateverLengthsAreIndexed(long seed) throws IOException {
        Random r = new Random(seed);
        ObjectNode template = template();
        IndicatorIndex index = new IndicatorIndex(IndicatorIndexTest.NOW, 0.05, 100_000);
        Map<String, Set<String>> model = new HashMap<>();
        Set<Integer> baseLengths = new HashSet<>();
        for (int l = 1; l <= 7; l++) {
            if (r.nextInt(3) == 0) {
                baseLengths.add(l);
            }
        }
        if (r.nextBoolean()) {
            baseLengths.add(63 + r.nextInt(5));
        }
        baseLengths.add(2 + r.nextInt(3));
        int n = 0;
        List<StixObject> base = new ArrayList<>();
        for (int length : baseLengths) {
            for (int i = 0; i < 6; i++) {
                String d = domainOfLabels(r, length);
                base.add(domainIndicator(template, ++n, d));
                model.computeIfAbsent(d, k -> new HashSet<>()).add(IndicatorIndexTest.id(n));
            }
        }
        index.upsertAll(base, Map.of());
        index.merge();
        assertLookupsMatchModel(index, model, r);

        // lengths that only the delta holds, and removals that only the tombstones know
        for (int i = 0; i < 10; i++) {
            String d = domainOfLabels(r, 1 + r.nextInt(7));
            index.upsert(domainIndicator(template, ++n, d), SightingSummary.NONE);
            model.computeIfAbsent(d, k -> new HashSet<>()).add(IndicatorIndexTest.id(n));
        }
        for (int i = 0; i < 4; i++) {
            int victim = 1 + r.nextInt(n);
            String id = IndicatorIndexTest.id(victim);
            index.remove(id);
            model.values().forEach(ids -> ids.remove(id));
        }
        assertLookupsMatchModel(index, model, r);
        index.merge();
        assertLookupsMatchModel(index, model, r);
    }

    @Test
    void aBareTopLevelDomainIsFoundUnderAnyHostOnceIndexed() throws IOException {
        ObjectNode template = template();
        IndicatorIndex index = new IndicatorIndex(IndicatorIndexTest.NOW, 0.05, 100_000);
        index.upsert(domainIndicator(template, 1, "evil.example"), SightingSummary.NONE);
        index.merge();
        assertThat(index.lookupDomain("a.b.zip")).isEmpty();
        index.upsert(domainIndicator(template, 2, "zip"), SightingSummary.NONE);
        assertThat(index.lookupDomain("a.b.ZIP.")).extracting(IndicatorHit::indicatorId)
                .containsExactly(IndicatorIndexTest.id(2));
        List<String> found = new ArrayList<>();
        index.lookupDomains(new String[] {"x.evil.example", "a.b.zip"}, 2,
                (p, h) -> found.add(p + "=" + h.indicatorId()));
        assertThat(found).containsExactlyInAnyOrder("0=" + IndicatorIndexTest.id(1), "1=" + IndicatorIndexTest.id(2));
    }

    @Test
    void domainLevelCountsLabelsAndClampsAtSixtyThree() {
        assertThat(IndicatorTable.domainLevel(arena("zip"), 0)).isEqualTo(1L << 1);
        assertThat(IndicatorTable.domainLevel(arena("evil.example"), 0)).isEqualTo(1L << 2);
        assertThat(IndicatorTable.domainLevel(arena("a".repeat(1) + ".a".repeat(62)), 0)).isEqualTo(1L << 63);
        assertThat(IndicatorTable.domainLevel(arena("a" + ".a".repeat(80)), 0)).isEqualTo(1L << 63);
        assertThat(IndicatorTable.domainLevel(arena("a" + ".a".repeat(61)), 0)).isEqualTo(1L << 62);
    }

    private static byte[] arena(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        byte[] a = new byte[b.length + 2];
        a[0] = (byte) (b.length >>> 8);
        a[1] = (byte) b.length;
        System.arraycopy(b, 0, a, 2, b.length);
        return a;
    }
}
