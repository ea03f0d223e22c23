package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/**
 * PDFs: a register printed to PDF reads as its lines (a row of the table a line), compressed as writers compress
 * them; encrypted, empty (scanned paper) and broken files are reported, never guessed at, and the scan goes on.
 */
class PdfTest {

    private static ScanReport scan(String name, byte[] bytes) throws Exception {
        return new LeakScanner(ScanOptions.defaults()).scan(name, new ByteArrayInputStream(bytes), bytes.length,
                ScanProgress.NONE);
    }

    private static List<String> problems(ScanReport r) {
        return r.perFile().stream().flatMap(f -> f.problems().stream()).toList();
    }

    /** A register of {@code rows} people on pages of 40 lines; password-protected when {@code user} is given. */
    private static byte[] register(int rows, String user, String owner, boolean text) throws Exception {
        try (PDDocument d = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            String[][] people = {{"Arben", "Hoxha", "J00101999W", "0691234567", "45000"},
                    {"Elira", "Gashi", "I45203123S", "+355 68 765 4321", "61250"},
                    {"Ilir", "Krasniqi", "H85403322I", "0682345678", "52000"}};
            for (int start = 0; start < rows || start == 0; start += 40) {
                PDPage page = new PDPage();
                d.addPage(page);
                if (!text) {
                    continue;
                }
                try (PDPageContentStream c = new PDPageContentStream(d, page)) {
                    c.setFont(font, 9);
                    float y = 750;
                    if (start == 0) {
                        // columns placed apart, as a printed table is: the reader must put a row on one line
                        for (String[] cell : new String[][] {{"Emri", "40"}, {"Mbiemri", "120"},
                                {"Numri personal", "200"}, {"Celulari", "300"}, {"Paga (lekë)", "420"}}) {
                            text(c, cell[0], Float.parseFloat(cell[1]), y);
                        }
                        y -= 15;
                    }
                    for (int r = start; r < Math.min(rows, start + 40); r++) {
                        String[] p = people[r % 3];
                        float[] x = {40, 120, 200, 300, 420};
                        for (int i = 0; i < p.length; i++) {
                            text(c, p[i], x[i], y);
                        }
                        y -= 15;
                    }
                }
            }
            if (user != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy(owner, user, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                d.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.save(out);
            return out.toByteArray();
        }
    }

    private static void text(PDPageContentStream c, String s, float x, float y) throws Exception {
        c.beginText();
        c.newLineAtOffset(x, y);
        c.showText(s);
        c.endText();
    }

    @Test
    void aRegisterPrintedToPdfReadsAsItsRows() throws Exception {
        ScanReport r = scan("regjistri.pdf", register(90, null, null, true));
        assertThat(r.perFile()).singleElement().satisfies(f -> {
            assertThat(f.format()).isEqualTo("pdf");
            assertThat(f.problems()).isEmpty();
            assertThat(f.count(EntityType.NID)).isEqualTo(90);
            assertThat(f.count(EntityType.PHONE)).isEqualTo(90);
        });
        assertThat(r.distinctNids()).isEqualTo(3);
    }

    @Test
    void anOwnerPasswordDoesNotStopTheReadingAUserPasswordIsReported() throws Exception {
        ScanReport open = scan("a.pdf", register(3, "", "pronari", true));
        assertThat(open.count(EntityType.NID)).as("no password to open, only to edit").isEqualTo(3);
        ScanReport locked = scan("b.pdf", register(3, "sekret", "pronari", true));
        assertThat(problems(locked)).anySatisfy(p -> assertThat(p).contains("encrypted PDF"));
        assertThat(locked.count(EntityType.NID)).isZero();
    }

    @Test
    void aPdfWithoutTextSaysSo() throws Exception {
        ScanReport r = scan("skanim.pdf", register(1, null, null, false));
        assertThat(problems(r)).singleElement().asString().contains("no text in its 1 pages");
    }

    @Test
    void brokenAndDamagedPdfsAreReportedAndTheScanGoesOn() throws Exception {
        byte[] pdf = register(40, null, null, true);
        ScanReport cut = scan("cut.pdf", Arrays.copyOf(pdf, pdf.length / 2));
        assertThat(cut.perFile()).isNotEmpty();
        assertThat(problems(cut)).as("what the parser quotes of the file is not repeated")
                .noneSatisfy(p -> assertThat(p).containsPattern("'[^.']+'"));
        Random rnd = new Random(20261208);
        for (int t = 0; t < 150; t++) {
            byte[] b = pdf.clone();
            for (int i = 0, flips = 1 + rnd.nextInt(20); i < flips; i++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            assertThat(scan("damaged.pdf", b).perFile()).as("case %d", t).isNotEmpty();
        }
        byte[] junk = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root 1 0 R >>"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(scan("junk.pdf", junk).perFile()).isNotEmpty();
    }
}
