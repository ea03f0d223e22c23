package org.mburoja.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisations;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.Principals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Events matched against the live indicator index through {@code POST /api/v1/intel/match}: the index follows
 * ingest, revocation and deletion as they commit, and every reader gets only the indicators its collection rights
 * and TLP release to it.
 */
@IntegrationTest
class IndicatorMatchIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    IntelCollections collections;
    @Autowired
    Organisations organisations;
    @Autowired
    StixStore store;
    @Autowired
    IndicatorMatching matching;
    @Autowired
    AuditLog audit;

    IntelWorld world;
    String tag;
    Map<Tlp, String> ids;
    String ipIndicator;
    String hashIndicator;
    String hash;
    String network;

    @BeforeEach
    void world() {
        world = new IntelWorld(organisations, collections);
        if (!matching.state(world.admin).ready()) {
            matching.rebuild(world.admin);
        }
        tag = UUID.randomUUID().toString().substring(0, 8);
        ids = new java.util.EnumMap<>(Tlp.class);
        List<JsonNode> objects = new ArrayList<>();
        for (Tlp t : Tlp.values()) {
            String id = "indicator--" + UUID.randomUUID();
            ids.put(t, id);
            objects.add(indicator(id, "[domain-name:value = '" + domain(t) + "']", t, 80));
        }
        ipIndicator = "indicator--" + UUID.randomUUID();
        java.util.Random random = new java.util.Random();
        network = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + 4 * random.nextInt(64);
        objects.add(indicator(ipIndicator, "[ipv4-addr:value = '" + network + "/30']", Tlp.GREEN, 40));
        hashIndicator = "indicator--" + UUID.randomUUID();
        hash = (tag + tag).repeat(4);
        objects.add(indicator(hashIndicator, "[file:hashes.'SHA-256' = '" + hash + "']", Tlp.CLEAR, 90));
        IngestReport report = store.ingest(world.analyst, world.collection.id(), objects, "local");
        assertThat(report.count(ObjectOutcome.Status.ACCEPTED)).as(report.toString()).isEqualTo(objects.size());
    }

    private String domain(Tlp t) {
        return t.level().replace("+", "-") + "." + tag + ".example.al";
    }

    /** An address inside this test's /30 (one of 2^22 networks, so other tests' indicators do not match it). */
    private String ip() {
        return network.substring(0, network.lastIndexOf('.') + 1)
                + (Integer.parseInt(network.substring(network.lastIndexOf('.') + 1)) + 2);
    }

    private static JsonNode indicator(String id, String pattern, Tlp tlp, int confidence) {
        return StixJson.MAPPER.readTree("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-11-20T09:00:00.000Z\",\"modified\":\"2026-11-20T09:00:00.000Z\","
                + "\"pattern\":\"" + pattern.replace("'", "'") + "\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-11-20T09:00:00Z\",\"confidence\":" + confidence + ","
                + "\"object_marking_refs\":[\"" + tlp.markingId() + "\"]}");
    }

    private String events() {
        return "{\"events\": [{\"winlog\": {\"event_data\": {\"QueryName\": \"mail." + domain(Tlp.GREEN) + "\","
                + " \"DestinationIp\": \"" + ip() + "\", \"Image\": \"C:\\\\Windows\\\\System32\\\\svchost.exe\"}}},"
                + " {\"Hashes\": \"MD5=00112233445566778899aabbccddeeff,SHA256=" + hash.toUpperCase() + "\"},"
                + " {\"names\": [\"" + domain(Tlp.CLEAR) + "\", \"" + domain(Tlp.AMBER) + "\", \"" + domain(Tlp.AMBER_STRICT)
                + "\", \"" + domain(Tlp.RED) + "\"]}],"
                + " \"values\": [\"nothing-here.example\", \"" + domain(Tlp.RED) + "\"]}";
    }

    private JsonNode match(Actor actor, String body) throws Exception {
        String json = mvc.perform(post("/api/v1/intel/match").with(csrf()).with(Principals.as(actor))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return StixJson.MAPPER.readTree(json);
    }

    /** The indicators matched, as "event/field -> indicator". */
    private static List<String> hits(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : report.get("matches")) {
            out.add(m.path("event").asInt(-1) + "/" + m.get("field").asString() + " -> "
                    + m.get("indicator").asString());
        }
        return out;
    }

    @Test
    void matchesEveryValueOfTheEventsByItsShapeAsSoonAsTheIngestCommitted() throws Exception {
        JsonNode r = match(world.analyst, events());
        assertThat(hits(r)).containsExactly(
                "0/winlog.event_data.QueryName -> " + ids.get(Tlp.GREEN),
                "0/winlog.event_data.DestinationIp -> " + ipIndicator,
                "1/Hashes -> " + hashIndicator,
                "2/names[0] -> " + ids.get(Tlp.CLEAR),
                "2/names[1] -> " + ids.get(Tlp.AMBER),
                "2/names[2] -> " + ids.get(Tlp.AMBER_STRICT),
                "2/names[3] -> " + ids.get(Tlp.RED),
                "-1/values[1] -> " + ids.get(Tlp.RED));
        JsonNode first = r.get("matches").get(0);
        assertThat(first.get("kind").asString()).isEqualTo("domain");
        assertThat(first.get("tlp").asString()).isEqualTo("green");
        assertThat(first.get("collections").get(0).asString()).isEqualTo(world.collection.id().toString());
        assertThat(first.get("score").asDouble()).isBetween(0.05, 0.8);
        assertThat(r.get("matches").get(1).get("kind").asString()).isEqualTo("ipv4");
        assertThat(r.get("matches").get(2).get("kind").asString()).isEqualTo("sha256");
        assertThat(r.get("withheld").asInt()).isZero();
        assertThat(r.get("index").get("ready").asBoolean()).isTrue();
        // the name, the address, both hashes, the four names and both values (svchost.exe's path is no observable)
        assertThat(r.get("looked_up").asInt()).isEqualTo(10);
    }

    @Test
    void eachReaderGetsWhatItsRightsAndTlpRelease() throws Exception {
        Map<String, Set<Tlp>> expected = Map.of(
                "partner in the sharing group", Set.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER),
                "partner outside the group", Set.of(Tlp.CLEAR, Tlp.GREEN),
                "operator", Set.of(Tlp.CLEAR, Tlp.GREEN),
                "organisation without a grant", Set.of());
        Map<String, Actor> readers = Map.of("partner in the sharing group", world.partnerInGroup,
                "partner outside the group", world.partnerOutsideGroup, "operator", world.operator,
                "organisation without a grant", world.stranger);
        for (Map.Entry<String, Actor> e : readers.entrySet()) {
            JsonNode r = match(e.getValue(), events());
            Set<Tlp> seen = new TreeSet<>();
            for (JsonNode m : r.get("matches")) {
                ids.forEach((t, id) -> {
                    if (id.equals(m.get("indicator").asString())) {
                        seen.add(t);
                    }
                });
            }
            assertThat(seen).as(e.getKey()).isEqualTo(expected.get(e.getKey()));
            // 6 domain matches (RED twice) + the address and the hash, minus what this reader gets
            int released = r.get("matches").size();
            assertThat(released + r.get("withheld").asInt()).as(e.getKey()).isEqualTo(8);
        }
        assertThat(audit.count(new AuditFilter(null, "access.withheld", "intel-index", null, null, null)))
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void revocationAndDeletionLeaveTheIndexWhenTheyCommit() throws Exception {
        store.revoke(world.analyst, world.collection.id(), ids.get(Tlp.GREEN));
        store.delete(world.analyst, world.collection.id(), ipIndicator, VersionMatch.ALL, Set.of());
        List<String> left = hits(match(world.analyst, events()));
        assertThat(left).hasSize(6).noneMatch(h -> h.endsWith(ids.get(Tlp.GREEN)) || h.endsWith(ipIndicator));
    }

    @Test
    void recordedSightingsAreStoredAndRaiseTheScore() throws Exception {
        String body = "{\"values\": [\"" + domain(Tlp.CLEAR) + "\", \"x." + domain(Tlp.CLEAR) + "\"], "
                + "\"sightings\": {\"collection\": \"" + world.collection.id() + "\", \"tlp\": \"amber\"}}";
        JsonNode r = match(world.analyst, body);
        double before = r.get("matches").get(0).get("score").asDouble();
        assertThat(r.get("sightings").get("accepted").asInt()).isEqualTo(1);
        List<StoredObject> sightings = store.search(world.analyst, new SearchCriteria(world.collection.id(),
                "sighting", null, null, null, null, false, 10));
        assertThat(sightings).hasSize(1);
        JsonNode s = StixJson.MAPPER.readTree(sightings.getFirst().json());
        assertThat(s.get("sighting_of_ref").asString()).isEqualTo(ids.get(Tlp.CLEAR));
        assertThat(s.get("count").asInt()).isEqualTo(2);
        assertThat(s.get("where_sighted_refs").get(0).asString()).startsWith("identity--");
        assertThat(sightings.getFirst().tlp()).isEqualTo(Tlp.AMBER);
        double after = match(world.analyst, "{\"values\": [\"" + domain(Tlp.CLEAR) + "\"]}")
                .get("matches").get(0).get("score").asDouble();
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void aReaderWithoutWriteAccessCannotRecordSightings() throws Exception {
        String body = "{\"values\": [\"" + domain(Tlp.CLEAR) + "\"], \"sightings\": {\"collection\": \""
                + world.collection.id() + "\"}}";
        mvc.perform(post("/api/v1/intel/match").with(csrf()).with(Principals.as(world.operator))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
    }

    @Test
    void limitsTheMatchesAndSaysSo() throws Exception {
        JsonNode r = match(world.analyst, events().replace("{\"events\"", "{\"max_matches\": 3, \"events\""));
        assertThat(r.get("matches").size()).isEqualTo(3);
        assertThat(r.get("truncated").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{}", "{\"events\": {}}", "{\"events\": [{}, 7]}",
            "{\"values\": [\"a\", 1]}", "{\"values\": \"1.2.3.4\"}", "{\"value\": [\"1.2.3.4\"]}",
            "{\"values\": [], \"max_matches\": 0}", "{\"values\": [], \"max_matches\": \"ten\"}",
            "{\"values\": [], \"sightings\": {\"collection\": \"not-a-uuid\"}}",
            "{\"values\": [], \"sightings\": {\"collection\": \"6d1a6f5e-6c2f-4b5e-9b0a-6b1f2e7c3a10\", \"tlp\": \"purple\"}}",
            "{\"values\": [], \"sightings\": []}"})
    void refusesMalformedRequestsSayingWhatIsWrong(String body) throws Exception {
        mvc.perform(post("/api/v1/intel/match").with(csrf()).with(Principals.as(world.analyst))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").isNotEmpty());
    }

    @Test
    void refusesTooManyValuesAndTooLargeBodies() throws Exception {
        StringBuilder many = new StringBuilder("{\"values\": [");
        for (int i = 0; i <= IndicatorMatching.MAX_VALUES; i++) {
            many.append(i == 0 ? "" : ",").append("\"v\"");
        }
        mvc.perform(post("/api/v1/intel/match").with(csrf()).with(Principals.as(world.analyst))
                        .contentType(MediaType.APPLICATION_JSON).content(many.append("]}").toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("more than 200000")));
        byte[] huge = new byte[8 * 1024 * 1024 + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        mvc.perform(post("/api/v1/intel/match").with(csrf()).with(Principals.as(world.analyst))
                        .contentType(MediaType.APPLICATION_JSON).content(huge))
                .andExpect(status().isContentTooLarge());
        mvc.perform(post("/api/v1/intel/match").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"values\": []}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void onlyTheAuthoritysStaffSeeTheIndexAndOnlyItsAdministratorsRebuildIt() throws Exception {
        mvc.perform(get("/api/v1/intel/index").with(Principals.as(world.analyst))).andExpect(status().isOk())
                .andExpect(jsonPath("$.ready").value(true))
                .andExpect(jsonPath("$.indicators").value(org.hamcrest.Matchers.greaterThanOrEqualTo(7)));
        mvc.perform(get("/api/v1/intel/index").with(Principals.as(world.partnerInGroup)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/intel/index/rebuild").with(csrf()).with(Principals.as(world.analyst)))
                .andExpect(status().isForbidden());
        long generation = matching.state(world.admin).generation();
        mvc.perform(post("/api/v1/intel/index/rebuild").with(csrf()).with(Principals.as(world.admin))).andExpect(status().isOk())
                .andExpect(jsonPath("$.generation").value(generation + 1));
        // the rebuilt index answers as the incrementally kept one did
        assertThat(hits(match(world.analyst, events()))).hasSize(8);
    }

    @Test
    void thePageMatchesPastedValuesAndEventsAndReportsBadLinesWithoutLosingTheRest() throws Exception {
        String text = domain(Tlp.GREEN) + "\n{\"DestinationIp\": \"" + ip() + "\"}\n{not json\n\nnothing.example\n";
        String page = mvc.perform(post("/intel/match").with(csrf()).with(Principals.as(world.partnerOutsideGroup))
                        .param("text", text))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(ids.get(Tlp.GREEN)).contains(ipIndicator).contains("TLP:GREEN")
                .contains("id=\"malformed\"").contains("3: ");
        String amber = mvc.perform(post("/intel/match").with(csrf()).with(Principals.as(world.partnerOutsideGroup))
                        .param("text", domain(Tlp.AMBER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(amber).doesNotContain(ids.get(Tlp.AMBER)).contains("1 matches are on indicators you may not see");
        mvc.perform(post("/intel/match").with(csrf()).with(Principals.as(world.analyst))
                .param("text", "x".repeat(1_000_001))).andExpect(status().isBadRequest());
        mvc.perform(get("/intel/match").with(Principals.as(world.operator))).andExpect(status().isOk());
    }
}
