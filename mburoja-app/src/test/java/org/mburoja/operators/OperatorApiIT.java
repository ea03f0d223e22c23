package org.mburoja.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.operators.ItActors.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditEntry;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.operators.internal.TestNipts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OperatorApiIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog audit;

    @Autowired
    Organisations organisations;

    final JsonMapper json = JsonMapper.builder().build();
    final Actor analyst = ItActors.analyst();

    /** A valid draft with assets unique to this call (so tests never collide in the shared database). */
    static OperatorDraft draft(String name, int octet, int asn) {
        return new OperatorDraft(name, TestNipts.next(), "Bulevardi Dëshmorët e Kombit, Tiranë", "energy",
                "electricity", "essential", "cert@" + slug(name) + ".al", "+355 4 222 2222", "Duty officer",
                "069 123 4567", List.of("AL", "xk"), List.of("100." + octet + ".0.0/16", "2001:db8:" + Integer.toHexString(octet) + "::/48"),
                List.of(slug(name) + "-shqipëri.al"), List.of("AS" + asn));
    }

    static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static int octet() {
        return ThreadLocalRandom.current().nextInt(0, 256);
    }

    JsonNode create(OperatorDraft d) throws Exception {
        String body = mvc.perform(post("/api/v1/operators").with(as(analyst)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(d)))
                .andExpect(status().isCreated()).andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    @Test
    void analystRegistersAnOperatorAndFindsItByAddressDomainAndAsn() throws Exception {
        long asn = 4_200_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        String name = unique("Elektro");
        JsonNode created = create(new OperatorDraft(name, TestNipts.next(), "Tiranë", "energy", "electricity",
                "ESSENTIAL", "cert@elektro.al", "+355 4 222 2222", null, "+355 69 123 4567", List.of(),
                List.of("198.18." + octet() + ".0/24", "2001:db8:feed::/48"), List.of("Elektro-" + asn + ".al"),
                List.of("AS" + asn)));
        String id = created.get("id").asString();
        assertThat(created.get("serviceStates").toString()).isEqualTo("[\"AL\"]");
        assertThat(created.get("albanianDesignation").asString()).isEqualTo("CRITICAL_INFORMATION_INFRASTRUCTURE");
        assertThat(organisations.find(OrganisationId.of(id))).get()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(OrganisationKind.OPERATOR));

        String range = created.get("ipRanges").get(0).asString();
        String address = range.substring(0, range.lastIndexOf('.')) + ".77";
        mvc.perform(get("/api/v1/constituency").param("ip", address).with(as(analyst)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.matches[*].operator").value(Matchers.hasItem(id)))
                .andExpect(jsonPath("$.matches[0].matchedAsset").value(range));
        mvc.perform(get("/api/v1/constituency").param("domain", "https://www.ELEKTRO-" + asn + ".al/login")
                        .with(as(analyst)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.matches[0].operator").value(id));
        mvc.perform(get("/api/v1/constituency").param("asn", "as" + asn).with(as(analyst)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.matches[0].name").value(name));
        mvc.perform(get("/api/v1/constituency").param("ip", "not-an-ip").with(as(analyst)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("ip"));
        mvc.perform(get("/api/v1/constituency").with(as(analyst))).andExpect(status().isBadRequest());

        // the lookup follows changes at once: the range moves, the deleted record disappears
        OperatorDraft moved = new OperatorDraft(name, created.get("nipt").asString(), "Tiranë", "energy",
                "electricity", "ESSENTIAL", "cert@elektro.al", "+355 4 222 2222", null, "+355 69 123 4567",
                List.of(), List.of("198.51.100.0/24"), List.of(), List.of());
        mvc.perform(put("/api/v1/operators/" + id).with(as(analyst)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(moved)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/constituency").param("ip", address).with(as(analyst)))
                .andExpect(jsonPath("$.matches[*].operator").value(Matchers.not(Matchers.hasItem(id))));
        mvc.perform(get("/api/v1/constituency").param("ip", "198.51.100.9").with(as(analyst)))
                .andExpect(jsonPath("$.matches[*].operator").value(Matchers.hasItem(id)));
        mvc.perform(delete("/api/v1/operators/" + id).with(as(analyst)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/constituency").param("ip", "198.51.100.9").with(as(analyst)))
                .andExpect(jsonPath("$.matches[*].operator").value(Matchers.not(Matchers.hasItem(id))));
    }

    @Test
    void invalidRecordIsRefusedWithAnErrorPerFieldAndNothingIsStored() throws Exception {
        String name = unique("Broken");
        OperatorDraft bad = new OperatorDraft(name, "K12345678A", "", "energy", null, "vital", "cert@", "12",
                null, "+355 69 123 4567", List.of("ZZ"), List.of("10.0.0.1/8", "192.0.2.0/24"),
                List.of("*.example.al"), List.of("AS0"));
        mvc.perform(post("/api/v1/operators").with(as(analyst)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(bad)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_input"))
                .andExpect(jsonPath("$.message").value("the operator record was rejected; see fields"))
                .andExpect(jsonPath("$.fields[*].field").value(Matchers.containsInAnyOrder("address", "nipt",
                        "securityEmail", "securityPhone", "entityClass", "subSector", "serviceStates[0]",
                        "ipRanges[0]", "domains[0]", "asns[0]")))
                .andExpect(jsonPath("$.fields[?(@.field=='ipRanges[0]')].reason")
                        .value(Matchers.hasItem(Matchers.containsString("did you mean 10.0.0.0/8"))));
        mvc.perform(post("/api/v1/operators").with(as(analyst)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_input"));
        assertThat(organisations.findByName(name)).isEmpty();
    }

    @Test
    void duplicateNiptIsAFieldError() throws Exception {
        OperatorDraft first = draft(unique("Gas"), octet(), 64600);
        create(first);
        OperatorDraft second = new OperatorDraft(unique("Gas two"), first.nipt(), "Fier", "energy", "gas",
                "IMPORTANT", "soc@gas.al", "+355 4 222 2222", null, "+355 4 222 2223", null, null, null, null);
        mvc.perform(post("/api/v1/operators").with(as(analyst)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(second)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("nipt"));
    }

    @Test
    void everyChangeIsAuditedWithBeforeAndAfter() throws Exception {
        OperatorDraft d = draft(unique("Hekurudha"), octet(), 64601);
        String id = create(d).get("id").asString();
        OperatorDraft changed = new OperatorDraft(d.name(), d.nipt(), "Durrës", "transport", "rail", "IMPORTANT",
                d.securityEmail(), d.securityPhone(), d.emergencyName(), d.emergencyPhone(), d.serviceStates(),
                d.ipRanges(), d.domains(), d.asns());
        mvc.perform(put("/api/v1/operators/" + id).with(as(analyst)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(changed)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.sector").value("transport"));
        mvc.perform(delete("/api/v1/operators/" + id).with(as(analyst)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/operators/" + id).with(as(analyst))).andExpect(status().isNotFound());

        List<AuditEntry> entries = audit.search(new AuditFilter(null, "operator.", "operator", id, null, null), 0, 10);
        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly("operator.delete", "operator.update", "operator.create");
        assertThat(entries).allSatisfy(e -> assertThat(e.actor()).isEqualTo(analyst.username()));
        AuditEntry update = entries.get(1);
        assertThat(update.before()).contains("\"sector\":\"energy\"").contains("Tiran");
        assertThat(update.after()).contains("\"sector\":\"transport\"").contains("Durr");
        assertThat(entries.get(0).after()).isNull();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void operatorUserSeesOnlyItsOwnRecordAndChangesOnlyContactsAndAssets() throws Exception {
        OperatorDraft mine = draft(unique("Mine"), octet(), 64602);
        String myId = create(mine).get("id").asString();
        String otherId = create(draft(unique("Other"), octet(), 64603)).get("id").asString();
        Actor reporter = ItActors.operatorUser(OrganisationId.of(myId));

        mvc.perform(get("/api/v1/operators").with(as(reporter))).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].id").value(myId));
        mvc.perform(get("/api/v1/operators/" + myId).with(as(reporter))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/operators/" + otherId).with(as(reporter))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/constituency").param("asn", "AS64603").with(as(reporter)))
                .andExpect(status().isForbidden());

        OperatorDraft contactsOnly = new OperatorDraft(null, null, null, null, null, null, "new-cert@mine.al",
                "+355 4 999 9999", "Night desk", "+355 69 999 9999", null, List.of("203.0.113.0/24"),
                List.of("mine-new.al"), List.of());
        mvc.perform(put("/api/v1/operators/" + myId).with(as(reporter)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(contactsOnly)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contacts.securityEmail").value("new-cert@mine.al"))
                .andExpect(jsonPath("$.name").value(mine.name()))
                .andExpect(jsonPath("$.ipRanges[0]").value("203.0.113.0/24"));

        OperatorDraft promote = new OperatorDraft(null, null, null, null, null, "ESSENTIAL", "new-cert@mine.al",
                "+355 4 999 9999", null, "+355 69 999 9999", null, null, null, null);
        OperatorDraft demote = new OperatorDraft(unique("Renamed"), null, null, "banking", null, "IMPORTANT",
                "x@mine.al", "+355 4 999 9999", null, "+355 69 999 9999", null, null, null, null);
        mvc.perform(put("/api/v1/operators/" + myId).with(as(reporter)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(promote)))
                .andExpect(status().isOk());
        mvc.perform(put("/api/v1/operators/" + myId).with(as(reporter)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(demote)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[*].field").value(Matchers.containsInAnyOrder("name", "sector",
                        "subSector", "entityClass")));
        mvc.perform(put("/api/v1/operators/" + otherId).with(as(reporter)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(contactsOnly)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/operators").with(as(reporter)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(draft(unique("Sneaky"), octet(), 64604))))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/operators/" + myId).with(as(reporter)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void viewerReadsItsOwnRecordOnlyAndPartnersSeeNothing() throws Exception {
        String id = create(draft(unique("Viewed"), octet(), 64605)).get("id").asString();
        Actor viewer = ItActors.viewer(OrganisationId.of(id));
        mvc.perform(get("/api/v1/operators/" + id).with(as(viewer))).andExpect(status().isOk());
        mvc.perform(put("/api/v1/operators/" + id).with(as(viewer)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(draft("x", 1, 1))))
                .andExpect(status().isForbidden());
        Actor partner = ItActors.partner();
        mvc.perform(get("/api/v1/operators").with(as(partner))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/operators/" + id).with(as(partner))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/operators/export").with(as(partner))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/constituency").param("ip", "10.0.0.1").with(as(partner)))
                .andExpect(status().isForbidden());
    }

    @Test
    void apiTokensNeedTheOperatorsScopes() throws Exception {
        Actor reader = ItActors.analystToken("operators:read");
        Actor other = ItActors.analystToken("incidents:write");
        mvc.perform(get("/api/v1/operators").with(as(reader))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/constituency").param("asn", "AS1").with(as(reader))).andExpect(status().isForbidden()); // area "constituency": needs constituency:read
        mvc.perform(post("/api/v1/operators").with(as(reader)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(draft(unique("Token"), octet(), 64606))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/operators").with(as(other))).andExpect(status().isForbidden());
        Actor lookupOnly = ItActors.analystToken("constituency:read");
        mvc.perform(get("/api/v1/constituency").param("ip", "192.0.2.1").with(as(lookupOnly)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/operators").with(as(lookupOnly))).andExpect(status().isForbidden());
        Actor writer = ItActors.analystToken("operators:write");
        mvc.perform(post("/api/v1/operators").with(as(writer)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(draft(unique("Token ok"), octet(), 64607))))
                .andExpect(status().isCreated());
    }

    @Test
    void listSearchesFiltersAndPages() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            OperatorDraft d = draft("Paged " + tag + " " + i, octet(), 64700 + i);
            create(i % 2 == 0 ? d : new OperatorDraft(d.name(), d.nipt(), d.address(), "health", null, "IMPORTANT",
                    d.securityEmail(), d.securityPhone(), null, d.emergencyPhone(), null, null, null, null));
        }
        mvc.perform(get("/api/v1/operators").param("q", "paged " + tag).param("size", "2").param("page", "1")
                        .with(as(analyst)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].name").value("Paged " + tag + " 2"));
        mvc.perform(get("/api/v1/operators").param("q", "Paged " + tag).param("sector", "health")
                        .param("entityClass", "IMPORTANT").with(as(analyst)))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/operators").param("entityClass", "VITAL").with(as(analyst)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("entityClass"));
        mvc.perform(get("/api/v1/operators/sectors").with(as(analyst))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(18))
                .andExpect(jsonPath("$[0].subSectors.length()").value(5))
                .andExpect(jsonPath("$[15].subSectors.length()").value(6));
    }

    @Test
    void theApiIsDescribedInOpenApi() throws Exception {
        mvc.perform(get("/v3/api-docs").with(as(analyst))).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/operators'].post.summary").value("Register an operator"))
                .andExpect(jsonPath("$.paths['/api/v1/operators/{id}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/v1/operators/import'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/constituency'].get").exists());
    }
}
