package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * Batch lookups must answer exactly what single lookups answer, value by value: seeded random indexes (a merged
 * base, then recent changes and removals still in the delta and tombstones) queried with random mixes of hits,
 * misses, CIDR members, subdomains, case variants, non-ASCII and malformed values.
 */
class IndicatorIndexBatchTest {

    private interface Batch {
        int lookup(String[] values, int count, IndicatorIndex.BatchHits hits);
    }

    private static ObjectNode template() throws IOException {
        try (InputStream in = IndicatorIndexBatchTest.class.getResourceAsStream("indicators.json")) {
            return StixBundle.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).objects().getFirst()
                    .toTree();
        }
    }

    private static StixObject indicator(ObjectNode template, int n, String pattern, boolean marked) {
        ObjectNode o = template.deepCopy();
        o.put("id", IndicatorIndexTest.id(n));
        o.put("pattern", pattern);
        o.put("modified", "2026-11-0" + (1 + n % 9) + "T00:00:00.000Z");
        if (!marked) {
            o.remove("object_marking_refs");
        }
        return StixObject.of(o);
    }

    /** Indexed values per kind (small spaces, so that random queries hit often). */
    private record Pools(List<String> ips, List<String> domains, List<String> urls, List<String> hashes,
                         List<String> emails) {
    }

    private static String hex(Random r, int digits) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        return b.toString();
    }

    private static Pools pools(Random r) {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ips.add("10." + r.nextInt(3) + "." + r.nextInt(8) + "." + r.nextInt(256));
        }
        ips.add("10.1.0.0/16");
        ips.add("10.2.3.0/24");
        ips.add("10.0.0.0/15");
        ips.add("8.0.0.0/7");
        ips.add("10.0.5.128/25");
        for (int i = 0; i < 30; i++) {
            ips.add("2001:db8::" + Integer.toHexString(r.nextInt(64)));
        }
        ips.add("2001:db8::/120");
        ips.add("2001:db8:0:1::/64");
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            domains.add((r.nextBoolean() ? "" : "h" + r.nextInt(4) + ".") + "evil" + r.nextInt(10) + ".test");
        }
        domains.add("Example.NET");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            urls.add("http://bad" + r.nextInt(5) + ".test/p" + r.nextInt(8) + (r.nextBoolean() ? "?a=1" : ""));
        }
        // longer than the batch's first character buffer; an escape the normal form decodes; a non-ASCII path
        urls.add("http://bad9.test/" + "long/".repeat(80));
        urls.add("http://bad8.test/%7euser");
        urls.add("http://bad7.test/p\u00e9");
        urls.add("http://bad6.test/_layouts/15/ToolPane.aspx?DisplayMode=Edit");
        urls.add("http://bad6.test/p\u0161");
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hashes.add(hex(r, new int[] {32, 40, 64}[r.nextInt(3)]));
        }
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            emails.add("u" + r.nextInt(10) + "@evil" + r.nextInt(3) + ".test");
        }
        return new Pools(ips, domains, urls, hashes, emails);
    }

    private static String pattern(Random r, Pools p) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> {
                String ip = p.ips().get(r.nextInt(p.ips().size()));
                yield "[" + (ip.contains(":") ? "ipv6-addr" : "ipv4-addr") + ":value = '" + ip + "']";
            }
            case 2 -> "[domain-name:value = '" + p.domains().get(r.nextInt(p.domains().size())) + "']";
            case 3 -> "[url:value = '" + p.urls().get(r.nextInt(p.urls().size())) + "']";
            case 4 -> {
                String h = p.hashes().get(r.nextInt(p.hashes().size()));
                String alg = h.length() == 32 ? "MD5" : h.length() == 40 ? "'SHA-1'" : "'SHA-256'";
                yield "[file:hashes." + alg + " = '" + h + "']";
            }
            default -> "[email-message:from_ref.value = '" + p.emails().get(r.nextInt(p.emails().size())) + "']";
        };
    }

    /** A base of 400 indicators (several per value), then 60 changes and 30 removals left in the delta. */
    private static IndicatorIndex index(Random r, Pools p) throws IOException {
        ObjectNode t = template();
        IndicatorIndex index = new IndicatorIndex(IndicatorIndexTest.NOW, 0.05, 100_000);
        List<StixObject> base = new ArrayList<>();
        for (int n = 1; n <= 400; n++) {
            base.add(indicator(t, n, pattern(r, p), r.nextBoolean()));
        }
        index.upsertAll(base, Map.of());
        index.merge();
        for (int c = 0; c < 60; c++) {
            int n = 1 + r.nextInt(500);
            index.upsert(indicator(t, n, pattern(r, p), r.nextBoolean()), SightingSummary.NONE);
        }
        for (int c = 0; c < 30; c++) {
            index.remove(IndicatorIndexTest.id(1 + r.nextInt(500)));
        }
        assertThat(index.stats().get("deltaEntries")).isPositive();
        assertThat(index.stats().get("tombstones")).isPositive();
        return index;
    }

    private static final String[] MALFORMED = {"", " ", ".", "..", "1.2.3", "1.2.3.4.5", "256.1.1.1", "10.0.0.01x",
        ":::", "2001:db8::g", "zz", "not a hash", "http//", "http://", "::garbage::", "a..evil1.test", "@",
        "évil.test",
        "ｅvil1.test", "x@évil.test", "\u0000", "-".repeat(300), "a".repeat(64), "G".repeat(32)};

    private static String variant(Random r, String v) {
        return switch (r.nextInt(4)) {
            case 0 -> v.toUpperCase(java.util.Locale.ROOT);
            case 1 -> " " + v;
            default -> v;
        };
    }

    private static String[] queries(Random r, Pools p, int kind, int count) {
        String[] q = new String[count];
        for (int i = 0; i < count; i++) {
            int roll = r.nextInt(10);
            if (roll == 0) {
                q[i] = MALFORMED[r.nextInt(MALFORMED.length)];
                continue;
            }
            q[i] = switch (kind) {
                case 0 -> {
                    String ip = p.ips().get(r.nextInt(p.ips().size())).replaceAll("/.*", "");
                    if (roll < 5) {
                        yield ip;
                    }
                    yield ip.contains(":") ? "2001:db8:0:" + r.nextInt(3) + "::" + Integer.toHexString(r.nextInt(300))
                            : (r.nextInt(5) == 0 ? "9." : "10.") + r.nextInt(4) + "." + r.nextInt(8) + "."
                            + r.nextInt(256);
                }
                case 1 -> {
                    String d = p.domains().get(r.nextInt(p.domains().size()));
                    yield roll < 4 ? variant(r, d) : roll < 7 ? "x" + r.nextInt(3) + "." + d + (roll == 6 ? "." : "")
                            : "evil" + r.nextInt(12) + ".test";
                }
                case 2 -> {
                    String u = p.urls().get(r.nextInt(p.urls().size()));
                    yield roll < 5 ? u : roll < 7 ? u.replace("http://", "HTTP://").replace(".test/", ".test:80/")
                            : roll == 7 ? u.replace("%7e", "~").toLowerCase(java.util.Locale.ROOT)
                            : u + "#frag" + r.nextInt(3);
                }
                case 3 -> {
                    String h = p.hashes().get(r.nextInt(p.hashes().size()));
                    yield roll < 5 ? h : roll < 7 ? h.toUpperCase(java.util.Locale.ROOT) : hex(r, h.length());
                }
                default -> {
                    String e = p.emails().get(r.nextInt(p.emails().size()));
                    yield roll < 5 ? e : roll < 7 ? e.toUpperCase(java.util.Locale.ROOT)
                            : "u" + r.nextInt(12) + "@evil" + r.nextInt(4) + ".test";
                }
            };
        }
        return q;
    }

    private static void assertBatchEqualsSingle(String[] q, Batch batch, Function<String, List<IndicatorHit>> single) {
        List<List<String>> got = new ArrayList<>();
        for (String ignored : q) {
            got.add(new ArrayList<>());
        }
        int n = batch.lookup(q, q.length, (p, h) -> got.get(p).add(h.indicatorId() + " " + h.kind() + " "
                + h.tlp() + " " + h.score()));
        int total = 0;
        int hitValues = 0;
        for (int i = 0; i < q.length; i++) {
            List<String> expected = single.apply(q[i]).stream().map(h -> h.indicatorId() + " " + h.kind() + " "
                    + h.tlp() + " " + h.score()).sorted().toList();
            assertThat(got.get(i).stream().sorted().toList()).as("value %d: %s", i, q[i]).isEqualTo(expected);
            total += expected.size();
            hitValues += expected.isEmpty() ? 0 : 1;
        }
        assertThat(n).isEqualTo(total);
        assertThat(hitValues).as("the mix must contain hits").isGreaterThan(q.length / 20);
        assertThat(hitValues).as("the mix must contain misses").isLessThan(q.length);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void batchLookupsOfEveryKindAnswerLikeSingleLookups(long seed) throws IOException {
        Random r = new Random(seed);
        Pools p = pools(r);
        IndicatorIndex index = index(r, p);
        for (int round = 0; round < 3; round++) {
            int count = 100 + r.nextInt(600);
            assertBatchEqualsSingle(queries(r, p, 0, count), index::lookupIps, index::lookupIp);
            assertBatchEqualsSingle(queries(r, p, 1, count), index::lookupDomains, index::lookupDomain);
            assertBatchEqualsSingle(queries(r, p, 2, count), index::lookupUrls, index::lookupUrl);
            assertBatchEqualsSingle(queries(r, p, 3, count), index::lookupHashes, index::lookupHash);
            assertBatchEqualsSingle(queries(r, p, 4, count), index::lookupEmails, index::lookupEmail);
        }
        index.merge();
        // twice: the second time the hits come from the caches the first one filled (own hits, range hits)
        for (int again = 0; again < 2; again++) {
            assertBatchEqualsSingle(queries(r, p, 0, 500), index::lookupIps, index::lookupIp);
            assertBatchEqualsSingle(queries(r, p, 1, 500), index::lookupDomains, index::lookupDomain);
            assertBatchEqualsSingle(queries(r, p, 2, 500), index::lookupUrls, index::lookupUrl);
            assertBatchEqualsSingle(queries(r, p, 3, 500), index::lookupHashes, index::lookupHash);
            assertBatchEqualsSingle(queries(r, p, 4, 500), index::lookupEmails, index::lookupEmail);
        }
    }

    /** Every single lookup's hits as comparable text (id, kind, TLP, score), sorted per value. */
    private static List<String> answers(IndicatorIndex index, String[][] queries) {
        List<String> out = new ArrayList<>();
        for (int kind = 0; kind < queries.length; kind++) {
            for (String q : queries[kind]) {
                List<IndicatorHit> hits = switch (kind) {
                    case 0 -> index.lookupIp(q);
                    case 1 -> index.lookupDomain(q);
                    case 2 -> index.lookupUrl(q);
                    case 3 -> index.lookupHash(q);
                    default -> index.lookupEmail(q);
                };
                out.add(q + " -> " + hits.stream().map(h -> h.indicatorId() + " " + h.kind() + " " + h.tlp() + " "
                        + h.score()).sorted().toList());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void anIndexLoadedInOnePassAnswersAsOneBuiltByUpsertsAndTakesTheSameUpdates(long seed) throws IOException {
        Random r = new Random(seed);
        Pools p = pools(r);
        ObjectNode t = template();
        List<StixObject> indicators = new ArrayList<>();
        for (int n = 1; n <= 400; n++) {
            StixObject i = indicator(t, n, pattern(r, p), r.nextBoolean());
            if (r.nextInt(20) == 0) { // some inactive: revoked or not yet valid
                ObjectNode o = i.toTree();
                if (r.nextBoolean()) {
                    o.put("revoked", true);
                } else {
                    o.put("valid_from", "2027-01-01T00:00:00Z");
                }
                i = StixObject.of(o);
            }
            indicators.add(i);
        }
        IndicatorIndex upserted = new IndicatorIndex(IndicatorIndexTest.NOW, 0.05, 100_000);
        Map<String, IndicatorIndex.Outcome> expected = upserted.upsertAll(indicators, Map.of());
        upserted.merge();
        IndicatorIndex.Loader loader = IndicatorIndex.loader(IndicatorIndexTest.NOW, 0.05, 100_000);
        for (StixObject i : indicators) {
            assertThat(loader.add(i, SightingSummary.NONE)).as(i.id()).isEqualTo(expected.get(i.id()));
        }
        IndicatorIndex loaded = loader.finish();
        assertThatThrownBy(() -> loader.add(indicators.getFirst(), SightingSummary.NONE))
                .isInstanceOf(IllegalStateException.class);
        String[][] queries = new String[5][];
        for (int kind = 0; kind < 5; kind++) {
            queries[kind] = queries(r, p, kind, 300);
        }
        assertThat(answers(loaded, queries)).isEqualTo(answers(upserted, queries));
        // added without tombstones (none of them is in that index yet), in pieces that cross merges
        IndicatorIndex added = new IndicatorIndex(IndicatorIndexTest.NOW, 0.05, 1 + r.nextInt(150));
        for (int from = 0; from < indicators.size(); from += 37) {
            added.addAll(indicators.subList(from, Math.min(indicators.size(), from + 37)), Map.of());
        }
        assertThat(answers(added, queries)).isEqualTo(answers(upserted, queries));
        for (int c = 0; c < 60; c++) {
            StixObject changed = indicator(t, 1 + r.nextInt(500), pattern(r, p), r.nextBoolean());
            upserted.upsert(changed, SightingSummary.NONE);
            loaded.upsert(changed, SightingSummary.NONE);
            added.upsert(changed, SightingSummary.NONE);
        }
        List<String> gone = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            gone.add(IndicatorIndexTest.id(1 + r.nextInt(500)));
        }
        gone.forEach(upserted::remove);
        loaded.removeAll(gone);
        added.removeAll(gone);
        assertThat(answers(loaded, queries)).isEqualTo(answers(upserted, queries));
        assertThat(answers(added, queries)).isEqualTo(answers(upserted, queries));
        loaded.merge();
        assertThat(answers(loaded, queries)).isEqualTo(answers(upserted, queries));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anAddressInsideRangesOfEveryPrefixLengthGetsEveryRangeInABatchAsAlone(boolean merged) throws IOException {
        ObjectNode template = template();
        IndicatorIndex index = new IndicatorIndex(IndicatorIndexTest.NOW, 0.05, 100_000);
        List<StixObject> ranges = new ArrayList<>();
        for (int p = 0; p <= 32; p++) {
            ranges.add(indicator(template, p + 1, "[ipv4-addr:value = '10.1.2.3/" + p + "']", p % 2 == 0));
        }
        index.upsertAll(ranges, Map.of());
        if (merged) {
            index.merge();
        }
        // 33 hits for each copy of the address: many more matches than a batch's scratch holds at first
        String[] q = new String[700];
        for (int i = 0; i < q.length; i++) {
            q[i] = i % 7 == 0 ? "11.0.0.1" : i % 11 == 0 ? "not an address" : "10.1.2.3";
        }
        int[] perValue = new int[q.length];
        int n = index.lookupIps(q, q.length, (pos, h) -> perValue[pos]++);
        int total = 0;
        for (int i = 0; i < q.length; i++) {
            int single = index.lookupIp(q[i]).size();
            assertThat(perValue[i]).as("value %d: %s", i, q[i]).isEqualTo(single);
            total += single;
        }
        assertThat(index.lookupIp("10.1.2.3")).hasSize(33);
        assertThat(index.lookupIp("11.0.0.1")).hasSize(8); // 10/7 and every shorter prefix
        assertThat(n).isEqualTo(total);
    }

    /** The index of the {@code indicators.json} fixture, as {@link IndicatorIndexTest} uses it. */
    private static IndicatorIndex fixtureIndex() throws IOException {
        IndicatorIndex index = new IndicatorIndex(IndicatorIndexTest.NOW, 0.05, 1000);
        try (InputStream in = IndicatorIndexBatchTest.class.getResourceAsStream("indicators.json")) {
            index.upsertAll(StixBundle.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).objects(),
                    Map.of());
        }
        return index;
    }

    @Test
    void batchLookupsSkipNullValuesAndLookOnlyAtTheFirstCountValues() throws IOException {
        IndicatorIndex index = fixtureIndex();
        List<String> found = new ArrayList<>();
        IndicatorIndex.BatchHits sink = (p, h) -> found.add(p + "=" + h.indicatorId());
        String[] domains = {null, "x.evil.example", "evil.example"};
        assertThat(index.lookupDomains(domains, 2, sink)).isEqualTo(1);
        assertThat(index.lookupHashes(new String[] {null, "cead3f77f6cda6ec00f57d76c9a6879f"}, 2, sink)).isEqualTo(1);
        assertThat(index.lookupUrls(new String[] {null}, 1, sink)).isZero();
        assertThat(index.lookupEmails(new String[] {"phisher@bad.example", null}, 2, sink)).isEqualTo(1);
        assertThat(index.lookupDomains(new String[0], 0, sink)).isZero();
        List<String> ips = new ArrayList<>();
        assertThat(index.lookupIps(new String[] {null, "203.0.113.7", null}, 3, (p, h) -> ips.add(p + "="
                + h.indicatorId()))).isEqualTo(2);
        assertThat(ips).containsExactlyInAnyOrder("1=" + IndicatorIndexTest.id(1), "1=" + IndicatorIndexTest.id(14));
        assertThat(found).containsExactly("1=" + IndicatorIndexTest.id(4), "1=" + IndicatorIndexTest.id(6),
                "0=" + IndicatorIndexTest.id(8));
    }

    @Test
    void hugeValuesAreAnsweredLikeSingleLookupsAndLeaveNoHugeBufferBehind() throws IOException {
        IndicatorIndex index = fixtureIndex();
        String huge = "http://bad.example/" + "a/".repeat(200_000);
        String[] values = {huge, "x." + "a.".repeat(100_000) + "evil.example", "1".repeat(300_000),
            "2001:db8::" + "1:".repeat(50_000), "evil.example"};
        IndicatorIndex.BatchHits none = (p, h) -> { };
        assertThat(index.lookupUrls(values, values.length, none)).isEqualTo(index.lookupUrl(huge).size());
        assertThat(index.lookupDomains(values, values.length, none)).isEqualTo(
                Arrays.stream(values).mapToInt(v -> index.lookupDomain(v).size()).sum()).isPositive();
        assertThat(index.lookupHashes(values, values.length, none)).isZero();
        assertThat(index.lookupIps(values, values.length, none)).isZero();
        assertThat(index.lookupEmails(values, values.length, none)).isZero();
        Probes p = Probes.acquire();
        try {
            assertThat(p.reusedChars()).isLessThanOrEqualTo(Probes.REUSED_CHARS);
        } finally {
            p.release();
        }
    }

    @Test
    void aBatchStartedFromAHitCallbackLeavesTheOuterBatchIntact() throws IOException {
        IndicatorIndex index = fixtureIndex();
        List<String> outer = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        String[] domains = {"a.evil.example", "nothing.example", "b.evil.example", "c2.example.net"};
        index.lookupDomains(domains, domains.length, (p, h) -> {
            outer.add(p + "=" + h.indicatorId());
            index.lookupUrls(new String[] {"http://bad.example/a~b?x=1", "http://x.example/"}, 2,
                    (q, u) -> inner.add(q + "=" + u.indicatorId()));
        });
        assertThat(outer).containsExactly("0=" + IndicatorIndexTest.id(4), "2=" + IndicatorIndexTest.id(4),
                "3=" + IndicatorIndexTest.id(16));
        assertThat(inner).containsExactly("0=" + IndicatorIndexTest.id(5), "0=" + IndicatorIndexTest.id(5),
                "0=" + IndicatorIndexTest.id(5));
    }
}
