package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Excel workbooks (.xlsx), the form in which salary and voter lists leaked in Albania: each sheet is read as the
 * table it holds, its header row naming the columns, whatever order the writer put the workbook's parts in.
 */
class SpreadsheetTest {

    private static final List<Object> HEADER = List.of("Emri", "Mbiemri", "Numri personal", "Datëlindja",
            "Celulari", "Paga", "Preferenca");

    private static List<List<Object>> salaryList() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(List.of("Arben", "Hoxha", "J00101999W", LocalDate.of(1990, 1, 1), "0691234567", 45000, "PS"));
        rows.add(List.of("Elira", "Gashi", "I45203123S", LocalDate.of(1984, 2, 3), "+355 68 765 4321", 61250.5,
                "PD"));
        rows.add(List.of("Arben", "Hoxha", "J00101999W", LocalDate.of(1990, 1, 1), "0691234567", 45000, "PS"));
        return rows;
    }

    private static ScanReport scan(String name, byte[] bytes) throws Exception {
        return new LeakScanner(ScanOptions.defaults()).scan(name, new ByteArrayInputStream(bytes), bytes.length,
                ScanProgress.NONE);
    }

    private static FileReport sheet(ScanReport r, String name) {
        return r.perFile().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no report for " + name + " in "
                        + r.perFile().stream().map(FileReport::name).toList()));
    }

    @ParameterizedTest
    @EnumSource(Workbook.Order.class)
    void aSheetIsReadAsTheTableItHoldsWithItsHeaderNamingTheColumns(Workbook.Order order) throws Exception {
        byte[] xlsx = new Workbook().sheet("Paga 2023", salaryList()).order(order).bytes();
        ScanReport r = scan("lista_pagave.xlsx", xlsx);
        FileReport f = sheet(r, "lista_pagave.xlsx!/Paga 2023");
        assertThat(f.format()).isEqualTo("xlsx");
        assertThat(f.records()).isEqualTo(3);
        assertThat(f.count(EntityType.NID)).isEqualTo(3);
        assertThat(f.count(EntityType.PHONE)).isEqualTo(3);
        assertThat(f.count(EntityType.SALARY)).as("amounts in the Paga column, numbers in the sheet").isEqualTo(3);
        assertThat(f.count(EntityType.POLITICAL_PREFERENCE)).isEqualTo(3);
        assertThat(f.count(EntityType.BIRTH_DATE)).as("day numbers in a date style").isEqualTo(3);
        assertThat(f.count(EntityType.PERSON_NAME)).isGreaterThanOrEqualTo(3);
        assertThat(r.distinctNids()).isEqualTo(2);
        assertThat(r.distinctPersons()).isEqualTo(2);
        assertThat(r.specialCategories()).contains("political_opinion");
        assertThat(r.perFile()).as("the workbook's other parts are no files of their own").hasSize(1);
        assertThat(f.problems()).isEmpty();
    }

    @Test
    void inlineStringsAndSeveralSheetsAreEachTheirOwnTable() throws Exception {
        List<List<Object>> contacts = List.of(List.of("Emri", "Email", "Tel"),
                List.of("Drita", "drita.leka@akshi.gov.al", "0672223344"));
        byte[] xlsx = new Workbook().sheet("Paga", salaryList()).sheet("Kontakte", contacts).inlineStrings().bytes();
        ScanReport r = scan("dump.xlsx", xlsx);
        assertThat(sheet(r, "dump.xlsx!/Paga").count(EntityType.NID)).isEqualTo(3);
        FileReport k = sheet(r, "dump.xlsx!/Kontakte");
        assertThat(k.count(EntityType.EMAIL)).isEqualTo(1);
        assertThat(k.count(EntityType.GOV_EMAIL)).isEqualTo(1);
        assertThat(k.count(EntityType.PHONE)).isEqualTo(1);
        assertThat(r.distinctPersons()).isEqualTo(3);
    }

    @Test
    void aWorkbookInsideAZipOrNamedOtherwiseIsKnownByItsContentTypes() throws Exception {
        byte[] xlsx = new Workbook().sheet("Paga", salaryList()).bytes();
        ScanReport r = scan("attachment.bin", xlsx);
        assertThat(sheet(r, "attachment.bin!/Paga").count(EntityType.NID)).isEqualTo(3);
        // without content types and without its name a workbook is a zip of XML files, scanned as text
        ScanReport plain = scan("attachment.bin", new Workbook().sheet("Paga", salaryList()).withoutContentTypes()
                .bytes());
        assertThat(plain.perFile()).extracting(FileReport::format).doesNotContain("xlsx");
        assertThat(plain.distinctNids()).as("its values are still found as text").isEqualTo(2);
    }

    @Test
    void aZipNamedLikeAWorkbookThatIsNoneHasItsFilesScanned() throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.ZipOutputStream(b)) {
            z.putNextEntry(new java.util.zip.ZipEntry("votuesit.csv"));
            z.write("Emri,Numri personal\nArben,J00101999W\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        ScanReport r = scan("lista.xlsx", b.toByteArray());
        assertThat(sheet(r, "lista.xlsx!/votuesit.csv").count(EntityType.NID)).isEqualTo(1);
    }

    @Test
    void cellCommentsAreScannedAsTextAndTheMetadataIsLeftAlone() throws Exception {
        byte[] xlsx = new Workbook().sheet("Paga", salaryList())
                .part("xl/comments1.xml", "<comments><commentList><comment ref=\"A2\"><text><t>kontakt: "
                        + "0697654321</t></text></comment></commentList></comments>").bytes();
        ScanReport r = scan("paga.xlsx", xlsx);
        assertThat(sheet(r, "paga.xlsx!/xl/comments1.xml").count(EntityType.PHONE)).isEqualTo(1);
        assertThat(r.perFile()).extracting(FileReport::name).doesNotContain("paga.xlsx!/docProps/core.xml");
    }
}
