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
    void classifiesColumnsOfAHeaderlessCsvFromTheirValues() throws Exception {
        ScanReport r = Fixtures.scan("formats/headerless.csv");
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(7);
        assertThat(r.count(EntityType.BIRTH_DATE)).as("registration dates are not birth dates").isEqualTo(7);
        assertThat(r.count(EntityType.NID)).isEqualTo(4);
        assertThat(r.distinctPersons()).isEqualTo(7);
    }
}
