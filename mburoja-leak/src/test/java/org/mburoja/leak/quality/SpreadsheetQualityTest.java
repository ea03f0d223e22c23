package org.mburoja.leak.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mburoja.leak.FileReport;
import org.mburoja.leak.LeakScanner;
import org.mburoja.leak.ScanOptions;
import org.mburoja.leak.ScanProgress;
import org.mburoja.leak.ScanReport;
import org.mburoja.leak.Workbook;

/**
 * The generator's CSV tables written as Excel workbooks (numbers and ISO dates as a spreadsheet holds them, the rest
 * as texts) count exactly as the CSV files do: the same records, entities, rejected look-alikes and persons. The
 * workbooks are written by the tests' own writer, with the shared strings before or after the sheets, and by
 * Apache POI, as exporting systems write them (its whole-workbook writer and its streaming one, and its writer of
 * the Excel 97-2003 format, whose shared strings run over many CONTINUE records).
 */
class SpreadsheetQualityTest {

    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}(\\.[0-9]{1,2})?");
    private static final Pattern ISO_DATE = Pattern.compile("(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]");

    private static ScanReport scan(String name, byte[] bytes) throws Exception {
        return new LeakScanner(ScanOptions.defaults()).scan(name, new ByteArrayInputStream(bytes), bytes.length,
                ScanProgress.NONE);
    }

    /** Writes each CSV file of a generated dump as a workbook and checks that both count the same. */
    private static void eachCsvCountsTheSameAsItsWorkbook(GeneratedDump dump, String book, String sheet,
                                                          Function<List<List<Object>>, byte[]> write) throws Exception {
        int compared = 0;
        for (Path csv : dump.files()) {
            if (!csv.toString().endsWith(".csv")) {
                continue;
            }
            List<List<Object>> rows = Workbook.csvRows(Files.readString(csv, StandardCharsets.UTF_8));
            String name = csv.getFileName().toString();
            ScanReport asCsv = scan(name, Files.readAllBytes(csv));
            ScanReport asXlsx = scan(book, write.apply(rows));
            FileReport c = asCsv.perFile().getFirst();
            assertThat(asXlsx.perFile()).as(name).hasSize(1);
            FileReport x = asXlsx.perFile().getFirst();
            assertThat(x.name()).as(x.problems().toString()).isEqualTo(book + "!/" + sheet);
            assertThat(x.format()).isEqualTo(book.substring(book.lastIndexOf('.') + 1));
            assertThat(x.problems()).as(name).isEmpty();
            assertThat(x.records()).as(name).isEqualTo(c.records()).isGreaterThan(1000);
            assertThat(x.entities()).as(name).isEqualTo(c.entities());
            assertThat(x.rejected()).as(name).isEqualTo(c.rejected());
            assertThat(asXlsx.distinctNids()).as(name).isEqualTo(asCsv.distinctNids());
            assertThat(asXlsx.distinctPersons()).as(name).isEqualTo(asCsv.distinctPersons());
            compared++;
        }
        assertThat(compared).as("CSV files of the generated dump").isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Workbook.Order.class)
    void aGeneratedTableCountsTheSameAsCsvAndAsAWorkbook(Workbook.Order order) throws Exception {
        eachCsvCountsTheSameAsItsWorkbook(GeneratedDump.generate("csv", 11, 3000), "table.xlsx", "Sheet1", rows -> {
            List<List<Object>> typed = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                List<Object> row = new ArrayList<>();
                for (Object cell : rows.get(i)) {
                    row.add(i == 0 ? cell : typed(cell.toString()));
                }
                typed.add(row);
            }
            return new Workbook().sheet("Sheet1", typed).order(order).bytes();
        });
    }

    enum PoiWriter { XSSF, SXSSF_INLINE, SXSSF_SHARED, HSSF }

    @ParameterizedTest
    @EnumSource(PoiWriter.class)
    void aGeneratedTableWrittenByApachePoiCountsTheSameAsItsCsv(PoiWriter writer) throws Exception {
        eachCsvCountsTheSameAsItsWorkbook(GeneratedDump.generate("csv", 12, 2000),
                writer == PoiWriter.HSSF ? "eksport.xls" : "eksport.xlsx", "Të dhënat", rows -> poi(writer, rows));
    }

    private static byte[] poi(PoiWriter writer, List<List<Object>> rows) {
        org.apache.poi.ss.usermodel.Workbook wb = switch (writer) {
            case XSSF -> new org.apache.poi.xssf.usermodel.XSSFWorkbook();
            case SXSSF_INLINE -> new org.apache.poi.xssf.streaming.SXSSFWorkbook(100);
            case SXSSF_SHARED -> new org.apache.poi.xssf.streaming.SXSSFWorkbook(null, 100, false, true);
            case HSSF -> new org.apache.poi.hssf.usermodel.HSSFWorkbook(); // Excel 97-2003
        };
        try (wb) {
            org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Të dhënat");
            for (int r = 0; r < rows.size(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                List<Object> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    String s = cells.get(c).toString();
                    if (s.isEmpty()) {
                        continue;
                    }
                    Object v = r == 0 ? s : typed(s);
                    org.apache.poi.ss.usermodel.Cell cell = row.createCell(c);
                    if (v instanceof BigDecimal d) {
                        cell.setCellValue(d.doubleValue());
                    } else if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else {
                        cell.setCellValue(s);
                    }
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Object typed(String s) {
        if (NUMBER.matcher(s).matches()) {
            return new BigDecimal(s);
        }
        if (ISO_DATE.matcher(s).matches()) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        return s;
    }
}
