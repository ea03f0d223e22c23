package org.mburoja.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.operators.ItActors.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.operators.internal.TestNipts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IntegrationTest
class OperatorImportIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    Organisations organisations;

    @Autowired
    OperatorRegistry registry;

    final Actor analyst = ItActors.analyst();

    /** A fixture with its placeholders filled, so every run uses fresh names, NIPTs and addresses. */
    record Fixture(String run, String nipt1, String nipt2, String text) {
    }

    static Fixture fixture(String name) throws IOException {
        try (InputStream in = OperatorImportIT.class.getResourceAsStream("/org/mburoja/operators/" + name)) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            String n1 = TestNipts.next();
            String n2 = TestNipts.next();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${run}", run)
                    .replace("${nipt1}", n1).replace("${nipt2}", n2)
                    .replace("${octet}", Integer.toString(ThreadLocalRandom.current().nextInt(256)));
            return new Fixture(run, n1, n2, text);
        }
    }

    ResultActions upload(String csv, String mode) throws Exception {
        return mvc.perform(multipart("/api/v1/operators/import").file(new MockMultipartFile("file", "operators.csv",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8))).param("mode", mode).with(as(analyst)).with(csrf()));
    }

    @Test
    void oneBadRowRejectsTheWholeFileAndWritesNothing() throws Exception {
        Fixture f = fixture("import-one-bad-row.csv");
        upload(f.text(), "all-or-nothing")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_input"))
                .andExpect(jsonPath("$.path").value("/api/v1/operators/import"))
                .andExpect(jsonPath("$.message").value(Matchers.containsString("nothing was imported")))
                .andExpect(jsonPath("$.report.committed").value(false))
                .andExpect(jsonPath("$.report.outcomes[2].line").value(4))
                .andExpect(jsonPath("$.report.outcomes[2].outcome").value("REJECTED"))
                .andExpect(jsonPath("$.report.outcomes[0].outcome").value("NOT_WRITTEN"))
                .andExpect(jsonPath("$.fields[*].field").value(Matchers.hasItems("line 4: nipt",
                        "line 4: security_email", "line 4: ip_ranges[0]", "line 4: asns[0]")));
        assertThat(organisations.findByName("Energji " + f.run() + " sh.a.")).isEmpty();
        assertThat(registry.list(analyst, new OperatorQuery(f.nipt1(), null, null, 0, 10)).total()).isZero();
    }

    @Test
    void partialModeImportsTheGoodRowsAndReportsTheBadOne() throws Exception {
        Fixture f = fixture("import-one-bad-row.csv");
        upload(f.text(), "partial")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.report.committed").value(true))
                .andExpect(jsonPath("$.report.created").value(2))
                .andExpect(jsonPath("$.report.rejected").value(1))
                .andExpect(jsonPath("$.report.outcomes[2].problems[*].field").value(Matchers.hasItem("nipt")));
        Operator energy = registry.list(analyst, new OperatorQuery(f.nipt1(), null, null, 0, 10)).items().get(0);
        assertThat(energy.serviceStates()).containsExactly("AL", "XK");
        assertThat(energy.domains()).hasSize(2).anyMatch(d -> d.startsWith("xn--"));
        Operator water = registry.list(analyst, new OperatorQuery(f.nipt2(), null, null, 0, 10)).items().get(0);
        assertThat(water.contacts().securityPhone()).isEqualTo("+35552000002");

        // the same file again: the good rows are now unchanged, matched by NIPT
        upload(f.text(), "partial").andExpect(jsonPath("$.report.unchanged").value(2))
                .andExpect(jsonPath("$.report.created").value(0));
    }

    @Test
    void aRowThatFailsWhileWritingUndoesTheRowsBeforeIt() throws Exception {
        Fixture f = fixture("import-one-bad-row.csv");
        // only the first two rows, and the second takes a name that an authority organisation holds already
        String[] lines = f.text().split("\n");
        String taken = "Authority " + f.run();
        organisations.create(analyst, org.mburoja.kernel.OrganisationKind.NATIONAL_AUTHORITY, taken, "AL");
        String csv = lines[0] + "\n" + lines[1] + "\n" + lines[2].replace("Ujësjellës " + f.run(), taken) + "\n";
        upload(csv, "all-or-nothing").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("line 3 could not be written")))
                .andExpect(jsonPath("$.report.outcomes[1].problems[0].field").value("name"));
        assertThat(registry.list(analyst, new OperatorQuery(f.nipt1(), null, null, 0, 10)).total()).isZero();
        assertThat(organisations.findByName("Energji " + f.run() + " sh.a.")).isEmpty();
    }

    @Test
    void malformedFilesAreRefusedWholeWithTheLineAndReason() throws Exception {
        upload(fixture("import-bad-quoting.csv").text(), "partial").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(Matchers.allOf(Matchers.containsString("line 3"),
                        Matchers.containsString("quote inside an unquoted cell"))))
                .andExpect(jsonPath("$.report.committed").value(false));
        upload(fixture("import-unclosed-quote.csv").text(), "partial").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("line 3: a quoted cell is never closed")));
        upload(fixture("import-unknown-column.csv").text(), "all-or-nothing").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("unknown column '=cmd")));
        upload("", "all-or-nothing").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("empty")));
        byte[] latin1 = "name,nipt\nTiran\u00eb,K12345678H\n".getBytes(StandardCharsets.ISO_8859_1);
        mvc.perform(multipart("/api/v1/operators/import").file(new MockMultipartFile("file", "x.csv", "text/csv",
                        latin1)).with(as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(Matchers.startsWith(
                        "line 2: not UTF-8 text (byte 0xEB followed by 0x2C; was the file saved in another encoding")));
        upload("x", "sometimes").andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("mode"));
    }

    @Test
    void hugeFilesAreRefusedWithTheLimit() throws Exception {
        Fixture f = fixture("import-one-bad-row.csv");
        String header = f.text().substring(0, f.text().indexOf('\n') + 1);
        byte[] body = new byte[33 * 1024 * 1024];
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(h, 0, body, 0, h.length);
        java.util.Arrays.fill(body, h.length, body.length, (byte) 'a');
        mvc.perform(post("/api/v1/operators/import").contentType("text/csv").content(body).with(as(analyst))
                        .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(Matchers.anyOf(Matchers.containsString("larger than 32 MB"),
                        Matchers.containsString("longer than"))));
    }

    @Test
    void exportEscapesFormulaCellsAndImportsBackUnchanged() throws Exception {
        Fixture f = fixture("import-formula-cells.csv");
        upload(f.text(), "all-or-nothing").andExpect(status().isOk()).andExpect(jsonPath("$.report.created").value(1));
        String csv = mvc.perform(get("/api/v1/operators/export").param("q", f.nipt1()).with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example/" + f.run())
                .contains("'@SUM(1+1)*cmd|' /C calc'!A0").contains("'-Night desk").contains("'+35540000009")
                .doesNotContain(",=").doesNotContain(",@").doesNotContain(",+");
        Operator stored = registry.list(analyst, new OperatorQuery(f.nipt1(), null, null, 0, 10)).items().get(0);
        assertThat(stored.name()).startsWith("=HYPERLINK(");
        mvc.perform(multipart("/api/v1/operators/import").file(new MockMultipartFile("file", "back.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).with(as(analyst)).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.report.unchanged").value(1));
    }

    @Test
    void onlyAuthorityStaffImport() throws Exception {
        Fixture f = fixture("import-one-bad-row.csv");
        mvc.perform(multipart("/api/v1/operators/import").file(new MockMultipartFile("file", "x.csv", "text/csv",
                        f.text().getBytes(StandardCharsets.UTF_8))).with(as(ItActors.partner())).with(csrf()))
                .andExpect(status().isForbidden());
    }
}
