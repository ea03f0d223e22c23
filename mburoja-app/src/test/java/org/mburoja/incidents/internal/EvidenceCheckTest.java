package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class EvidenceCheckTest {

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = EvidenceCheckTest.class.getResourceAsStream("/org/mburoja/incidents/web/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void acceptsFilesWhoseBytesMatchTheirType() throws Exception {
        assertThat(EvidenceCheck.problem("application/pdf", fixture("evidence-sample.pdf"))).isNull();
        assertThat(EvidenceCheck.problem("text/csv; charset=utf-8", fixture("evidence-firewall.csv"))).isNull();
        assertThat(EvidenceCheck.problem("application/octet-stream", new byte[] {1, 2, 3})).isNull();
    }

    @Test
    void refusesExecutablesUnderAnyName() throws Exception {
        assertThat(EvidenceCheck.problem("application/pdf", fixture("evidence-disguised-exe.pdf"))).contains("executable");
        assertThat(EvidenceCheck.problem("application/octet-stream", fixture("evidence-disguised-exe.pdf"))).contains("executable");
        assertThat(EvidenceCheck.problem("application/octet-stream", new byte[] {0x7f, 'E', 'L', 'F', 2})).contains("executable");
    }

    @Test
    void refusesMismatchedAndUnknownTypes() throws Exception {
        assertThat(EvidenceCheck.problem("image/png", fixture("evidence-sample.pdf"))).isEqualTo("content does not look like image/png");
        assertThat(EvidenceCheck.problem("text/plain", new byte[] {'a', 0, 'b'})).contains("does not look like");
        assertThat(EvidenceCheck.problem("text/plain", new byte[] {(byte) 0xc3, (byte) 0x28})).contains("does not look like");
        assertThat(EvidenceCheck.problem("text/html", "<script>".getBytes())).contains("not accepted");
        assertThat(EvidenceCheck.problem(null, new byte[] {1})).isEqualTo("content type missing");
        assertThat(EvidenceCheck.problem("application/pdf", new byte[] {'%'})).contains("does not look like");
    }
}
