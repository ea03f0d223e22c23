package org.mburoja.leaks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Actor;
import org.mburoja.leaks.LeakActors;
import org.mburoja.leaks.LeakScanJobs;
import org.mburoja.leaks.ScanJob;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.PdfTexts;
import org.mburoja.testing.Principals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The breach desk's pages as an analyst, and refused to everybody else; hostile uploads get clear errors. */
@IntegrationTest
class LeakPagesIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    LeakScanJobs scans;

    private MockMultipartFile voters() throws Exception {
        byte[] dump = LeakPagesIT.class.getResourceAsStream("/org/mburoja/leaks/voters.csv").readAllBytes();
        return new MockMultipartFile("file", "voters.csv", "text/csv", dump);
    }

    private UUID uploaded(Actor analyst) throws Exception {
        return uploaded(analyst, false);
    }

    private UUID uploaded(Actor analyst, boolean keepDump) throws Exception {
        String location = mvc.perform(multipart("/leaks/upload").file(voters()).param("keepDump",
                                String.valueOf(keepDump)).with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/leaks/scans/");
        UUID id = UUID.fromString(location.substring("/leaks/scans/".length()));
        ScanJob j = LeakActors.awaitFinished(scans, analyst, id);
        assertThat(j.status()).as(j.error()).isEqualTo(ScanJob.Status.DONE);
        return id;
    }

    @Test
    void showsTheSizeOfADumpInBytesOrMegabytesWithItsProgress() throws Exception {
        Actor analyst = LeakActors.analyst();
        UUID small = uploaded(analyst);
        mvc.perform(get("/leaks/scans/" + small).with(Principals.as(analyst)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("256 / 256 B (100 %)")));
        byte[] row = "Arben,Hoxha,J00101999W,0691234567\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream big = new java.io.ByteArrayOutputStream();
        big.writeBytes("emri,mbiemri,numri_personal,celulari\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        while (big.size() < 1_040_000) { // (above 1 MB, below the tests' upload limit of 1 MiB)
            big.writeBytes(row);
        }
        String location = mvc.perform(multipart("/leaks/upload").file(new MockMultipartFile("file", "big.csv",
                        "text/csv", big.toByteArray())).with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/leaks/scans/".length()));
        LeakActors.awaitFinished(scans, analyst, id);
        String mb = String.format(java.util.Locale.ROOT, "%.1f", big.size() / 1e6);
        mvc.perform(get("/leaks/scans/" + id).with(Principals.as(analyst)))
                .andExpect(status().isOk()).andExpect(content().string(allOf(
                        containsString(mb + " / " + mb + " MB (100 %)"),
                        containsString(String.format(java.util.Locale.ENGLISH, "%,d", big.size())))));
    }

    @Test
    void analystDownloadsTheUnmaskedValuesOfAKeptDumpWithAReasonInEitherLanguage() throws Exception {
        Actor analyst = LeakActors.analyst();
        UUID kept = uploaded(analyst, true);
        mvc.perform(get("/leaks/scans/" + kept).with(Principals.as(analyst)))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("Unmasked values"),
                        containsString("action=\"/leaks/scans/" + kept + "/values\""),
                        containsString("name=\"reason\""), containsString("name=\"_csrf\""))));
        mvc.perform(get("/leaks/scans/" + kept).param("lang", "sq").with(Principals.as(analyst)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Shkarko vlerat")));
        var download = mvc.perform(post("/leaks/scans/" + kept + "/values")
                        .param("reason", "notify the voters of breach 2026-17").with(Principals.as(analyst))
                        .with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(download.getHeader("Content-Disposition")).contains("scan-" + kept + "-values.jsonl");
        assertThat(download.getContentAsString()).contains("\"value\": \"J00101999W\", \"valid\": true");
        mvc.perform(post("/leaks/scans/" + kept + "/values").param("reason", "why").with(Principals.as(analyst))
                        .with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("reason of 10")));
        mvc.perform(post("/leaks/scans/" + kept + "/values").param("reason", "notify the voters of the breach")
                        .with(Principals.as(analyst)))
                .andExpect(status().isForbidden());

        UUID notKept = uploaded(analyst, false);
        mvc.perform(get("/leaks/scans/" + notKept).with(Principals.as(analyst)))
                .andExpect(status().isOk()).andExpect(content().string(allOf(
                        containsString("was not kept"), org.hamcrest.Matchers.not(containsString("name=\"reason\"")))));
        mvc.perform(post("/leaks/scans/" + notKept + "/values").param("reason", "notify the voters of the breach")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isConflict()).andExpect(content().string(containsString("keepDump=true")));
        mvc.perform(post("/leaks/scans/" + kept + "/values").param("reason", "notify the voters of the breach")
                        .with(Principals.as(LeakActors.operator())).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void analystUploadsADumpSeesChartsAndOpensABreachRecordWithItsClockAndPdf() throws Exception {
        Actor analyst = LeakActors.analyst();
        UUID job = uploaded(analyst);
        mvc.perform(get("/leaks").with(Principals.as(analyst)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("hx-trigger=\"every 2s\""),
                        containsString("/leaks/scans/" + job))));
        mvc.perform(get("/leaks/jobs").with(Principals.as(analyst)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("voters.csv")));
        mvc.perform(get("/leaks/scans/" + job).with(Principals.as(analyst)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("data-chart=\"bar\""), containsString("data-value="),
                        containsString("Distinct persons"), containsString("*"), containsString("echarts.min.js"),
                        containsString("Political preference"), containsString("2 people affected"),
                        containsString("political opinion"), containsString(">high</span>"))));
        // the same results in Albanian: entity types, risk level, reasons and special categories translated
        mvc.perform(get("/leaks/scans/" + job).param("lang", "sq").with(Principals.as(analyst)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Preferenca politike"),
                        containsString("Numri personal (NID)"), containsString("2 persona të prekur"),
                        containsString("mendim politik"), containsString(">i lartë</span>"),
                        org.hamcrest.Matchers.not(containsString("people affected")),
                        org.hamcrest.Matchers.not(containsString("political_preference</th>")))));
        String title = "Voter list paste " + UUID.randomUUID();
        String breach = mvc.perform(post("/leaks/breaches").param("title", title).param("source", "pastebin")
                        .param("discoveredAt", "2026-11-23T10:00").param("controllerName", "KQZ")
                        .param("scanJobId", job.toString()).with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(breach).with(Principals.as(analyst)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(title), containsString("data-due=\"2026-11-26T09:00:00Z\""),
                        containsString("KQZ"))));
        mvc.perform(post(breach + "/decisions").param("kind", "AUTHORITY_NOTIFIED")
                        .param("note", "sent to IDP; copy to Агенција за заштита на личните податоци")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(breach + "/decisions").param("kind", "SHRUG").with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("unknown decision")));
        ScanJob done = scans.find(analyst, job).orElseThrow();
        assertThat(pdfText(breach + "/pdf", analyst)).contains("Personal-data breach record", title, "pastebin", "KQZ",
                "2026-11-26 10:00", "72 hours", "authority notified", "sent to IDP", "Агенција за заштита", "Persons affected",
                String.valueOf(done.distinctPersons()), "Scan results", "Political preference", "people affected");
        // the same record for the authority's file in Albanian, its letters (ë, ç) kept
        assertThat(pdfText(breach + "/pdf?lang=sq", analyst)).contains("Regjistër i cenimit të të dhënave personale",
                title, "72 orë pas zbulimit", "autoriteti u njoftua", "Persona të prekur", "Preferenca politike",
                "persona të prekur", "mendim politik", "Rezultatet e skanimit").doesNotContain("people affected");
    }

    private String pdfText(String url, Actor actor) throws Exception {
        byte[] pdf = mvc.perform(get(url).with(Principals.as(actor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        return PdfTexts.of(pdf);
    }

    @Test
    void operatorsPartnersAndViewersAreRefused() throws Exception {
        for (Actor a : new Actor[] {LeakActors.operator(), partner()}) {
            mvc.perform(get("/leaks").with(Principals.as(a))).andExpect(status().isForbidden());
            mvc.perform(multipart("/leaks/upload").file(voters()).with(Principals.as(a)).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/leaks/breaches/" + UUID.randomUUID() + "/pdf").with(Principals.as(a)))
                    .andExpect(status().isForbidden());
        }
    }

    private static Actor partner() {
        return new Actor(UUID.randomUUID(), "partner-" + UUID.randomUUID(), org.mburoja.kernel.OrganisationId.random(),
                org.mburoja.kernel.OrganisationKind.PARTNER, java.util.Set.of(org.mburoja.kernel.Role.PARTNER), null);
    }

    @Test
    void oversizedAndEmptyUploadsAndUnknownRecordsGetClearAnswers() throws Exception {
        Actor analyst = LeakActors.analyst();
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        mvc.perform(multipart("/leaks/upload").file(new MockMultipartFile("file", "big.txt", "text/plain", big))
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("larger than the limit of 1048576 bytes")));
        mvc.perform(multipart("/leaks/upload").file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("non-empty file")));
        mvc.perform(get("/leaks/breaches/" + UUID.randomUUID()).with(Principals.as(analyst)))
                .andExpect(status().isNotFound()).andExpect(content().string(containsString("no breach record")));
        mvc.perform(post("/leaks/breaches").param("title", "x").param("source", "y").param("discoveredAt", "yesterday")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("2026-11-23T14:30")));
    }
}
