package org.mburoja.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.operators.ItActors.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Actor;
import org.mburoja.operators.internal.TestNipts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class OperatorPagesIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    OperatorRegistry registry;

    final Actor analyst = ItActors.analyst();

    @Test
    void analystCreatesAnOperatorThroughTheFormAndFindsItByLookup() throws Exception {
        String name = "Portet " + UUID.randomUUID().toString().substring(0, 8);
        String nipt = TestNipts.next();
        String location = mvc.perform(post("/operators").with(as(analyst)).with(csrf())
                        .param("name", name).param("nipt", nipt).param("address", "Durrës")
                        .param("sector", "transport").param("subSector", "transport.water")
                        .param("entityClass", "ESSENTIAL").param("securityEmail", "cert@portet.al")
                        .param("securityPhone", "+355 52 222 222").param("emergencyPhone", "+355 69 222 2222")
                        .param("serviceStates", "AL").param("ipRanges", "198.19.7.0/24\n2001:db8:7::/48")
                        .param("domains", "portet-" + nipt.toLowerCase(Locale.ROOT) + ".al").param("asns", ""))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/operators/");
        mvc.perform(get(location).with(as(analyst))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(name)))
                .andExpect(content().string(Matchers.containsString("critical information infrastructure")))
                .andExpect(content().string(Matchers.containsString("198.19.7.0/24")));
        mvc.perform(get("/operators/lookup").param("q", "198.19.7.200").with(as(analyst))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(name)));
        mvc.perform(get("/operators/lookup").param("q", "www.portet-" + nipt.toLowerCase(Locale.ROOT) + ".al")
                        .with(as(analyst)))
                .andExpect(content().string(Matchers.containsString(name)));
        mvc.perform(get("/operators").param("q", nipt).with(as(analyst))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(name)));
    }

    @Test
    void formShowsFieldErrorsAndKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/operators").with(as(analyst)).with(csrf()).param("name", "Typed name")
                        .param("nipt", "K12345678A").param("address", "Tiranë").param("sector", "banking")
                        .param("entityClass", "ESSENTIAL").param("securityEmail", "cert@bank.al")
                        .param("securityPhone", "+355 4 222 2222").param("emergencyPhone", "+355 69 222 2222")
                        .param("ipRanges", "10.0.0.1/8").param("domains", "").param("asns", "")
                        .param("serviceStates", "AL"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("wrong check letter (expected H)")))
                .andExpect(content().string(Matchers.containsString("did you mean 10.0.0.0/8")))
                .andExpect(content().string(Matchers.containsString("value=\"Typed name\"")));
    }

    @Test
    void pagesAreInAlbanianWhenAskedFor() throws Exception {
        mvc.perform(get("/operators").locale(Locale.forLanguageTag("sq")).with(as(analyst)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Regjistri i operatorëve")))
                .andExpect(content().string(Matchers.containsString("Energjia")));
        mvc.perform(get("/operators/new").locale(Locale.forLanguageTag("sq")).with(as(analyst)))
                .andExpect(content().string(Matchers.containsString("infrastrukturë kritike informacioni")));
    }

    @Test
    void importPageReportsEveryRow() throws Exception {
        String csv = new String(getClass().getResourceAsStream("/org/mburoja/operators/import-one-bad-row.csv")
                .readAllBytes(), StandardCharsets.UTF_8).replace("${run}", UUID.randomUUID().toString().substring(0, 8))
                .replace("${nipt1}", TestNipts.next()).replace("${nipt2}", TestNipts.next()).replace("${octet}", "77");
        mvc.perform(multipart("/operators/import").file(new MockMultipartFile("file", "o.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).param("mode", "all-or-nothing").with(as(analyst))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Nothing was imported.")))
                .andExpect(content().string(Matchers.containsString("wrong check letter")))
                .andExpect(content().string(Matchers.containsString("not written")));
    }

    @Test
    void operatorUserEditsOnlyItsOwnRecordAndPartnersAreRefused() throws Exception {
        Operator mine = registry.create(analyst, new OperatorDraft("Own " + UUID.randomUUID(), TestNipts.next(),
                "Vlorë", "health", null, "IMPORTANT", "cert@own.al", "+355 33 222 222", null, "+355 69 333 3333",
                List.of(), List.of(), List.of(), List.of()));
        Operator other = registry.create(analyst, new OperatorDraft("Other " + UUID.randomUUID(), TestNipts.next(),
                "Korçë", "health", null, "IMPORTANT", "cert@other.al", "+355 82 222 222", null, "+355 69 444 4444",
                List.of(), List.of(), List.of(), List.of()));
        Actor reporter = ItActors.operatorUser(mine.id());
        mvc.perform(get("/operators/" + mine.id() + "/edit").with(as(reporter))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("disabled")));
        mvc.perform(post("/operators/" + mine.id()).with(as(reporter)).with(csrf())
                        .param("securityEmail", "night@own.al").param("securityPhone", "+355 33 222 222")
                        .param("emergencyPhone", "+355 69 333 3333").param("ipRanges", "192.0.2.0/28")
                        .param("domains", "").param("asns", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(registry.find(analyst, mine.id())).get()
                .satisfies(o -> assertThat(o.contacts().securityEmail()).isEqualTo("night@own.al"))
                .satisfies(o -> assertThat(o.ipRanges()).containsExactly("192.0.2.0/28"));
        mvc.perform(get("/operators/" + other.id()).with(as(reporter))).andExpect(status().isForbidden());
        mvc.perform(get("/operators/lookup").with(as(reporter))).andExpect(status().isForbidden());
        mvc.perform(get("/operators/new").with(as(reporter))).andExpect(status().isForbidden());
        mvc.perform(get("/operators/import").with(as(reporter))).andExpect(status().isForbidden());
        mvc.perform(get("/operators").with(as(ItActors.partner()))).andExpect(status().isForbidden());
        mvc.perform(get("/operators/" + UUID.randomUUID()).with(as(analyst))).andExpect(status().isNotFound());
    }

    @Test
    void statisticsCountOperatorsBySectorAndClassForTheDashboard() {
        OperatorStatistics before = registry.statistics(analyst);
        assertThat(before.bySector()).hasSize(18).containsKeys("energy", "research");
        assertThat(before.bySector().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(before.total());
        Operator created = registry.create(analyst, new OperatorDraft("Stats " + UUID.randomUUID(), TestNipts.next(),
                "Shkodër", "space", null, "ESSENTIAL", "cert@stats.al", "+355 22 222 222", null, "+355 69 555 5555",
                List.of(), List.of(), List.of(), List.of()));
        OperatorStatistics after = registry.statistics(analyst);
        assertThat(after.bySector().get("space")).isEqualTo(before.bySector().get("space") + 1);
        assertThat(after.byEntityClass().get(EntityClass.ESSENTIAL))
                .isEqualTo(before.byEntityClass().get(EntityClass.ESSENTIAL) + 1);
        OperatorStatistics own = registry.statistics(ItActors.viewer(created.id()));
        assertThat(own.total()).isEqualTo(1);
    }
}
