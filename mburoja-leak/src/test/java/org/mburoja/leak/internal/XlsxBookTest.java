package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workbook reader alone: parts fed in the order a zip gives them, each sheet out as CSV text. */
class XlsxBookTest {

    private static final String NS = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";

    private final Map<String, String> sheets = new LinkedHashMap<>();

    private XlsxBook book(long maxHeld) {
        return new XlsxBook("b.xlsx", maxHeld, (name, csv) -> sheets.put(name, read(csv)));
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static InputStream xml(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sheet(String rows) {
        return "<worksheet " + NS + "><sheetData>" + rows + "</sheetData></worksheet>";
    }

    private static int column(String ref) {
        byte[] b = ref.getBytes(StandardCharsets.US_ASCII);
        return SheetCells.column(b, 0, b.length);
    }

    private static String unescape(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new String(b, 0, SheetCells.unescape(b, b.length), StandardCharsets.UTF_8);
    }

    private static String strings(String... texts) {
        StringBuilder b = new StringBuilder("<sst " + NS + ">");
        for (String t : texts) {
            b.append("<si><t>").append(t).append("</t></si>");
        }
        return b.append("</sst>").toString();
    }

    @Test
    void aSheetMetBeforeItsStringsIsHeldAndWrittenWhenTheyCome() throws Exception {
        XlsxBook b = book(1 << 20);
        b.part("xl/worksheets/sheet1.xml", xml(sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                + "<c r=\"C1\" t=\"s\"><v>1</v></c></row><row r=\"3\"><c r=\"B3\"><v>45000</v></c></row>")));
        assertThat(sheets).as("held").isEmpty();
        b.part("xl/styles.xml", xml("<styleSheet " + NS + "><cellXfs><xf numFmtId=\"0\"/></cellXfs></styleSheet>"));
        b.part("xl/sharedStrings.xml", xml(strings("Emri", "Paga, neto")));
        assertThat(sheets).containsEntry("b.xlsx!/sheet1", "Emri,,\"Paga, neto\"\n,45000\n");
        b.finish();
        assertThat(b.problems()).isEmpty();
    }

    @Test
    void richTextRunsAreJoinedAndPhoneticRunsLeftOutAndEscapesDecoded() throws Exception {
        XlsxBook b = book(1 << 20);
        b.part("[Content_Types].xml", xml("<Types><Override PartName=\"/xl/sharedStrings.xml\"/></Types>"));
        b.part("xl/sharedStrings.xml", xml("<sst " + NS + "><si><r><t>Arb</t></r><r><rPr/><t>en</t></r>"
                + "<rPh><t>ARUBEN</t></rPh></si><si><t>rresht_x000D_\nri dytë \"citim\"</t></si></sst>"));
        b.part("xl/worksheets/sheet1.xml", xml(sheet("<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
                + "<c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c><c t=\"str\"><f>A1</f><v>formula</v></c></row>")));
        // (the carriage return and line break inside the cell are one space: a record is one line)
        assertThat(sheets.get("b.xlsx!/sheet1")).isEqualTo("Arben,\"rresht ri dytë \"\"citim\"\"\",TRUE,,formula\n");
    }

    @Test
    void datesInADateStyleAreWrittenAsDatesInEitherDateSystem() throws Exception {
        XlsxBook b = book(1 << 20);
        b.part("[Content_Types].xml", xml("<Types><Override PartName=\"/xl/styles.xml\"/></Types>"));
        b.part("xl/workbook.xml", xml("<workbook " + NS + "><workbookPr date1904=\"1\"/></workbook>"));
        b.part("xl/styles.xml", xml("<styleSheet " + NS + "><numFmts><numFmt numFmtId=\"170\" formatCode=\"d.m.yyyy\"/>"
                + "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/>"
                + "<xf numFmtId=\"170\"/><xf numFmtId=\"4\"/></cellXfs></styleSheet>"));
        b.part("xl/worksheets/sheet1.xml", xml(sheet("<row><c s=\"1\"><v>31412</v></c><c s=\"2\"><v>31412</v></c>"
                + "<c s=\"0\"><v>31412</v></c><c s=\"99\"><v>7</v></c></row>")));
        // 1904 system: day 0 is 1904-01-01; the cell style table's entries, not the cell-style formats, count
        assertThat(sheets.get("b.xlsx!/sheet1")).isEqualTo("1990-01-01,31412,31412,7\n");
    }

    @Test
    void sheetsAreNamedAsTheWorkbookNamesThem() throws Exception {
        XlsxBook b = book(1 << 20);
        b.part("[Content_Types].xml", xml("<Types/>"));
        b.part("xl/workbook.xml", xml("<workbook " + NS + " xmlns:r=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships\"><sheets><sheet name=\"Votues &amp; Adresa\" sheetId=\"1\" "
                + "r:id=\"rId7\"/></sheets></workbook>"));
        b.part("xl/_rels/workbook.xml.rels", xml("<Relationships><Relationship Id=\"rId7\" "
                + "Target=\"worksheets/s7.xml\"/></Relationships>"));
        b.part("xl/worksheets/s7.xml", xml(sheet("<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>")));
        assertThat(sheets).containsOnlyKeys("b.xlsx!/Votues & Adresa");
    }

    @Test
    void aBrokenSheetKeepsTheRowsBeforeTheBreakAndSaysWhere() throws Exception {
        XlsxBook b = book(1 << 20);
        b.part("[Content_Types].xml", xml("<Types/>"));
        b.part("xl/worksheets/sheet1.xml", xml("<worksheet " + NS + "><sheetData><row><c t=\"inlineStr\"><is><t>one"
                + "</t></is></c></row><row><c t=\"inlineStr\"><is><t>two</t></is></c></row>\n<row><c><v>3</c></row>"));
        assertThat(sheets.get("b.xlsx!/sheet1")).isEqualTo("one\ntwo\n");
        assertThat(b.problems()).singleElement().asString().contains("breaks at line 2").contains("rows before");
    }

    @Test
    void externalEntitiesAndDtdsAreNeverResolved() throws Exception {
        XlsxBook b = book(1 << 20);
        b.part("[Content_Types].xml", xml("<Types><Override PartName=\"/xl/sharedStrings.xml\"/></Types>"));
        b.part("xl/sharedStrings.xml", xml("<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\"><!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<sst " + NS + "><si><t>&x;</t></si><si><t>&lol2;</t></si></sst>"));
        b.part("xl/worksheets/sheet1.xml", xml(sheet("<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>")));
        b.finish();
        // the DTD is skipped and its entities are never expanded: the two texts are empty, so the row is too
        assertThat(sheets).containsEntry("b.xlsx!/sheet1", "");
        assertThat(b.problems()).noneSatisfy(p -> assertThat(p).contains("root:"));
    }

    @Test
    void indexesOutOfTheTableHugeReferencesAndNonsenseAreIgnored() throws Exception {
        XlsxBook b = book(1 << 20);
        b.part("[Content_Types].xml", xml("<Types><Override PartName=\"/xl/sharedStrings.xml\"/></Types>"));
        b.part("xl/sharedStrings.xml", xml(strings("a")));
        b.part("xl/worksheets/sheet1.xml", xml(sheet("<row r=\"-5\"><c r=\"A1\" t=\"s\"><v>7</v></c>"
                + "<c r=\"B1\" t=\"s\"><v>-1</v></c><c r=\"C1\" t=\"s\"><v>x</v></c><c r=\"XFE1\"><v>1</v></c>"
                + "<c r=\"ZZZZZ1\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>0</v></c></row>"
                + "<row r=\"99999999999999999999\"><c><v>5</v></c></row>")));
        // out-of-range string indexes are empty; a column past XFD is left out, and so is the cell after it whose
        // reference is broken (it takes the next column); rows without a usable number follow the one before
        assertThat(sheets.get("b.xlsx!/sheet1")).isEqualTo(",,,a\n5\n");
    }

    @Test
    void heldSheetsAreBoundedInMemory() throws Exception {
        XlsxBook b = book(2_000);
        StringBuilder rows = new StringBuilder();
        for (int r = 1; r <= 500; r++) {
            rows.append("<row r=\"").append(r).append("\"><c t=\"s\"><v>").append(r).append("</v></c></row>");
        }
        b.part("xl/worksheets/sheet1.xml", xml(sheet(rows.toString())));
        b.part("xl/worksheets/sheet2.xml", xml(sheet("<row><c t=\"s\"><v>0</v></c></row>")));
        b.part("xl/sharedStrings.xml", xml(strings("a")));
        b.part("xl/styles.xml", xml("<styleSheet " + NS + "/>"));
        b.finish();
        assertThat(sheets).isEmpty();
        assertThat(b.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("2000 bytes of memory"));

        XlsxBook strings = book(100);
        strings.part("[Content_Types].xml", xml("<Types><Override PartName=\"/xl/sharedStrings.xml\"/></Types>"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add("text number " + i);
        }
        strings.part("xl/sharedStrings.xml", xml(strings(many.toArray(String[]::new))));
        strings.part("xl/worksheets/sheet1.xml", xml(sheet("<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>49</v></c>"
                + "</row>")));
        assertThat(sheets.get("b.xlsx!/sheet1")).isEqualTo("text number 0\n");
        assertThat(strings.problems()).singleElement().asString().contains("texts after the first");
    }

    @Test
    void aWorkbookWithoutItsSharedStringsWritesItsSheetsAtTheEndWithTheirNumbers() throws Exception {
        XlsxBook b = book(1 << 20);
        b.part("xl/worksheets/sheet1.xml", xml(sheet("<row><c t=\"s\"><v>0</v></c><c><v>12</v></c></row>")));
        b.finish();
        assertThat(sheets.get("b.xlsx!/sheet1")).isEqualTo(",12\n");
        assertThat(b.problems()).singleElement().asString().contains("no shared strings");
    }

    @Test
    void datesNumbersAndReferencesAreWrittenAsASheetShowsThem() {
        assertThat(SheetCsv.serialDate(BigDecimal.valueOf(32874), false)).isEqualTo("1990-01-01");
        assertThat(SheetCsv.serialDate(BigDecimal.ONE, false)).isEqualTo("1900-01-01");
        assertThat(SheetCsv.serialDate(BigDecimal.valueOf(61), false)).isEqualTo("1900-03-01");
        assertThat(SheetCsv.serialDate(new BigDecimal("32874.75"), false)).isEqualTo("1990-01-01");
        assertThat(SheetCsv.serialDate(BigDecimal.ZERO, true)).isEqualTo("1904-01-01");
        assertThat(SheetCsv.serialDate(BigDecimal.valueOf(3_000_000), false)).isNull();
        assertThat(SheetCsv.serialDate(BigDecimal.valueOf(-1), false)).isNull();
        assertThat(column("A1")).isZero();
        assertThat(column("AA10")).isEqualTo(26);
        assertThat(column("XFD1048576")).isEqualTo(16_383);
        assertThat(column("ABCDE1")).isEqualTo(-1);
        assertThat(column("17")).isEqualTo(-1);
        assertThat(XlsxBook.isDateFormat("dd/mm/yyyy")).isTrue();
        assertThat(XlsxBook.isDateFormat("[$-41C]d mmmm yyyy")).isTrue();
        assertThat(XlsxBook.isDateFormat("#,##0.00 \"lekë\"")).isFalse();
        assertThat(XlsxBook.isDateFormat("[Red]0.00")).isFalse();
        assertThat(XlsxBook.isDateFormat("h:mm")).isFalse();
        assertThat(XlsxBook.isBuiltinDate(14)).isTrue();
        assertThat(XlsxBook.isBuiltinDate(4)).isFalse();
        assertThat(SheetCsv.number("4.5E+4", false, false)).isEqualTo("45000");
        assertThat(SheetCsv.number("61250.50", false, false)).isEqualTo("61250.5");
        assertThat(SheetCsv.number("-0.0", false, false)).isEqualTo("0");
        assertThat(SheetCsv.number("1E+300", false, false)).isEqualTo("1E+300");
        assertThat(SheetCsv.number("abc", false, false)).isEqualTo("abc");
        assertThat(unescape("a_x000D_b_x005F_x0041_")).isEqualTo("a\rb_x0041_");
        assertThat(unescape("_x00G1_ _x12")).isEqualTo("_x00G1_ _x12");
        assertThat(unescape("_xD83D__xDE00_ _xD83D_ x_x00EB_")).isEqualTo("\uD83D\uDE00 ? xë");
    }
}
