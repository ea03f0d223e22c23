package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.stix.StixBundle;

/** Batched lookups of events' values give exactly what looking each value up alone gives, in the order added. */
class ObservedLookupTest {

    /** Values of the fixture's indicators, their look-alikes and values that are no observable at all. */
    static final List<String> VALUES = List.of("203.0.113.7", "203.0.113.99", "198.51.100.77", "198.51.101.1",
            "2001:db8:dead:beef::1", "2001:0db8:dead:beef::ffff", "2001:db8:dead:bef0::1", "192.0.2.7",
            "evil.example", "a.b.EVIL.example.", "notevil.example", "c2.example.net", "example",
            "http://bad.example/a~b?x=1", "HTTP://BAD.EXAMPLE:80/a%7Eb?x=1#other", "http://bad.example/a~b?x=2",
            "cead3f77f6cda6ec00f57d76c9a6879f", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
            "AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F",
            "SHA1=2fd4e1c67a2d28fced849ee1bb76e7391b93eb12,MD5=cead3f77f6cda6ec00f57d76c9a6879f,IMPHASH=00",
            "phisher@bad.example", "PHISHER@BAD.EXAMPLE", "nobody@evil.example", "svchost.exe",
            "C:\\Windows\\System32\\cmd.exe", "", " ", "::", "zz", "ë@ë.al", "Tiranë", "\u0000", "x".repeat(3000));

    private IndicatorIndex index;

    @BeforeEach
    void load() throws IOException {
        try (InputStream in = IndicatorIndexTest.class.getResourceAsStream("indicators.json")) {
            index = new IndicatorIndex(IndicatorIndexTest.NOW, 0.05, 1000);
            index.upsertAll(StixBundle.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).objects(),
                    Map.of());
        }
    }

    /** The oracle: each value on its own, through the single lookups, each indicator once per observable. */
    private List<String> alone(List<String> values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            int origin = i;
            ObservedValues.of(values.get(i), (kind, v) -> {
                List<IndicatorHit> hits = switch (kind) {
                    case IPV4, IPV6 -> index.lookupIp(v);
                    case DOMAIN -> index.lookupDomain(v);
                    case URL -> index.lookupUrl(v);
                    case EMAIL -> index.lookupEmail(v);
                    case MD5, SHA1, SHA256 -> index.lookupHash(v);
                };
                Set<String> once = new LinkedHashSet<>();
                hits.forEach(h -> once.add(h.indicatorId()));
                once.stream().sorted().forEach(id -> out.add(origin + " " + v + " " + id));
            });
        }
        return out;
    }

    private List<String> batched(List<String> values, int batchSize) {
        List<String> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int[] lastOrigin = {-1};
        String[] lastValue = {null};
        ObservedLookup<Integer> lookup = new ObservedLookup<>(index, batchSize, h -> {
            // within one observable the order of indicators is not defined: sort each run as the oracle does
            if (h.origin() != lastOrigin[0] || !h.value().equals(lastValue[0])) {
                current.sort(null);
                out.addAll(current);
                current.clear();
                lastOrigin[0] = h.origin();
                lastValue[0] = h.value();
            }
            current.add(h.origin() + " " + h.value() + " " + h.hit().indicatorId());
        });
        for (int i = 0; i < values.size(); i++) {
            lookup.add(i, values.get(i));
        }
        lookup.flush();
        current.sort(null);
        out.addAll(current);
        return out;
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> 0x5EED0000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void batchesGiveWhatSingleLookupsGiveInTheOrderAdded(long seed) {
        Random r = new Random(seed);
        List<String> values = new ArrayList<>();
        int n = r.nextInt(400);
        for (int i = 0; i < n; i++) {
            values.add(VALUES.get(r.nextInt(VALUES.size())));
        }
        int batchSize = 1 + r.nextInt(r.nextBoolean() ? 5 : 300);
        assertThat(batched(values, batchSize)).as("batch size " + batchSize).isEqualTo(alone(values));
    }

    @Test
    void aHashListGivesOneHitPerListedHashAndCountsWhatItLookedUp() {
        List<ObservedLookup.Hit<String>> hits = new ArrayList<>();
        ObservedLookup<String> lookup = new ObservedLookup<>(index, 1024, hits::add);
        lookup.add("Hashes", VALUES.get(19));
        lookup.add("Image", "C:\\Windows\\System32\\cmd.exe");
        assertThat(hits).isEmpty(); // nothing before the batch is full or flushed
        lookup.flush();
        assertThat(hits).extracting(h -> h.origin() + "=" + h.hit().indicatorId()).containsExactly(
                "Hashes=" + IndicatorIndexTest.id(7), "Hashes=" + IndicatorIndexTest.id(6));
        assertThat(lookup.looked()).isEqualTo(2); // SHA1 and MD5; the IMPHASH is no known hash, cmd.exe no observable
        assertThat(lookup.hits()).isEqualTo(2);
        lookup.flush();
        assertThat(lookup.hits()).isEqualTo(2);
    }

    @Test
    void refusesABatchSizeBelowOne() {
        assertThatThrownBy(() -> new ObservedLookup<String>(index, 0, h -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
    }
}
