package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.marking.Tlp;
import tools.jackson.databind.node.ObjectNode;

class IndicatorIndexTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private IndicatorIndex index;
    private List<StixObject> indicators;

    static String id(int n) {
        return String.format("indicator--%08d-0000-4000-8000-000000000000", n);
    }

    @BeforeEach
    void load() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("indicators.json")) {
            indicators = StixBundle.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).objects();
        }
        index = new IndicatorIndex(NOW, 0.05, 1000);
    }

    private Map<String, IndicatorIndex.Outcome> loadAll() {
        return index.upsertAll(indicators, Map.of());
    }

    private static List<String> ids(List<IndicatorHit> hits) {
        return hits.stream().map(IndicatorHit::indicatorId).sorted().toList();
    }

    @Test
    void findsExactAndCidrIpv4WithTlp() {
        loadAll();
        assertThat(ids(index.lookupIp("203.0.113.7"))).containsExactly(id(1), id(14));
        List<IndicatorHit> cidr = index.lookupIp("198.51.100.77");
        assertThat(ids(cidr)).containsExactly(id(2));
        assertThat(cidr.getFirst().tlp()).contains(Tlp.RED);
        assertThat(index.lookupIp("198.51.101.1")).isEmpty();
        assertThat(index.lookupIp("not-an-ip")).isEmpty();
    }

    @Test
    void findsIpv6InsideIndexedRange() {
        loadAll();
        assertThat(ids(index.lookupIp("2001:db8:dead:beef:0:0:0:1"))).containsExactly(id(3));
        assertThat(ids(index.lookupIp("2001:0db8:dead:beef::ffff"))).containsExactly(id(3));
        assertThat(index.lookupIp("2001:db8:dead:bef0::1")).isEmpty();
        assertThat(index.lookupIp(":::")).isEmpty();
    }

    @Test
    void matchesDomainAndItsSubdomainsCaseInsensitively() {
        loadAll();
        assertThat(ids(index.lookupDomain("evil.example"))).containsExactly(id(4));
        assertThat(ids(index.lookupDomain("a.b.EVIL.example."))).containsExactly(id(4));
        assertThat(index.lookupDomain("notevil.example")).isEmpty();
        assertThat(index.lookupDomain("example")).isEmpty();
        assertThat(index.lookupDomain("evil.example").getFirst().tlp()).contains(Tlp.AMBER);
        assertThat(ids(index.lookupDomain("c2.example.net"))).containsExactly(id(16));
    }

    @Test
    void normalisesUrlsOnBothSides() {
        loadAll();
        assertThat(ids(index.lookupUrl("http://bad.example/a~b?x=1"))).containsExactly(id(5));
        assertThat(ids(index.lookupUrl("HTTP://BAD.EXAMPLE:80/a%7Eb?x=1#other"))).containsExactly(id(5));
        assertThat(index.lookupUrl("http://bad.example/a~b?x=2")).isEmpty();
        assertThat(index.lookupUrl("::garbage::")).isEmpty();
    }

    @Test
    void findsHashesOfEachAlgorithmAndEmail() {
        loadAll();
        assertThat(ids(index.lookupHash("cead3f77f6cda6ec00f57d76c9a6879f"))).containsExactly(id(6));
        assertThat(ids(index.lookupHash("AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F")))
                .containsExactly(id(6));
        assertThat(ids(index.lookupHash("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"))).containsExactly(id(7));
        assertThat(index.lookupHash("zz")).isEmpty();
        assertThat(ids(index.lookupEmail("phisher@bad.example"))).containsExactly(id(8));
        assertThat(ids(index.lookupEmail("PHISHER@BAD.EXAMPLE"))).containsExactly(id(8));
    }

    @Test
    void singleLookupsOfNullOrMalformedValuesHaveNoHitsAndLongValuesStillMatch() {
        loadAll();
        assertThat(index.lookupIp(null)).isEmpty();
        assertThat(index.lookupDomain(null)).isEmpty();
        assertThat(index.lookupUrl(null)).isEmpty();
        assertThat(index.lookupEmail(null)).isEmpty();
        assertThat(index.lookupHash(null)).isEmpty();
        // a hash's length but not hex; a value longer than the reused copy buffer (5,000 characters)
        assertThat(index.lookupHash("zead3f77f6cda6ec00f57d76c9a6879f")).isEmpty();
        String longLabel = "a".repeat(5_000);
        assertThat(index.lookupDomain(longLabel + ".evil.example")).isNotEmpty();
        assertThat(index.lookupUrl("http://bad.example/a~b?x=1&pad=" + longLabel)).isEmpty();
        // after those, a short value reads its own characters, not what the long ones left in a buffer
        assertThat(ids(index.lookupHash("cead3f77f6cda6ec00f57d76c9a6879f"))).containsExactly(id(6));
        assertThat(ids(index.lookupUrl("http://bad.example/a~b?x=1"))).containsExactly(id(5));
    }

    @Test
    void leavesOutRevokedExpiredDecayedAndMultiValuePatterns() {
        Map<String, IndicatorIndex.Outcome> out = loadAll();
        assertThat(out.get(id(9))).isEqualTo(IndicatorIndex.Outcome.REMOVED);
        assertThat(out.get(id(10))).isEqualTo(IndicatorIndex.Outcome.INACTIVE);
        assertThat(out.get(id(11))).isEqualTo(IndicatorIndex.Outcome.NOT_INDEXABLE);
        assertThat(out.get(id(12))).isEqualTo(IndicatorIndex.Outcome.NOT_INDEXABLE);
        assertThat(out.get(id(15))).isEqualTo(IndicatorIndex.Outcome.INACTIVE);
        assertThat(out.get(id(13))).isEqualTo(IndicatorIndex.Outcome.INDEXED);
        for (String ip : new String[] {"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.5", "192.0.2.8"}) {
            assertThat(index.lookupIp(ip)).as(ip).isEmpty();
        }
        assertThat(ids(index.lookupIp("192.0.2.7"))).containsExactly(id(13));
    }

    @Test
    void urlsWithUpperCaseInThePathMatchInAnyCase() {
        ObjectNode changed = indicators.getFirst().toTree();
        changed.put("pattern", "[url:value = 'http://bad.example/_layouts/15/SpInstall0.aspx?Q=A']");
        index.upsert(StixObject.of(changed), SightingSummary.NONE);
        for (String url : new String[] {"http://bad.example/_layouts/15/SpInstall0.aspx?Q=A",
            "http://bad.example/_LAYOUTS/15/spinstall0.ASPX?q=a"}) {
            assertThat(ids(index.lookupUrl(url))).as(url).containsExactly(id(1));
            List<String> batch = new java.util.ArrayList<>();
            index.lookupUrls(new String[] {url}, 1, (p, h) -> batch.add(h.indicatorId()));
            assertThat(batch).as(url).containsExactly(id(1));
        }
        index.merge();
        assertThat(ids(index.lookupUrl("http://bad.example/_layouts/15/SPINSTALL0.aspx?q=A"))).containsExactly(id(1));
        assertThat(index.lookupUrl("http://bad.example/_layouts/15/spinstall1.aspx?q=a")).isEmpty();
    }

    @Test
    void urlsWithCharactersBeyondLatin1MatchThemselvesOnly() {
        ObjectNode changed = indicators.getFirst().toTree();
        changed.put("pattern", "[url:value = 'http://bad.example/dokument-\u0161\u0434.pdf']");
        index.upsert(StixObject.of(changed), SightingSummary.NONE);
        String url = "http://bad.example/dokument-\u0161\u0434.pdf";
        assertThat(ids(index.lookupUrl(url))).containsExactly(id(1));
        List<String> batch = new java.util.ArrayList<>();
        index.lookupUrls(new String[] {url, "http://bad.example/dokument-??.pdf"}, 2,
                (p, h) -> batch.add(p + "=" + h.indicatorId()));
        assertThat(batch).containsExactly("0=" + id(1));
        assertThat(index.lookupUrl("http://bad.example/dokument-??.pdf")).isEmpty();
    }

    @Test
    void appliesUpdatesAndRemovalsWithoutRebuildingAndAfterMerge() {
        loadAll();
        index.merge();
        ObjectNode changed = indicators.getFirst().toTree();
        changed.put("pattern", "[ipv4-addr:value = '203.0.113.99']");
        changed.put("modified", "2026-11-20T00:00:00.000Z");
        assertThat(index.upsert(StixObject.of(changed), SightingSummary.NONE)).isEqualTo(IndicatorIndex.Outcome.INDEXED);
        assertThat(ids(index.lookupIp("203.0.113.7"))).containsExactly(id(14));
        assertThat(ids(index.lookupIp("203.0.113.99"))).containsExactly(id(1));
        index.remove(id(14));
        assertThat(index.lookupIp("203.0.113.7")).isEmpty();
        index.merge();
        assertThat(index.lookupIp("203.0.113.7")).isEmpty();
        assertThat(ids(index.lookupIp("203.0.113.99"))).containsExactly(id(1));
        assertThat(index.stats()).containsEntry("tombstones", 0L).containsEntry("deltaEntries", 0L);
    }

    @Test
    void sightingsRaiseAndAgeLowersTheScore() {
        Instant ref = Instant.parse("2026-11-01T00:00:00Z");
        double fresh = IndicatorScore.score(50, SightingSummary.NONE, ref, ref, ObservableKind.IPV4);
        double month = IndicatorScore.score(50, SightingSummary.NONE, ref, ref.plus(java.time.Duration.ofDays(30)),
                ObservableKind.IPV4);
        double sighted = IndicatorScore.score(50, new SightingSummary(10, Optional.empty()), ref, ref,
                ObservableKind.IPV4);
        assertThat(fresh).isEqualTo(0.5);
        assertThat(month).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sighted).isGreaterThan(fresh).isLessThanOrEqualTo(1.0);
        double hashMonth = IndicatorScore.score(50, SightingSummary.NONE, ref, ref.plus(java.time.Duration.ofDays(30)),
                ObservableKind.SHA256);
        assertThat(hashMonth).isGreaterThan(month);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomAddressesAgreeWithCidrContainment(long seed) {
        Random r = new Random(seed);
        IndicatorTable.Builder b = new IndicatorTable.Builder(1000);
        int[][] nets = new int[200][2];
        for (int i = 0; i < nets.length; i++) {
            nets[i][0] = r.nextInt();
            nets[i][1] = 8 + r.nextInt(25);
            b.addIpv4(nets[i][0] & 0xFFFFFFFFL, nets[i][1], 0, i, (byte) -1, 1f);
        }
        index.loadBase(b);
        for (int n = 0; n < 5000; n++) {
            int addr = r.nextBoolean() ? r.nextInt() : nets[r.nextInt(nets.length)][0] ^ r.nextInt(256);
            long expected = java.util.Arrays.stream(nets).filter(net -> {
                int p = net[1];
                int mask = p == 0 ? 0 : -1 << (32 - p);
                return (addr & mask) == (net[0] & mask);
            }).count();
            String text = (addr >>> 24) + "." + (addr >>> 16 & 255) + "." + (addr >>> 8 & 255) + "." + (addr & 255);
            assertThat(index.lookupIp(text)).as(text).hasSize((int) expected);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void crowdedBlocksAndWideRangesAgreeWithContainmentInSingleBatchAndMergedLookups(long seed) {
        Random r = new Random(seed);
        IndicatorTable.Builder b = new IndicatorTable.Builder(1000);
        int[][] nets = new int[300][2];
        for (int i = 0; i < nets.length; i++) {
            boolean crowded = i % 3 != 0;
            nets[i][0] = crowded ? 0x0A010000 | r.nextInt(65536) : r.nextInt();
            nets[i][1] = crowded ? 16 + r.nextInt(17) : r.nextInt(16);
            b.addIpv4(nets[i][0] & 0xFFFFFFFFL, nets[i][1], 0, i, (byte) -1, 1f);
        }
        index.loadBase(b);
        for (int round = 0; round < 2; round++) {
            String[] batch = new String[2000];
            long[] expected = new long[batch.length];
            for (int n = 0; n < batch.length; n++) {
                int addr = r.nextBoolean() ? 0x0A010000 | r.nextInt(65536) : r.nextInt();
                expected[n] = java.util.Arrays.stream(nets).filter(net -> {
                    int mask = net[1] == 0 ? 0 : -1 << (32 - net[1]);
                    return (addr & mask) == (net[0] & mask);
                }).count();
                batch[n] = (addr >>> 24) + "." + (addr >>> 16 & 255) + "." + (addr >>> 8 & 255) + "." + (addr & 255);
                assertThat(index.lookupIp(batch[n])).as(batch[n]).hasSize((int) expected[n]);
            }
            long[] batched = new long[batch.length];
            index.lookupIps(batch, batch.length, (p, h) -> batched[p]++);
            assertThat(batched).isEqualTo(expected);
            index.merge();
        }
    }

    @Test
    void batchLookupFindsTheSameHitsAsSingleLookups() {
        loadAll();
        String[] batch = {"203.0.113.7", "198.51.100.77", "10.1.1.1", "2001:db8:dead:beef::1", "garbage"};
        List<String> found = new java.util.ArrayList<>();
        int n = index.lookupIps(batch, batch.length, (p, h) -> found.add(p + "=" + h.indicatorId()));
        assertThat(n).isEqualTo(4);
        assertThat(found).containsExactlyInAnyOrder("0=" + id(1), "0=" + id(14), "1=" + id(2), "3=" + id(3));
    }

    @Test
    void batchLookupSeesUpdatesAndRemovalsBeforeTheMerge() {
        loadAll();
        index.merge();
        ObjectNode changed = indicators.getFirst().toTree();
        changed.put("pattern", "[ipv4-addr:value = '203.0.113.99']");
        changed.put("modified", "2026-11-20T00:00:00.000Z");
        index.upsert(StixObject.of(changed), SightingSummary.NONE);
        index.remove(id(14));
        String[] batch = {"203.0.113.7", "203.0.113.99", "198.51.100.77"};
        List<String> found = new java.util.ArrayList<>();
        int n = index.lookupIps(batch, batch.length, (p, h) -> found.add(p + "=" + h.indicatorId()));
        assertThat(found).containsExactlyInAnyOrder("1=" + id(1), "2=" + id(2));
        assertThat(n).isEqualTo(2);
        for (int i = 0; i < batch.length; i++) {
            int position = i;
            assertThat(found.stream().filter(f -> f.startsWith(position + "=")).count())
                    .isEqualTo(index.lookupIp(batch[i]).size());
        }
    }
}
