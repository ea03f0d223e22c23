package org.mburoja.leak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes Excel workbooks (.xlsx) for tests, part by part as Excel and other writers do: texts in the shared strings
 * table (or inline), numbers, booleans, and dates as day numbers in a date style. The order of the parts in the zip
 * is the test's to choose, since a scan reads them as they stream.
 */
public final class Workbook {

    /** Where the shared strings go: before the sheets (LibreOffice) or after them (Excel, openpyxl). */
    public enum Order { STRINGS_FIRST, STRINGS_LAST }

    private final Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    private Order order = Order.STRINGS_LAST;
    private boolean inline;
    private boolean contentTypes = true;
    private final Map<String, String> extraParts = new LinkedHashMap<>();
    private String sharedStringsXml;

    public Workbook sheet(String name, List<List<Object>> rows) {
        sheets.put(name, rows);
        return this;
    }

    public Workbook order(Order o) {
        order = o;
        return this;
    }

    /** Texts as inline strings in the cells instead of the shared strings table. */
    public Workbook inlineStrings() {
        inline = true;
        return this;
    }

    public Workbook withoutContentTypes() {
        contentTypes = false;
        return this;
    }

    /** A part of the test's own (a comment, a broken sheet), written after the sheets. */
    public Workbook part(String name, String xml) {
        extraParts.put(name, xml);
        return this;
    }

    /** The shared strings part as the test writes it (an entity, a broken table), instead of the real one. */
    public Workbook sharedStrings(String xml) {
        sharedStringsXml = xml;
        return this;
    }

    public byte[] bytes() {
        List<String> strings = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, String> sheetXml = new LinkedHashMap<>();
        int n = 1;
        for (Map.Entry<String, List<List<Object>>> s : sheets.entrySet()) {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            int r = 1;
            for (List<Object> row : s.getValue()) {
                b.append("<row r=\"").append(r).append("\">");
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    if (v == null || "".equals(v)) {
                        continue;
                    }
                    String ref = column(c) + r;
                    switch (v) {
                        case LocalDate d -> b.append("<c r=\"").append(ref).append("\" s=\"1\"><v>")
                                .append(ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), d)).append("</v></c>");
                        case Boolean t -> b.append("<c r=\"").append(ref).append("\" t=\"b\"><v>")
                                .append(t ? 1 : 0).append("</v></c>");
                        case Number num -> b.append("<c r=\"").append(ref).append("\"><v>")
                                .append(new BigDecimal(num.toString()).toString()).append("</v></c>");
                        default -> {
                            String text = v.toString();
                            if (inline) {
                                b.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                                        .append(xml(text)).append("</t></is></c>");
                            } else {
                                Integer i = index.get(text);
                                if (i == null) {
                                    i = strings.size();
                                    strings.add(text);
                                    index.put(text, i);
                                }
                                b.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(i).append("</v></c>");
                            }
                        }
                    }
                }
                b.append("</row>");
                r++;
            }
            b.append("</sheetData></worksheet>");
            sheetXml.put("xl/worksheets/sheet" + n++ + ".xml", b.toString());
        }
        StringBuilder sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + strings.size()
                + "\" uniqueCount=\"" + strings.size() + "\">");
        for (String s : strings) {
            sst.append("<si><t xml:space=\"preserve\">").append(xml(s)).append("</t></si>");
        }
        sst.append("</sst>");
        String shared = sharedStringsXml != null ? sharedStringsXml : sst.toString();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            if (contentTypes) {
                StringBuilder ct = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                        + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
                        + "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
                if (!inline) {
                    ct.append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
                            + "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
                }
                ct.append("</Types>");
                put(z, "[Content_Types].xml", ct.toString());
            }
            put(z, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                    + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            StringBuilder wb = new StringBuilder("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats"
                    + ".org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships\"><workbookPr/><sheets>");
            StringBuilder rels = new StringBuilder("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\">");
            int i = 1;
            for (String name : sheets.keySet()) {
                wb.append("<sheet name=\"").append(xml(name)).append("\" sheetId=\"").append(i)
                        .append("\" r:id=\"rId").append(i).append("\"/>");
                rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"http://schemas.openxmlformats.org/"
                        + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet").append(i)
                        .append(".xml\"/>");
                i++;
            }
            put(z, "xl/workbook.xml", wb.append("</sheets></workbook>").toString());
            put(z, "xl/_rels/workbook.xml.rels", rels.append("</Relationships>").toString());
            put(z, "xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\""
                    + "dd/mm/yyyy\"/></numFmts><cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" "
                    + "applyNumberFormat=\"1\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
            if (order == Order.STRINGS_FIRST && !inline) {
                put(z, "xl/sharedStrings.xml", shared);
            }
            for (Map.Entry<String, String> s : sheetXml.entrySet()) {
                put(z, s.getKey(), s.getValue());
            }
            if (order == Order.STRINGS_LAST && !inline) {
                put(z, "xl/sharedStrings.xml", shared);
            }
            for (Map.Entry<String, String> p : extraParts.entrySet()) {
                put(z, p.getKey(), p.getValue());
            }
            put(z, "docProps/core.xml", "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas."
                    + "openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/"
                    + "elements/1.1/\"><dc:creator>Zyra e Pagave</dc:creator></cp:coreProperties>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream z, String name, String content) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(content.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    static String column(int c) {
        StringBuilder b = new StringBuilder();
        for (int n = c + 1; n > 0; n = (n - 1) / 26) {
            b.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return b.toString();
    }

    private static String xml(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
                        b.append("_x").append(String.format("%04X", cp)).append('_');
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.toString();
    }

    /** The rows of a CSV file (RFC 4180: quotes, doubled quotes, line breaks inside quotes). */
    public static List<List<Object>> csvRows(String text) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
