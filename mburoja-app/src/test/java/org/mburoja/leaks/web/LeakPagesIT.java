package org.mburoja.leaks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The breach desk's pages as an analyst, and refused to everybody else; hostile uploads get clear errors. */
@IntegrationTest
class LeakPagesIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    LeakScanJobs scans;

    @Value("${mburoja.leaks.import-dir}")
    Path importDir;

    private byte[] voters() throws Exception {
        return LeakPagesIT.class.getResourceAsStream("/org/mburoja/leaks/voters.csv").readAllBytes();
    }

    private UUID uploaded(Actor analyst) throws Exception {
        return uploaded(analyst, false);
    }

    /** A dump uploaded as the page's script sends it: the raw body of the scans API, in the analyst's session. */
    private UUID uploaded(Actor analyst, boolean keepDump) throws Exception {
        return uploaded(analyst, "voters.csv", voters(), keepDump);
    }

    private UUID uploaded(Actor analyst, String name, byte[] dump, boolean keepDump) throws Exception {
        String body = mvc.perform(post("/api/v1/leaks/scans").param("name", name)
                        .param("keepDump", String.valueOf(keepDump)).contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content(dump).with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(com.jayway.jsonpath.JsonPath.read(body, "$.id"));
        ScanJob j = LeakActors.awaitFinished(scans, analyst, id);
        assertThat(j.status()).as(j.error()).isEqualTo(ScanJob.Status.DONE);
        return id;
    }

    @Test
    void theUploadFormStreamsTheFileToTheApiAndStatesTheLimitInEitherLanguage() throws Exception {
        Actor analyst = LeakActors.analyst();
        mvc.perform(get("/leaks").with(Principals.as(analyst)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("data-stream-upload"),
                        containsString("data-endpoint=\"/api/v1/leaks/scans\""),
                        containsString("data-scan-url=\"/leaks/scans/\""),
                        containsString("data-max-bytes=\"1048576\""),
                        containsString("Up to 1.0 MB an upload"),
                        containsString("larger than the upload limit (1.0 MB)"),
                        containsString("Uploading: {0} of {1} ({2} %)"),
                        containsString("<noscript>"), containsString("/js/leaks.js"),
                        org.hamcrest.Matchers.not(containsString("multipart/form-data")))));
        mvc.perform(get("/leaks").param("lang", "sq").with(Principals.as(analyst)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Deri në 1.0 MB për ngarkim"),
                        containsString("Po ngarkohet: {0} nga {1} ({2} %)"),
                        containsString("Skano një skedar në server"))));
        // the script the form names is served, and needs nothing inline
        mvc.perform(get("/js/leaks.js")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("XMLHttpRequest"),
                        containsString("application/octet-stream"), containsString("_csrf_header"))));
    }

    @Test
    void aDumpNotReadWholeSaysSoOnItsResultsAndInTheBreachRecord() throws Exception {
        Actor analyst = LeakActors.analyst();
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(voters());
            for (int i = 0; i < 3000; i++) {
                gz.write(("Drita" + i + ",Leka,," + i + ",,,\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] whole = zipped.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2); // a download broken off halfway
        UUID id = uploaded(analyst, "voters.csv.gz", cut, false);
        String page = mvc.perform(get("/leaks/scans/" + id).with(Principals.as(analyst))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"read-problems\"", "1 of the 1 files could not be read whole",
                "Not read whole:", "counts cover the part read before");
        assertThat(mvc.perform(get("/leaks/scans/" + id).param("lang", "sq").with(Principals.as(analyst)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("1 nga 1 skedarët nuk u lexuan të plotë");
        String breach = mvc.perform(post("/leaks/breaches").param("title", "Cut dump " + id).param("source", "paste")
                        .param("scanJobId", id.toString()).with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(pdfText(breach + "/pdf", analyst)).contains("could not be read whole", "voters.csv");
        // a dump read whole has no such notice
        UUID fine = uploaded(analyst);
        assertThat(mvc.perform(get("/leaks/scans/" + fine).with(Principals.as(analyst))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).doesNotContain("read-problems", "Not read whole");
    }

    @Test
    void filesOfTheImportDirectoryAreOfferedAndScannedWhereTheyLie() throws Exception {
        Actor analyst = LeakActors.analyst();
        String sub = "desk-" + UUID.randomUUID();
        Path dir = Files.createDirectories(importDir.resolve(sub));
        Files.write(dir.resolve("voters.csv"), voters());
        Files.writeString(dir.resolve(".partial.csv"), "emri,numri_personal\nArben,J00101999W\n");
        Files.createDirectories(dir.resolve(".cache"));
        Files.writeString(dir.resolve(".cache/cached.csv"), "x\n");
        String page = mvc.perform(get("/leaks").with(Principals.as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("action=\"/leaks/server-path\"", "value=\"" + sub + "/voters.csv\"",
                        sub + "/voters.csv (256 B)")
                .doesNotContain(sub + "/.partial.csv", sub + "/.cache");
        String location = mvc.perform(post("/leaks/server-path").param("path", sub + "/voters.csv")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/leaks/scans/");
        ScanJob job = LeakActors.awaitFinished(scans, analyst, UUID.fromString(location.substring(13)));
        assertThat(job.status()).as(job.error()).isEqualTo(ScanJob.Status.DONE);
        assertThat(job.source()).isEqualTo(ScanJob.Source.SERVER_PATH);
        assertThat(job.sourceName()).isEqualTo(sub + "/voters.csv");
        assertThat(job.distinctPersons()).isEqualTo(2);

        mvc.perform(post("/leaks/server-path").param("path", "../../etc/passwd").with(Principals.as(analyst))
                        .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("not a file under the import directory")));
        mvc.perform(post("/leaks/server-path").param("path", sub).with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("not a file under the import directory")));
        mvc.perform(post("/leaks/server-path").param("path", " ").with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("choose a file of the import directory")));
        mvc.perform(post("/leaks/server-path").param("path", sub + "/voters.csv").with(Principals.as(analyst)))
                .andExpect(status().isForbidden());
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
        UUID id = uploaded(analyst, "big.csv", big.toByteArray(), false);
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
            mvc.perform(post("/leaks/server-path").param("path", "voters.csv").with(Principals.as(a)).with(csrf()))
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
        mvc.perform(post("/api/v1/leaks/scans").param("name", "big.txt").contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content(big).with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("larger than the limit of 1048576 bytes")));
        mvc.perform(post("/api/v1/leaks/scans").param("name", "empty.csv").contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content(new byte[0]).with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("is empty")));
        mvc.perform(get("/leaks/breaches/" + UUID.randomUUID()).with(Principals.as(analyst)))
                .andExpect(status().isNotFound()).andExpect(content().string(containsString("no breach record")));
        mvc.perform(post("/leaks/breaches").param("title", "x").param("source", "y").param("discoveredAt", "yesterday")
                        .with(Principals.as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("2026-11-23T14:30")));
    }
}
