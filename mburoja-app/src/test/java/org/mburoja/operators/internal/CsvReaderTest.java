package org.mburoja.operators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.Contacts;
import org.mburoja.operators.Operator;

class CsvReaderTest {

    static List<CsvReader.Record> read(String text) throws Exception {
        CsvReader r = new CsvReader(new StringReader(text), 100, 10);
        List<CsvReader.Record> out = new ArrayList<>();
        for (CsvReader.Record rec = r.next(); rec != null; rec = r.next()) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void readsQuotedCellsWithCommasDoubledQuotesAndLineBreaks() throws Exception {
        List<CsvReader.Record> recs = read("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",x,\n last,,\n");
        assertThat(recs).hasSize(3);
        assertThat(recs.get(0).cells()).containsExactly("a", "b,c", "say \"hi\"");
        assertThat(recs.get(1).line()).isEqualTo(3);
        assertThat(recs.get(1).cells()).containsExactly("multi\nline", "x", "");
        assertThat(recs.get(2).line()).isEqualTo(5);
        assertThat(recs.get(2).cells()).containsExactly(" last", "", "");
    }

    @Test
    void rejectsAQuoteInsideAnUnquotedCellWithItsLine() {
        assertThatThrownBy(() -> read("a,b\nc,d\"e\n")).isInstanceOf(CsvReader.CsvFormatException.class)
                .hasMessageContaining("line 2").hasMessageContaining("quote inside an unquoted cell");
    }

    @Test
    void rejectsTextAfterAClosingQuote() {
        assertThatThrownBy(() -> read("\"a\"b,c\n")).hasMessageContaining("line 1")
                .hasMessageContaining("after the closing quote");
    }

    @Test
    void rejectsAQuotedCellThatIsNeverClosedNamingTheLineItOpened() {
        assertThatThrownBy(() -> read("a,b\n\"open,c\nd,e\nf,g\n")).hasMessageContaining("line 2")
                .hasMessageContaining("never closed");
    }

    @Test
    void rejectsOversizedCellsTooManyCellsAndNulCharacters() {
        assertThatThrownBy(() -> read("x".repeat(101))).hasMessageContaining("longer than 100");
        assertThatThrownBy(() -> read(",".repeat(10))).hasMessageContaining("more than 10 cells");
        assertThatThrownBy(() -> read("a\u0000b")).hasMessageContaining("NUL");
    }

    @Test
    void exportDefusesFormulaCellsAndImportRestoresThem() throws IOException {
        assertThat(OperatorCsv.Exporter.escape("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(OperatorCsv.Exporter.escape("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(OperatorCsv.Exporter.escape("-2+3")).isEqualTo("'-2+3");
        assertThat(OperatorCsv.Exporter.escape("+355 4 222")).isEqualTo("'+355 4 222");
        assertThat(OperatorCsv.Exporter.escape("=1,\"2\"")).isEqualTo("\"'=1,\"\"2\"\"\"");
        assertThat(OperatorCsv.Exporter.escape("Tiranë")).isEqualTo("Tiranë");
        assertThat(OperatorCsv.undefuse("'=cmd")).isEqualTo("=cmd");
        assertThat(OperatorCsv.undefuse("'quoted'")).isEqualTo("'quoted'");
    }

    @Test
    void anExportedRecordReadsBackAsTheSameDraft() throws Exception {
        Operator o = new Operator(null, "=Evil, \"Inc\"", "K12345678H", "Rruga 1\nTiranë", "energy",
                "energy.gas", EntityClass.IMPORTANT, new Contacts("cert@x.al", "+35542222222", null, "+355691234567"),
                List.of("AL", "XK"), List.of("10.0.0.0/8", "2001:db8::/32"), List.of("xn--shqipri-vya.al"),
                List.of(64512L), null, null);
        java.io.StringWriter out = new java.io.StringWriter();
        OperatorCsv.Exporter e = new OperatorCsv.Exporter(out);
        e.header();
        e.row(o);
        List<CsvReader.Record> recs = new ArrayList<>();
        CsvReader r = new CsvReader(new StringReader(out.toString()), 1000, 20);
        for (CsvReader.Record rec = r.next(); rec != null; rec = r.next()) {
            recs.add(rec);
        }
        var draft = OperatorCsv.draft(OperatorCsv.header(recs.get(0).cells()), recs.get(1).cells());
        assertThat(draft.name()).isEqualTo("=Evil, \"Inc\"");
        assertThat(draft.securityPhone()).isEqualTo("+35542222222");
        assertThat(draft.address()).isEqualTo("Rruga 1\nTiranë");
        assertThat(draft.ipRanges()).containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(draft.asns()).containsExactly("AS64512");
        assertThat(draft.serviceStates()).containsExactly("AL", "XK");
    }

    @Test
    void headerMustNameKnownColumnsOnce() {
        assertThatThrownBy(() -> OperatorCsv.header(List.of("name", "nipt", "colour")))
                .hasMessageContaining("unknown column 'colour'");
        assertThatThrownBy(() -> OperatorCsv.header(List.of("name", "name")))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> OperatorCsv.header(List.of("name", "nipt")))
                .hasMessageContaining("missing columns");
    }
}
