package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;

/**
 * Excel 97-2003 workbooks (.xls), as older registers and payroll systems export them: each worksheet is read as the
 * table it holds; other Office 97-2003 files (Word, Outlook) by the text of their streams, UTF-16 included, with an
 * Outlook message's attachments as files of their own; encrypted,
 * broken and oversized files are reported, never guessed at. The workbooks are written by Apache POI (a test
 * dependency).
 */
class XlsTest {

    private static ScanReport scan(String name, byte[] bytes) throws Exception {
        return scan(name, bytes, ScanOptions.defaults());
    }

    private static ScanReport scan(String name, byte[] bytes, ScanOptions options) throws Exception {
        return new LeakScanner(options).scan(name, new ByteArrayInputStream(bytes), bytes.length, ScanProgress.NONE);
    }

    private static List<String> problems(ScanReport r) {
        return r.perFile().stream().flatMap(f -> f.problems().stream()).toList();
    }

    private static FileReport sheet(ScanReport r, String name) {
        return r.perFile().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no report for " + name + " in "
                        + r.perFile().stream().map(FileReport::name).toList()));
    }

    /** A payroll: names, personal numbers, dates in a date style, phones as text, salaries as numbers. */
    private static byte[] payroll(int copies, String... extraTexts) {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            Sheet s = wb.createSheet("Paga 2023");
            Row h = s.createRow(0);
            String[] header = {"Emri", "Mbiemri", "Numri personal", "Datëlindja", "Celulari", "Paga", "Shënime"};
            for (int c = 0; c < header.length; c++) {
                h.createCell(c).setCellValue(header[c]);
            }
            for (int i = 0; i < copies; i++) {
                Row r = s.createRow(2 * i + 1);
                r.createCell(0).setCellValue("Arben");
                r.createCell(1).setCellValue("Hoxha");
                r.createCell(2).setCellValue("J00101999W");
                r.createCell(3).setCellValue(LocalDate.of(1990, 1, 1));
                r.getCell(3).setCellStyle(date);
                r.createCell(4).setCellValue("0691234567");
                r.createCell(5).setCellValue(45000);
                r.createCell(6).setCellValue(extraTexts.length > 0 ? extraTexts[i % extraTexts.length] : "");
                Row e = s.createRow(2 * i + 2);
                e.createCell(0).setCellValue("Elira");
                e.createCell(1).setCellValue("Gashi");
                e.createCell(2).setCellValue("I45203123S");
                e.createCell(3).setCellValue(LocalDate.of(1984, 2, 3));
                e.getCell(3).setCellStyle(date);
                e.createCell(4).setCellValue("+355 68 765 4321");
                e.createCell(5).setCellValue(61250.5);
                e.createCell(6).setCellFormula("\"koment \"&A" + (2 * i + 3)); // a formula's string result
            }
            Sheet other = wb.createSheet("Kontakte");
            Row k = other.createRow(0);
            k.createCell(0).setCellValue("E-mail");
            k.createCell(1).setCellValue("Aktiv");
            Row k1 = other.createRow(1);
            k1.createCell(0).setCellValue("arben.hoxha@financa.gov.al");
            k1.createCell(1).setCellValue(true);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(HSSFWorkbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }

    @Test
    void eachSheetIsReadAsTheTableItHolds() throws Exception {
        ScanReport r = scan("paga_2023.xls", payroll(1));
        FileReport paga = sheet(r, "paga_2023.xls!/Paga 2023");
        assertThat(paga.format()).isEqualTo("xls");
        assertThat(paga.problems()).isEmpty();
        assertThat(paga.records()).isEqualTo(2);
        assertThat(paga.count(EntityType.NID)).isEqualTo(2);
        assertThat(paga.count(EntityType.PHONE)).isEqualTo(2);
        assertThat(paga.count(EntityType.SALARY)).as("numbers in the Paga column").isEqualTo(2);
        assertThat(paga.count(EntityType.BIRTH_DATE)).as("day numbers in a date style").isEqualTo(2);
        assertThat(paga.count(EntityType.PERSON_NAME)).isGreaterThanOrEqualTo(2);
        FileReport contacts = sheet(r, "paga_2023.xls!/Kontakte");
        assertThat(contacts.count(EntityType.GOV_EMAIL)).isEqualTo(1);
        assertThat(r.distinctNids()).isEqualTo(2);
        assertThat(r.perFile()).hasSize(2);
    }

    @Test
    void sheetsAreWrittenAsCsvWithNumbersDatesBooleansAndFormulaResultsAsASheetShowsThem() throws Exception {
        List<String> csv = new ArrayList<>();
        org.mburoja.leak.internal.XlsBook book = new org.mburoja.leak.internal.XlsBook("p.xls", 1 << 26,
                (name, in) -> csv.add(name + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(book.read(payroll(1))).isTrue();
        assertThat(book.problems()).isEmpty();
        assertThat(csv).containsExactly(
                "p.xls!/Paga 2023\nEmri,Mbiemri,Numri personal,Datëlindja,Celulari,Paga,Shënime\n"
                        + "Arben,Hoxha,J00101999W,1990-01-01,0691234567,45000\n"
                        + "Elira,Gashi,I45203123S,1984-02-03,+355 68 765 4321,61250.5,koment Elira\n",
                "p.xls!/Kontakte\nE-mail,Aktiv\narben.hoxha@financa.gov.al,TRUE\n");
    }

    @Test
    void longTextsInEveryScriptRunOverTheContinueRecordsOfTheSharedStrings() throws Exception {
        // each text unique and long, so the shared strings pass 8,224 bytes many times over and are cut inside
        // texts of one-byte (Latin-1) and of two-byte (UTF-16) characters
        String[] texts = new String[400];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = switch (i % 3) {
                case 0 -> "Shënim i gjatë numër " + i + " " + "ëç".repeat(40 + i % 17);
                case 1 -> "Примечание " + i + " " + "жщ".repeat(45 + i % 13);
                default -> "შენიშვნა " + i + " \uD83D\uDE00 " + "ა".repeat(50 + i % 11);
            };
        }
        List<String> csv = new ArrayList<>();
        org.mburoja.leak.internal.XlsBook book = new org.mburoja.leak.internal.XlsBook("p.xls", 1 << 26,
                (name, in) -> csv.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(book.read(payroll(texts.length, texts))).isTrue();
        assertThat(book.problems()).isEmpty();
        List<String> lines = Arrays.asList(csv.getFirst().split("\n"));
        assertThat(lines).hasSize(1 + 2 * texts.length);
        for (int i = 0; i < texts.length; i++) {
            assertThat(lines.get(1 + 2 * i)).as("row %d", i).endsWith(",45000," + texts[i]);
        }
    }

    @Test
    void anEncryptedWorkbookIsReportedNotGuessedAt() throws Exception {
        byte[] xls;
        Biff8EncryptionKey.setCurrentUserPassword("fjalekalim");
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("Paga").createRow(0).createCell(0).setCellValue("J00101999W");
            xls = bytes(wb);
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        ScanReport r = scan("sekret.xls", xls);
        assertThat(problems(r)).anySatisfy(p -> assertThat(p).contains("encrypted workbook"));
        assertThat(r.count(EntityType.NID)).isZero();
    }

    @Test
    void aWordFileIsReadByTheTextOfItsStreamsInUtf16AndInItsCodePage() throws Exception {
        byte[] doc;
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(("Letër për z. Arben Hoxha, numri personal J00101999W, "
                    + "tel 0691234567").getBytes(StandardCharsets.UTF_16LE)), "WordDocument");
            fs.createDocument(new ByteArrayInputStream(("\u0001\u0002Elira Gashi I45203123S\u0000\u0003")
                    .getBytes(java.nio.charset.Charset.forName("windows-1252"))), "1Table");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            doc = out.toByteArray();
        }
        ScanReport r = scan("leter.doc", doc);
        assertThat(r.perFile()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("leter.doc");
            assertThat(f.format()).isEqualTo("doc");
            assertThat(f.count(EntityType.NID)).as("one in UTF-16, one in Windows-1252").isEqualTo(2);
            assertThat(f.count(EntityType.PHONE)).isEqualTo(1);
        });
    }

    @Test
    void anOutlookMessagesAttachmentsAreFilesOfTheirOwnUnderTheirNames() throws Exception {
        byte[] xlsx = new Workbook().sheet("Paga", List.of(List.of("Emri", "Numri personal", "Paga"),
                List.of("Arben", "J00101999W", 45000))).bytes();
        byte[] msg;
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream("Lista e pagave, nga Elira (I45203123S)"
                    .getBytes(StandardCharsets.UTF_16LE)), "__substg1.0_1000001F");
            org.apache.poi.poifs.filesystem.DirectoryEntry att = fs.getRoot()
                    .createDirectory("__attach_version1.0_#00000000");
            att.createDocument("__substg1.0_3707001F", new ByteArrayInputStream("paga 2023.xlsx"
                    .getBytes(StandardCharsets.UTF_16LE)));
            att.createDocument("__substg1.0_37010102", new ByteArrayInputStream(xlsx));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            msg = out.toByteArray();
        }
        ScanReport r = scan("mesazh.msg", msg);
        assertThat(r.perFile()).extracting(FileReport::name)
                .containsExactlyInAnyOrder("mesazh.msg", "mesazh.msg!/paga 2023.xlsx!/Paga");
        assertThat(sheet(r, "mesazh.msg").count(EntityType.NID)).isEqualTo(1);
        assertThat(sheet(r, "mesazh.msg").format()).isEqualTo("msg");
        assertThat(sheet(r, "mesazh.msg!/paga 2023.xlsx!/Paga").count(EntityType.SALARY)).isEqualTo(1);
        assertThat(r.distinctNids()).isEqualTo(2);
    }

    @Test
    void aCompoundFileOverTheMemoryBoundIsScannedAsABinaryFileAndSaysSo() throws Exception {
        byte[] xls = payroll(50);
        ScanReport r = scan("paga.xls", xls, ScanOptions.defaults().withMaxWorkbookBytes(xls.length - 1));
        assertThat(problems(r)).anySatisfy(p -> assertThat(p).contains("scanned as a binary file"));
        assertThat(r.perFile()).noneMatch(f -> f.name().contains("!/"));
    }

    @Test
    void brokenCompoundFilesAreReportedAndTheRestOfTheDumpIsStillScanned() throws Exception {
        byte[] xls = payroll(200);
        byte[] cut = Arrays.copyOf(xls, xls.length / 2);
        assertThat(problems(scan("cut.xls", cut))).anySatisfy(p -> assertThat(p).contains("broken"));

        byte[] loop = xls.clone();
        // the first allocation-table sector's first entry (sector 0) pointing at itself: a chain that never ends
        int fatSector = (int) (loop[0x4C] & 0xFF | (loop[0x4D] & 0xFF) << 8);
        int at = (fatSector + 1) * 512;
        loop[at] = 0;
        loop[at + 1] = 0;
        loop[at + 2] = 0;
        loop[at + 3] = 0;
        ScanReport r = scan("loop.xls", loop);
        assertThat(r.perFile()).isNotEmpty();

        byte[] huge = xls.clone();
        huge[0x2C] = (byte) 0xFF;
        huge[0x2D] = (byte) 0xFF;
        huge[0x2E] = (byte) 0xFF;
        huge[0x2F] = (byte) 0x7F;
        assertThat(problems(scan("huge.xls", huge))).anySatisfy(p -> assertThat(p).contains("more allocation-table"));
    }

    @Test
    void randomDamageNeverStopsTheScan() throws Exception {
        byte[] xls = payroll(30);
        Random rnd = new Random(20261208);
        for (int t = 0; t < 300; t++) {
            byte[] b = xls.clone();
            int flips = 1 + rnd.nextInt(20);
            int region = t % 2 == 0 ? b.length : 2048; // half the cases in the header, allocation table, directory
            for (int i = 0; i < flips; i++) {
                b[rnd.nextInt(region)] = (byte) rnd.nextInt(256);
            }
            ScanReport r = scan("damaged.xls", b);
            assertThat(r.perFile()).as("case %d", t).isNotEmpty();
        }
    }
}
