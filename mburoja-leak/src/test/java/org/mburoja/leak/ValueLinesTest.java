package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The unmasked value list of a scan: one JSON object per value, whatever the dump holds. */
class ValueLinesTest {

    @TempDir
    Path tmp;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<JsonNode> lines(String text) {
        return text.lines().map(JSON::readTree).toList();
    }

    @Test
    void listsEveryFoundAndRejectedValueOfTheProseFixtureUnmasked() throws Exception {
        StringWriter w = new StringWriter();
        ValueLines values = new ValueLines(w);
        ScanReport r = Fixtures.scan(Fixtures.path("recognisers/prose-mentions.txt"),
                ScanOptions.defaults().withListener(values));
        values.close();
        List<JsonNode> l = lines(w.toString());
        assertThat(values.written()).isEqualTo(l.size());
        assertThat(l).anySatisfy(n -> {
            assertThat(n.get("type").asString()).isEqualTo("nid");
            assertThat(n.get("value").asString()).isEqualTo("J00101999W");
            assertThat(n.get("valid").asBoolean()).isTrue();
            assertThat(n.get("file").asString()).endsWith("prose-mentions.txt");
        });
        assertThat(l).anySatisfy(n -> {
            assertThat(n.get("value").asString()).isEqualTo("J00101999B");
            assertThat(n.get("valid").asBoolean()).isFalse();
        });
        long nids = l.stream().filter(n -> n.get("type").asString().equals("nid") && n.get("valid").asBoolean())
                .count();
        assertThat(nids).isEqualTo(r.count(EntityType.NID));
        assertThat(r.perFile().get(0).samples().get(EntityType.NID)).as("the report stays masked")
                .containsExactly("J0****99W");
    }

    @Test
    void numbersEachValueWithItsRecordSoThatAPersonsValuesGoTogether() throws Exception {
        StringWriter w = new StringWriter();
        ValueLines values = new ValueLines(w);
        Fixtures.scan(Fixtures.path("persons/label-blocks.txt"), ScanOptions.defaults().withListener(values));
        values.close();
        java.util.Map<Long, List<String>> byRecord = new java.util.TreeMap<>();
        for (JsonNode n : lines(w.toString())) {
            byRecord.computeIfAbsent(n.get("record").asLong(), k -> new java.util.ArrayList<>())
                    .add(n.get("type").asString() + "=" + n.get("value").asString());
        }
        assertThat(byRecord.values()).as("Arben Hoxha's block").anySatisfy(v -> assertThat(v).containsExactly(
                "nid=I50314123V", "birth_date=14.03.1985", "phone=069 123 4567",
                "iban=AL40 2021 1006 0000 0001 2345 6789", "person_name=Arben Hoxha"));
        assertThat(byRecord.values()).as("Drita Leka's").anySatisfy(v -> assertThat(v).containsExactly(
                "nid=H21130007N", "phone=+355 68 765 4321", "person_name=Drita Leka"));
        assertThat(byRecord.keySet()).allMatch(k -> k >= 1 && k <= 9);
    }

    @Test
    void escapesQuotesLineBreaksControlCharactersAndFormulasOfAHostileDump() throws Exception {
        Path dump = tmp.resolve("hostile \"name\".csv");
        Files.writeString(dump, "Emri,Mbiemri,Numri personal,Adresa\n"
                + "Arben,Hoxha,J00101999W,\"=HYPERLINK(\"\"http://x\"\",\"\"Rr. Kavaja\"\")\u0001\tnr 4\"\n");
        StringWriter w = new StringWriter();
        ValueLines values = new ValueLines(w);
        Fixtures.scan(dump, ScanOptions.defaults().withListener(values));
        values.close();
        assertThat(w.toString().lines()).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        List<JsonNode> l = lines(w.toString());
        assertThat(l).extracting(n -> n.get("file").asString()).allMatch(f -> f.endsWith("hostile \"name\".csv"));
        assertThat(l).extracting(n -> n.get("value").asString())
                .contains("J00101999W", "=HYPERLINK(\"http://x\",\"Rr. Kavaja\")\u0001\tnr 4");

        // a value or file name with line breaks stays on its line
        StringWriter one = new StringWriter();
        try (ValueLines v = new ValueLines(one)) {
            v.found("a\nb.txt", EntityType.ADDRESS, "Rr. 1\r\n\"2\"\\", true);
        }
        assertThat(one.toString().lines()).hasSize(1);
        JsonNode n = JSON.readTree(one.toString());
        assertThat(n.get("file").asString()).isEqualTo("a\nb.txt");
        assertThat(n.get("value").asString()).isEqualTo("Rr. 1\r\n\"2\"\\");
    }

    @Test
    void keepsTheFirstWriteErrorForCloseAndLetsTheScanFinish() throws Exception {
        Writer full = new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ValueLines values = new ValueLines(full);
        ScanReport r = Fixtures.scan(Fixtures.path("recognisers/prose-mentions.txt"),
                ScanOptions.defaults().withListener(values));
        assertThat(r.count(EntityType.NID)).isEqualTo(1);
        assertThat(values.written()).isZero();
        assertThatThrownBy(values::close).isInstanceOf(IOException.class).hasMessage("No space left on device");
    }
}
