package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.mburoja.leak.internal.OdfText;

/**
 * OpenDocument files as LibreOffice writes them (a stored {@code mimetype} entry first, then {@code content.xml}): a
 * spreadsheet's sheets read as tables under their names, with repeated cells and rows as the writer pads them, and
 * a text's paragraphs as text and its tables as tables.
 */
class OpenDocumentTest {

    private static byte[] odf(String mimetype, String contentFixture) throws Exception {
        byte[] content;
        try (InputStream in = OpenDocumentTest.class.getResourceAsStream("/org/mburoja/leak/odf/" + contentFixture)) {
            content = in.readAllBytes();
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            byte[] m = mimetype.getBytes(StandardCharsets.US_ASCII);
            ZipEntry e = new ZipEntry("mimetype");
            e.setMethod(ZipEntry.STORED);
            e.setSize(m.length);
            CRC32 crc = new CRC32();
            crc.update(m);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(m);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("content.xml"));
            z.write(content);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("meta.xml"));
            z.write("<office:document-meta/>".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        return b.toByteArray();
    }

    private static ScanReport scan(String name, byte[] bytes) throws Exception {
        return new LeakScanner(ScanOptions.defaults()).scan(name, new ByteArrayInputStream(bytes), bytes.length,
                ScanProgress.NONE);
    }

    private static FileReport file(ScanReport r, String name) {
        return r.perFile().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no report for " + name + " in "
                        + r.perFile().stream().map(FileReport::name).toList()));
    }

    @Test
    void aSpreadsheetsSheetIsReadAsATableWithValuesAsTheSheetHoldsThem() throws Exception {
        List<String> csv = new ArrayList<>();
        OdfText odf = new OdfText("p.ods", "ods", new org.mburoja.leak.internal.DocxText.Out() {
            @Override
            public void table(String name, InputStream in) throws java.io.IOException {
                csv.add(name + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }

            @Override
            public void text(InputStream in) throws java.io.IOException {
                csv.add("text\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        try (InputStream in = OpenDocumentTest.class.getResourceAsStream("/org/mburoja/leak/odf/paga.ods.content.xml")) {
            odf.content(in);
        }
        odf.finish();
        assertThat(odf.problems()).isEmpty();
        assertThat(csv).containsExactly("p.ods!/Paga 2023\nEmri,Mbiemri,Numri personal,Datëlindja,Celulari,Paga\n"
                        + "Arben,Hoxha,J00101999W,1990-01-01,069 123 4567,45000\n"
                        + "Elira,Gashi,H85403322I,1984-02-03,+355 68 765 4321,61250.5\n"
                        + "Elira,Gashi,H85403322I,1984-02-03,+355 68 765 4321,61250.5\n",
                "text\nshënim: I45203123S\n");
    }

    @Test
    void aSpreadsheetAndATextAreScannedByTheirTablesAndText() throws Exception {
        ScanReport ods = scan("paga.ods", odf("application/vnd.oasis.opendocument.spreadsheet",
                "paga.ods.content.xml"));
        FileReport sheet = file(ods, "paga.ods!/Paga 2023");
        assertThat(sheet.format()).isEqualTo("ods");
        assertThat(sheet.records()).isEqualTo(3);
        assertThat(sheet.count(EntityType.SALARY)).isEqualTo(3);
        assertThat(sheet.count(EntityType.BIRTH_DATE)).isEqualTo(3);
        assertThat(file(ods, "paga.ods").count(EntityType.NID)).as("the comment's").isEqualTo(1);

        ScanReport odt = scan("dokument", odf("application/vnd.oasis.opendocument.text", "mesazh.odt.content.xml"));
        assertThat(file(odt, "dokument").format()).isEqualTo("odt");
        assertThat(file(odt, "dokument").count(EntityType.NID)).isEqualTo(1);
        assertThat(file(odt, "dokument").count(EntityType.PHONE)).isEqualTo(1);
        assertThat(file(odt, "dokument!/table 1").count(EntityType.NID)).isEqualTo(1);
        assertThat(odt.perFile()).hasSize(2);
    }
}
