package org.mburoja.leaks.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Actor;
import org.mburoja.leaks.LeakActors;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.Principals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class LeaksApiIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    org.mburoja.leaks.LeakScanJobs scans;


    @Test
    void analystUploadsADumpAsTheRawBodyAndReadsTheJob() throws Exception {
        Actor analyst = LeakActors.analyst();
        byte[] dump = LeaksApiIT.class.getResourceAsStream("/org/mburoja/leaks/voters.csv").readAllBytes();
        mvc.perform(post("/api/v1/leaks/scans").param("name", "voters.csv")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(dump)
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(jsonPath("$.sourceName").value("voters.csv"));
        mvc.perform(get("/api/v1/leaks/scans").with(Principals.as(analyst)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].sourceName").exists());
    }

    private String finishedScan(Actor analyst, boolean keepDump) throws Exception {
        byte[] dump = LeaksApiIT.class.getResourceAsStream("/org/mburoja/leaks/voters.csv").readAllBytes();
        String body = mvc.perform(post("/api/v1/leaks/scans").param("name", "voters.csv")
                        .param("keepDump", String.valueOf(keepDump))
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(dump)
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String id = com.jayway.jsonpath.JsonPath.read(body, "$.id");
        org.assertj.core.api.Assertions.assertThat(
                LeakActors.awaitFinished(scans, analyst, java.util.UUID.fromString(id)).status())
                .isEqualTo(org.mburoja.leaks.ScanJob.Status.DONE);
        return id;
    }

    @Test
    void streamsTheUnmaskedValuesOfAKeptDumpToAnAnalystWhoGivesAReason() throws Exception {
        Actor analyst = LeakActors.analyst();
        String kept = finishedScan(analyst, true);
        var r = mvc.perform(post("/api/v1/leaks/scans/" + kept + "/values").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"notify the voters (breach 2026-17)\"}")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse();
        org.assertj.core.api.Assertions.assertThat(r.getContentType()).startsWith("application/x-ndjson");
        org.assertj.core.api.Assertions.assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
        org.assertj.core.api.Assertions.assertThat(r.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"scan-" + kept + "-values.jsonl\"");
        org.assertj.core.api.Assertions.assertThat(r.getContentAsString())
                .contains("{\"file\": \"voters.csv\", \"record\": 1, \"type\": \"nid\", \"value\": \"J00101999W\", \"valid\": true}");

        mvc.perform(post("/api/v1/leaks/scans/" + kept + "/values").contentType(MediaType.APPLICATION_JSON)
                        .content("{}").with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(
                        org.hamcrest.Matchers.containsString("reason")));
        mvc.perform(post("/api/v1/leaks/scans/" + kept + "/values").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"notify the voters of the breach\"}")
                        .with(Principals.as(LeakActors.operator())).with(csrf()))
                .andExpect(status().isForbidden());
        String notKept = finishedScan(analyst, false);
        mvc.perform(post("/api/v1/leaks/scans/" + notKept + "/values").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"notify the voters of the breach\"}")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message").value(
                        org.hamcrest.Matchers.containsString("was not kept")));
        mvc.perform(post("/api/v1/leaks/scans/" + java.util.UUID.randomUUID() + "/values")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"notify the voters\"}")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void operatorsGet403BadInputGets400AndUnknownIdsGet404() throws Exception {
        mvc.perform(get("/api/v1/leaks/breaches").with(Principals.as(LeakActors.operator())))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.message").exists());
        mvc.perform(post("/api/v1/leaks/breaches").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\": \"\", \"source\": \"paste\"}")
                        .with(Principals.as(LeakActors.analyst())).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(
                        org.hamcrest.Matchers.containsString("title")));
        mvc.perform(get("/api/v1/leaks/scans/" + java.util.UUID.randomUUID())
                        .with(Principals.as(LeakActors.analyst())))
                .andExpect(status().isNotFound());
    }

    @Test
    void opensABreachAndRecordsADecisionOverTheApi() throws Exception {
        Actor analyst = LeakActors.analyst();
        String body = mvc.perform(post("/api/v1/leaks/breaches").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\": \"Paste\", \"source\": \"pastebin\", "
                                + "\"discoveredAt\": \"2026-11-20T10:00:00Z\"}")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.authorityDeadline").value("2026-11-23T10:00:00Z"))
                .andReturn().getResponse().getContentAsString();
        String id = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        mvc.perform(post("/api/v1/leaks/breaches/" + id + "/decisions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"AUTHORITY_NOTIFIED\", \"note\": \"sent\"}")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("AUTHORITY_NOTIFIED"))
                .andExpect(jsonPath("$.decisions", org.hamcrest.Matchers.hasSize(1)));
    }

    @Test
    void refusesAnUploadInASessionWithoutItsCsrfTokenAndSaysWhy() throws Exception {
        byte[] dump = LeaksApiIT.class.getResourceAsStream("/org/mburoja/leaks/voters.csv").readAllBytes();
        mvc.perform(post("/api/v1/leaks/scans").param("name", "voters.csv")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(dump)
                        .with(Principals.as(LeakActors.analyst())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("CSRF token is missing or no longer valid"),
                        org.hamcrest.Matchers.containsString("reload the page"))));
        mvc.perform(post("/api/v1/leaks/scans").param("name", "voters.csv")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(dump)
                        .with(Principals.as(LeakActors.operator())).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("forbidden"))
                .andExpect(jsonPath("$.message").value("only analysts and administrators of the national authority "
                        + "may upload a dump"));
    }
}
