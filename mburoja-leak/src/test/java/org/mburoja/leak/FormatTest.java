package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void readsSqlDumpsWithEscapesColumnListsAndCopyBlocks() throws Exception {
        ScanReport r = Fixtures.scan("formats/escapes.sql");
        assertThat(r.count(EntityType.NID)).isEqualTo(5);
        assertThat(r.rejected().get(EntityType.NID)).isNull();
        assertThat(r.distinctNids()).isEqualTo(4);
        assertThat(r.count(EntityType.POLITICAL_PREFERENCE)).as("NULL and \\N are empty").isEqualTo(4);
        assertThat(r.count(EntityType.PERSON_NAME)).as("rows with first name and surname").isEqualTo(4);
        assertThat(r.perFile().get(0).problems()).isEmpty();
    }

    @Test
    void detectsWindows1250AndReadsItsAlbanianHeaders() throws Exception {
        ScanReport r = Fixtures.scan("formats/windows-1250.csv");
        assertThat(r.perFile().get(0).encoding()).isEqualTo("windows-1250");
        assertThat(r.count(EntityType.BIRTH_DATE)).isEqualTo(2);
        assertThat(r.count(EntityType.SALARY)).isEqualTo(2);
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(2);
        assertThat(r.distinctPersons()).isEqualTo(2);
    }

    @Test
    void readsUtf16WithItsByteOrderMarkInEitherOrderAsTheSameTable() throws Exception {
        // what Windows tools write (PowerShell 5's Out-File, Excel's "Unicode text"): the table of the Windows-1250
        // fixture, with CRLF line ends and an emoji (a surrogate pair) in a note
        for (String name : new String[] {"formats/utf-16le.csv", "formats/utf-16be.csv"}) {
            ScanReport r = Fixtures.scan(name);
            assertThat(r.perFile().get(0).encoding()).as(name).isEqualTo("UTF-16");
            assertThat(r.count(EntityType.NID)).as(name).isEqualTo(2);
            assertThat(r.distinctNids()).as(name).isEqualTo(2);
            assertThat(r.count(EntityType.BIRTH_DATE)).as(name).isEqualTo(2);
            assertThat(r.count(EntityType.SALARY)).as(name).isEqualTo(2);
            assertThat(r.count(EntityType.PERSON_NAME)).as(name).isEqualTo(2);
            assertThat(r.distinctPersons()).as(name).isEqualTo(2);
            assertThat(r.perFile().get(0).problems()).as(name).isEmpty();
        }
    }

    @Test
    void classifiesColumnsOfAHeaderlessCsvFromTheirValues() throws Exception {
        ScanReport r = Fixtures.scan("formats/headerless.csv");
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(7);
        assertThat(r.count(EntityType.BIRTH_DATE)).as("registration dates are not birth dates").isEqualTo(7);
        assertThat(r.count(EntityType.NID)).isEqualTo(4);
        assertThat(r.distinctPersons()).isEqualTo(7);
    }
}
