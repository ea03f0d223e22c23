package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

/**
 * Word documents (.docx) and PowerPoint decks (.pptx): letters, lists and briefings. The text is read as prose; each
 * table as a table of its own, its header row naming the columns; deleted text of tracked changes and embedded
 * workbooks are read too.
 */
class DocxTest {

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
    void aLettersTextIsProseAndItsTableATableWithItsHeaderRow() throws Exception {
        byte[] docx;
        try (XWPFDocument d = new XWPFDocument()) {
            d.createParagraph().createRun().setText("Ministria e Financave, shkresë për z. Arben Hoxha, "
                    + "numri personal J00101999W, cel. 0691234567.");
            d.createFooter(org.apache.poi.wp.usermodel.HeaderFooterType.DEFAULT)
                    .createParagraph().createRun().setText("Kontakt: I45203123S");
            XWPFTable t = d.createTable(4, 4);
            String[][] cells = {{"Emri", "Mbiemri", "Numri personal", "Paga"},
                    {"Arben", "Hoxha", "J00101999W", "45000"}, {"Elira", "Gashi", "I45203123S", "61250"},
                    {"Ilir", "Krasniqi", "H85403322I", "52000"}};
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    t.getRow(r).getCell(c).setText(cells[r][c]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.write(out);
            docx = out.toByteArray();
        }
        ScanReport r = scan("shkresa.docx", docx);
        FileReport text = file(r, "shkresa.docx");
        assertThat(text.format()).isEqualTo("docx");
        assertThat(text.count(EntityType.NID)).as("in the letter and in its footer").isEqualTo(2);
        assertThat(text.count(EntityType.PHONE)).isEqualTo(1);
        FileReport table = file(r, "shkresa.docx!/table 1");
        assertThat(table.format()).isEqualTo("docx");
        assertThat(table.records()).isEqualTo(3);
        assertThat(table.count(EntityType.NID)).isEqualTo(3);
        assertThat(table.count(EntityType.SALARY)).as("amounts in the Paga column").isEqualTo(3);
        assertThat(r.distinctNids()).isEqualTo(3);
        assertThat(r.perFile()).hasSize(2);
    }

    @Test
    void deletedTextAndAnEmbeddedWorkbookAreReadAndBrokenXmlSaysWhere() throws Exception {
        String w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
        byte[] xlsx = new Workbook().sheet("Paga", List.of(List.of("Emri", "Numri personal", "Paga"),
                List.of("Arben", "J00101999W", 45000))).bytes();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            put(z, "[Content_Types].xml", "<Types><Override ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.wordprocessingml.document.main+xml\" PartName=\"/word/document.xml\"/></Types>");
            put(z, "word/document.xml", "<w:document " + w + "><w:body><w:p><w:r><w:t>Lista: </w:t></w:r><w:del>"
                    + "<w:r><w:delText>Elira Gashi I45203123S</w:delText></w:r></w:del></w:p></w:body></w:document>");
            put(z, "word/comments.xml", "<w:comments " + w + "><w:comment><w:p><w:r><w:t>J00101999W</w:t></w:r>"
                    + "</w:p>\n<w:p></w:comment>"); // broken: a paragraph never closed
            z.putNextEntry(new ZipEntry("word/embeddings/Microsoft_Excel_Worksheet.xlsx"));
            z.write(xlsx);
            z.closeEntry();
        }
        ScanReport r = scan("dokument", b.toByteArray());
        FileReport text = file(r, "dokument");
        assertThat(text.format()).isEqualTo("docx");
        assertThat(text.count(EntityType.NID)).as("the deleted one and the comment's").isEqualTo(2);
        assertThat(file(r, "dokument!/word/embeddings/Microsoft_Excel_Worksheet.xlsx!/Paga")
                .count(EntityType.SALARY)).isEqualTo(1);
        assertThat(r.perFile()).flatExtracting(FileReport::problems)
                .anySatisfy(p -> assertThat(p).contains("word/comments.xml").contains("line 2"));
    }

    @Test
    void aDecksSlidesAreTextAndItsTablesTables() throws Exception {
        byte[] pptx;
        try (org.apache.poi.xslf.usermodel.XMLSlideShow deck = new org.apache.poi.xslf.usermodel.XMLSlideShow()) {
            org.apache.poi.xslf.usermodel.XSLFSlide slide = deck.createSlide();
            slide.createTextBox().setText("Drejtori: Arben Hoxha (J00101999W), tel 0691234567");
            org.apache.poi.xslf.usermodel.XSLFTable t = slide.createTable();
            String[][] cells = {{"Emri", "Numri personal", "Paga"}, {"Elira", "I45203123S", "61250"},
                    {"Ilir", "H85403322I", "52000"}};
            for (String[] row : cells) {
                org.apache.poi.xslf.usermodel.XSLFTableRow r = t.addRow();
                for (String c : row) {
                    r.addCell().setText(c);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deck.write(out);
            pptx = out.toByteArray();
        }
        ScanReport r = scan("prezantimi.pptx", pptx);
        assertThat(file(r, "prezantimi.pptx").format()).isEqualTo("pptx");
        assertThat(file(r, "prezantimi.pptx").count(EntityType.NID)).isEqualTo(1);
        FileReport table = file(r, "prezantimi.pptx!/table 1");
        assertThat(table.records()).isEqualTo(2);
        assertThat(table.count(EntityType.SALARY)).isEqualTo(2);
        assertThat(r.distinctNids()).isEqualTo(3);
    }

    private static void put(ZipOutputStream z, String name, String xml) throws Exception {
        z.putNextEntry(new ZipEntry(name));
        z.write(xml.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
