package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mburoja.incidents.internal.CaseViews.Observable;

class CaseStixExportTest {

    static final UUID SCO_NS = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    @Test
    void uuid5MatchesRfc4122ReferenceValues() {
        // values computed independently with Python's uuid.uuid5
        assertThat(CaseStixExport.uuid5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"))
                .hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assertThat(CaseStixExport.uuid5(SCO_NS, "{\"value\":\"203.0.113.7\"}")).hasToString("9ddd739e-87b1-587d-83f2-62ef1130af2f");
    }

    @Test
    void observablesBecomeDeterministicScos() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        Map<String, Object> ip6 = CaseStixExport.sco(new Observable(UUID.randomUUID(), "IP", "2001:db8:0:0:0:0:0:1", null, t, "a"), "m");
        assertThat(ip6.get("type")).isEqualTo("ipv6-addr");
        Map<String, Object> md5 = CaseStixExport.sco(new Observable(UUID.randomUUID(), "HASH", "d41d8cd98f00b204e9800998ecf8427e", null, t, "a"), "m");
        assertThat(md5.get("hashes")).isEqualTo(Map.of("MD5", "d41d8cd98f00b204e9800998ecf8427e"));
        Map<String, Object> again = CaseStixExport.sco(new Observable(UUID.randomUUID(), "HASH", "d41d8cd98f00b204e9800998ecf8427e", "other", t, "b"), "m");
        assertThat(again.get("id")).isEqualTo(md5.get("id"));
        assertThat(CaseStixExport.sco(new Observable(UUID.randomUUID(), "OTHER", "x", null, t, "a"), "m")).isNull();
        assertThat(CaseStixExport.sco(new Observable(UUID.randomUUID(), "ACCOUNT", "svc", null, t, "a"), "m"))
                .containsEntry("type", "user-account").containsEntry("user_id", "svc");
    }

    @Test
    void quotesControlCharactersAsRfc8785Does() {
        assertThat(CaseStixExport.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }

    @Test
    void bundleCarriesTheCasesTlpOnEveryObject() {
        Instant t = Instant.parse("2026-03-29T01:30:00Z");
        CaseViews.Case c = new CaseViews.Case(UUID.randomUUID(), "CASE-2026-000001", "DDoS", null, "HIGH", "NEW", null,
                null, null, null, null, null, "availability", "ddos", List.of("T1498"), List.of(), "RED", "AMBER", true, null, null,
                "MANUAL", t, "a", t, null, List.of());
        Map<String, Object> bundle = CaseStixExport.bundle(new CaseViews.CaseDetail(c, List.of(),
                List.of(new Observable(UUID.randomUUID(), "DOMAIN", "bad.example", null, t, "a")), List.of(), List.of(),
                List.of(), List.of()), "AKCESK");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects = (List<Map<String, Object>>) bundle.get("objects");
        assertThat(objects).hasSize(5);
        objects.stream().filter(o -> !"marking-definition".equals(o.get("type"))).forEach(o ->
                assertThat(o.get("object_marking_refs")).isEqualTo(List.of("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1")));
        assertThat(objects.get(2)).containsEntry("created", "2026-03-29T01:30:00.000Z").containsEntry("x_mburoja_cross_border", true);
    }
}
