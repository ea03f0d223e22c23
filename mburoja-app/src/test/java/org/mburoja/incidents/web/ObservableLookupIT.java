package org.mburoja.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.incidents.web.IncidentApiFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.incidents.internal.CaseViews.IntelHit;
import org.mburoja.incidents.internal.CaseViews.Lookup;
import org.mburoja.incidents.internal.CaseViews.Observable;
import org.mburoja.incidents.internal.CaseService;
import org.mburoja.incidents.internal.CaseViews;
import org.mburoja.incidents.internal.CaseWorkService;
import org.mburoja.intel.CollectionGrant;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.IntelWorld;
import org.mburoja.intel.StixStore;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorDraft;
import org.mburoja.operators.OperatorRegistry;
import org.mburoja.operators.internal.TestNipts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Observables of a case are looked up in the operator registry and the intelligence store as the user who looks:
 * an analyst sees the owning operator and every object; the operator of the case sees no registry answer and only
 * what TLP releases to it.
 */
@IntegrationTest
class ObservableLookupIT {

    private static final String GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    private static final String RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    @Autowired ApplicationContext ctx;
    @Autowired MockMvc mvc;
    @Autowired Organisations organisations;
    @Autowired IntelCollections collections;
    @Autowired StixStore store;
    @Autowired OperatorRegistry registry;
    @Autowired CaseService cases;
    @Autowired CaseWorkService work;
    @Autowired JsonMapper json;

    Actor analyst;
    Actor reporter;
    Organisation op;
    IntelWorld world;
    String tag;
    String block;
    String address;
    Operator owner;

    @BeforeEach
    void setUp() {
        IncidentApiFixtures.init(ctx);
        tag = UUID.randomUUID().toString().substring(0, 8);
        analyst = IncidentApiFixtures.analyst();
        op = IncidentApiFixtures.operator(organisations, "Lookup bank");
        reporter = IncidentApiFixtures.user(op, Role.OPERATOR);
        int third = ThreadLocalRandom.current().nextInt(64, 128);
        int fourth = ThreadLocalRandom.current().nextInt(0, 16) * 16;
        block = "100.64." + third + "." + fourth + "/28";
        address = "100.64." + third + "." + (fourth + 9);
        owner = registry.create(analyst, new OperatorDraft("Lookup Energy " + tag, TestNipts.next(), "Tiran\u00eb", "energy",
                "electricity", "ESSENTIAL", "cert@lookup-" + tag + ".al", "+355 4 222 2222", null, "+355 69 123 4567",
                List.of(), List.of(block), List.of("lookup-" + tag + ".al"), List.of()));
        world = new IntelWorld(organisations, collections);
        collections.grant(world.admin, new CollectionGrant(world.collection.id(), op.id(), true, false, false));
        store.ingest(world.admin, world.collection.id(), List.of(
                indicator("C2 range " + tag, "[ipv4-addr:value ISSUBSET '" + block + "']", GREEN),
                indicator("Wiper staging host " + tag, "[domain-name:value = 'lookup-" + tag + ".al']", RED),
                indicator("Phishing sender " + tag, "[email-addr:value = 'hr@lookup-" + tag + ".al']", GREEN)), "local");
    }

    private JsonNode indicator(String name, String pattern, String marking) {
        String ts = "2026-12-01T10:00:00.000Z";
        return json.readTree("""
                {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s", "created": "%s", "modified": "%s",
                 "name": "%s", "pattern": "%s", "pattern_type": "stix", "valid_from": "%s",
                 "object_marking_refs": ["%s"]}""".formatted(UUID.randomUUID(), ts, ts, name, pattern.replace("'", "'"), ts, marking));
    }

    private UUID caseOfOperator() {
        return cases.open(analyst, new CaseViews.NewCase("Lookups " + tag, null, "HIGH", op.id().value(), "banking",
                "ESSENTIAL", null, null, List.of(), "AMBER", "AMBER", false, null)).id();
    }

    private Observable add(UUID caseId, String kind, String value) {
        return work.addObservable(analyst, caseId, new CaseViews.NewObservable(kind, value, null));
    }

    private static Observable find(List<Observable> obs, String value) {
        return obs.stream().filter(o -> o.value().equals(value)).findFirst().orElseThrow();
    }

