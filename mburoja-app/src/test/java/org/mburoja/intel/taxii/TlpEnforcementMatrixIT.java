package org.mburoja.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.intel.IntelWorld.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisations;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.IntelWorld;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Every TLP level against every kind of reader, through the TAXII objects endpoint. The collection grants read to
 * a partner inside the sharing group, a partner outside it and an operator; the authority's analyst publishes.
 */
@IntegrationTest
class TlpEnforcementMatrixIT {

    private static final String ALL = "tlp-clear tlp-green tlp-amber tlp-amber-strict tlp-red unmarked tlp1-white "
            + "tlp1-amber green-with-red-granular";

    @Autowired
    MockMvc mvc;
    @Autowired
    StixStore store;
    @Autowired
    IntelCollections collections;
    @Autowired
    Organisations organisations;
    @Autowired
    AuditLog audit;

    IntelWorld world;

    @BeforeEach
    void publishEveryLevel() {
        world = new IntelWorld(organisations, collections);
        store.ingest(world.analyst, world.collection.id(),
                IntelWorld.objectsOf(IntelWorld.fixture(TlpEnforcementMatrixIT.class, "/org/mburoja/intel/tlp-levels.json")), "local");
    }

    @ParameterizedTest(name = "{0} receives {1}")
    @CsvSource(delimiter = '|', value = {
        "analyst         | " + ALL,
        "partnerInGroup  | tlp-clear tlp-green tlp-amber unmarked tlp1-white tlp1-amber",
        "partnerOutside  | tlp-clear tlp-green tlp1-white",
        "operator        | tlp-clear tlp-green tlp1-white",
    })
    void eachReaderReceivesExactlyWhatTlpAllows(String reader, String expected) throws Exception {
        Actor actor = reader(reader);
        long withheldBefore = withheldEntries(actor);
        assertThat(names(actor)).containsExactlyInAnyOrderElementsOf(Arrays.asList(expected.trim().split(" ")));
        int hidden = ALL.split(" ").length - expected.trim().split(" ").length;
        assertThat(withheldEntries(actor)).isEqualTo(withheldBefore + (hidden > 0 ? 1 : 0));
    }

    @Test
    void redObjectIsNotFoundForAPartnerAndTheAttemptIsAudited() throws Exception {
        String red = "indicator--3d5d7b0e-1c1a-4a4e-8a36-7c0f4c1a0004";
        long before = withheldEntries(world.partnerInGroup);
        mvc.perform(get(objects() + red + "/").with(as(world.partnerInGroup))).andExpect(status().isNotFound());
        assertThat(withheldEntries(world.partnerInGroup)).isEqualTo(before + 1);
        var entry = audit.search(new AuditFilter(world.partnerInGroup.username(), "access.withheld", null, null, null,
                null), 0, 1).getFirst();
        assertThat(entry.after()).contains(red);
    }

    @Test
    void aPublisherAlwaysSeesItsOwnRedObjectsAndNobodyElseOutsideTheAuthorityDoes() throws Exception {
        String bundle = IntelWorld.fixture(TlpEnforcementMatrixIT.class, "/org/mburoja/intel/tlp-levels.json")
                .replace("3d5d7b0e-1c1a-4a4e-8a36-7c0f4c1a", "7e7e7e7e-1c1a-4a4e-8a36-7c0f4c1a")
                .replace("\"name\": \"", "\"name\": \"kosovo-");
        store.ingest(world.partnerInGroup, world.collection.id(), IntelWorld.objectsOf(bundle), "local");
        assertThat(names(world.partnerInGroup)).contains("kosovo-tlp-red", "kosovo-tlp-amber-strict");
        assertThat(names(world.partnerOutsideGroup)).doesNotContain("kosovo-tlp-red", "kosovo-tlp-amber-strict",
                "kosovo-tlp-amber");
        assertThat(names(world.analyst)).contains("kosovo-tlp-red");
    }

    @Test
    void anOrganisationWithoutAGrantIsRefusedAndAudited() throws Exception {
        long before = audit.count(new AuditFilter(world.stranger.username(), "access.denied", null, null, null, null));
        mvc.perform(get(objects()).with(as(world.stranger))).andExpect(status().isForbidden());
        mvc.perform(get("/taxii2/intel/collections/" + world.collection.id() + "/").with(as(world.stranger)))
                .andExpect(status().isNotFound());
        assertThat(audit.count(new AuditFilter(world.stranger.username(), "access.denied", null, null, null, null)))
                .isEqualTo(before + 2);
    }

    private Actor reader(String name) {
        return switch (name) {
            case "analyst" -> world.analyst;
            case "partnerInGroup" -> world.partnerInGroup;
            case "partnerOutside" -> world.partnerOutsideGroup;
            case "operator" -> world.operator;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private String objects() {
        return "/taxii2/intel/collections/" + world.collection.id() + "/objects/";
    }

    private List<String> names(Actor actor) throws Exception {
        byte[] body = mvc.perform(get(objects()).with(as(actor)).header("Accept", TaxiiMedia.TAXII))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<String> names = new ArrayList<>();
        JsonNode objects = StixJson.MAPPER.readTree(body).path("objects");
        objects.forEach(o -> names.add(o.get("name").stringValue()));
        assertThat(Set.copyOf(names)).hasSameSizeAs(names);
        return names;
    }

    private long withheldEntries(Actor actor) {
        return audit.count(new AuditFilter(actor.username(), "access.withheld", null, null, null, null));
    }
}