    @Test
    void anAnalystSeesTheOwningOperatorAndTheIndicatorWhoseRangeContainsTheAddress() {
        UUID c = caseOfOperator();
        Observable added = add(c, "IP", address);
        Lookup l = added.lookup();
        assertThat(l).isNotNull();
        assertThat(l.registryNote()).isNull();
        assertThat(l.registry()).singleElement().satisfies(h -> {
            assertThat(h.operator()).isEqualTo(owner.id().value());
            assertThat(h.matchedAsset()).isEqualTo(block);
        });
        assertThat(l.intel()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("C2 range " + tag);
            assertThat(h.relation()).isEqualTo("CONTAINING_RANGE");
            assertThat(h.matchedValue()).isEqualTo(block);
            assertThat(h.tlp()).isEqualTo("TLP:GREEN");
        });
    }

    @Test
    void subdomainsUrlsAndMailAddressesAreFoundThroughTheirDomains() {
        UUID c = caseOfOperator();
        add(c, "DOMAIN", "owa.lookup-" + tag + ".al");
        add(c, "URL", "https://owa.lookup-" + tag + ".al/owa/auth/errorEE.aspx");
        add(c, "EMAIL", "hr@lookup-" + tag + ".al");
        add(c, "HASH", "a".repeat(64));
        List<Observable> obs = work.detail(analyst, c, List.of()).observables();

        Observable domain = find(obs, "owa.lookup-" + tag + ".al");
        assertThat(domain.lookup().registry()).extracting(CaseViews.RegistryHit::name).containsExactly("Lookup Energy " + tag);
        assertThat(domain.lookup().intel()).extracting(IntelHit::relation, IntelHit::tlp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PARENT_DOMAIN", "TLP:RED"));

        Observable url = find(obs, "https://owa.lookup-" + tag + ".al/owa/auth/errorEE.aspx");
        assertThat(url.lookup().registry()).hasSize(1);
        assertThat(url.lookup().intel()).extracting(IntelHit::relation).containsExactly("PARENT_DOMAIN");

        Observable mail = find(obs, "hr@lookup-" + tag + ".al");
        assertThat(mail.lookup().intel()).extracting(IntelHit::relation).containsExactly("EXACT", "EMAIL_DOMAIN");
        assertThat(mail.lookup().registry()).hasSize(1);

        Observable hash = find(obs, "a".repeat(64));
        assertThat(hash.lookup().registryNote()).isEqualTo("not-applicable");
        assertThat(hash.lookup().intel()).isEmpty();
        assertThat(hash.lookup().intelNote()).isNull();
    }

    @Test
    void theOperatorOfTheCaseSeesNoRegistryAnswerAndOnlyWhatTlpReleasesToIt() {
        UUID c = caseOfOperator();
        add(c, "IP", address);
        add(c, "DOMAIN", "lookup-" + tag + ".al");
        List<Observable> obs = work.detail(reporter, c, List.of()).observables();
        Observable ip = find(obs, address);
        assertThat(ip.lookup().registryNote()).isEqualTo("not-permitted");
        assertThat(ip.lookup().registry()).isEmpty();
        assertThat(ip.lookup().intel()).extracting(IntelHit::tlp).containsExactly("TLP:GREEN");
        Observable domain = find(obs, "lookup-" + tag + ".al");
        assertThat(domain.lookup().intel()).as("TLP:RED is not released to the operator").isEmpty();

        assertThat(work.detail(analyst, c, List.of()).observables()).filteredOn(o -> o.value().equals("lookup-" + tag + ".al"))
                .singleElement().satisfies(o -> assertThat(o.lookup().intel()).extracting(IntelHit::tlp).containsExactly("TLP:RED"));
    }

    @Test
    void theCasePageShowsTheLookupsInEnglishAndAlbanian() throws Exception {
        UUID c = caseOfOperator();
        add(c, "IP", address);
        add(c, "HASH", "b".repeat(64));
        String page = mvc.perform(get("/incidents/cases/" + c).param("tab", "observables").with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Lookup Energy " + tag, block, "C2 range " + tag, "TLP:GREEN", "range " + block + " contains it",
                "href=\"/operators/" + owner.id().value() + "\"", "nothing in the intelligence store");
        String sq = mvc.perform(get("/incidents/cases/" + c).param("tab", "observables").param("lang", "sq").with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("Regjistri i operator\u00ebve", "diapazoni " + block + " e p\u00ebrmban");
        String operatorView = mvc.perform(get("/incidents/cases/" + c).param("tab", "observables").with(as(reporter)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(operatorView).contains("for authority staff only").doesNotContain("Lookup Energy " + tag);
    }

    @Test
    void theApiCarriesTheLookupWithEachObservable() throws Exception {
        UUID c = caseOfOperator();
        add(c, "IP", address);
        String body = mvc.perform(get("/api/v1/incidents/cases/" + c).with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode o = json.readTree(body).get("observables").get(0);
        assertThat(o.get("lookup").get("registry").get(0).get("matchedAsset").asString()).isEqualTo(block);
        assertThat(o.get("lookup").get("intel").get(0).get("relation").asString()).isEqualTo("CONTAINING_RANGE");
    }
}
