package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who is counted as a person, and how records are cut, on the fixtures under {@code persons/}. */
class PersonCountTest {

    private final List<String> found = new ArrayList<>();

    private ScanReport scan(String name) throws Exception {
        return Fixtures.scan(Fixtures.path(name), ScanOptions.defaults()
                .withListener((f, t, v, valid) -> {
                    if (valid) {
                        found.add(t.key() + "=" + v);
                    }
                }));
    }

    /**
     * spouse-column.csv: a spouse's number beside each person's, one spouse a person of another row, one row without;
     * two-per-line.txt: two owners on one line, one number written twice on another, three witnesses on the third.
     */
    @ParameterizedTest
    @CsvSource({"persons/spouse-column.csv, 7, 5", "persons/two-per-line.txt, 7, 6"})
    void countsEveryDistinctPersonalNumberOfARecordNotOnlyItsFirst(String fixture, long nids, long distinct)
            throws Exception {
        ScanReport r = scan(fixture);
        assertThat(r.count(EntityType.NID)).isEqualTo(nids);
        assertThat(r.distinctNids()).isEqualTo(distinct);
        assertThat(r.distinctPersons()).isEqualTo(distinct);
    }

    @Test
    void readsABlockOfLabelledLinesAsOneRecord() throws Exception {
        ScanReport r = scan("persons/label-blocks.txt");
        // Arben Hoxha and Drita Leka by their numbers; Besnik Kola (name and birth date), Elira Gashi (full name and
        // phone) and Mirela Dervishi (a line of prose) without; the second Arben Hoxha block has the first one's
        // name and phone, so it is the same person
        assertThat(r.distinctNids()).isEqualTo(2);
        assertThat(r.distinctPersons()).isEqualTo(5);
        assertThat(r.count(EntityType.PERSON_NAME)).as("first name and surname on two lines are one name")
                .isEqualTo(6);
        assertThat(r.count(EntityType.BIRTH_DATE)).isEqualTo(2);
        assertThat(r.count(EntityType.PHONE)).isEqualTo(5);
        assertThat(r.count(EntityType.ADDRESS)).isEqualTo(1);
        assertThat(found).as("a line of unknown label inside a block is still prose")
                .contains("iban=AL40 2021 1006 0000 0001 2345 6789");
        // the heading, the blank line after it, five blocks, the two lines at the end
        assertThat(r.perFile().get(0).records()).isEqualTo(9);
    }

    @Test
    void readsSeveralLabelsOnOneLineAsOneRecordThatLabelledLinesMayContinue() throws Exception {
        ScanReport r = scan("persons/inline-labels.txt");
        // Arben Hoxha (number, phone) and Besnik Kola (number and phone on the next lines) by their numbers; Drita
        // Leka (birth date) and Mirela Dervishi (a line of prose) without; the second Arben Hoxha has the first one's
        // phone, so he is the same person
        assertThat(r.distinctNids()).isEqualTo(2);
        assertThat(r.distinctPersons()).isEqualTo(4);
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(5);
        assertThat(found).as("a comma inside a value is not a separator")
                .contains("address=Rruga e Durrësit, Tiranë", "phone=068 765 4321");
        assertThat(r.count(EntityType.PHONE)).isEqualTo(5);
        assertThat(r.perFile().get(0).records()).isEqualTo(5);
    }

    @Test
    void readsTheWordsAroundALabelledValueWithTheProseRecognisers() throws Exception {
        ScanReport r = scan("persons/label-values-with-words.txt");
        assertThat(found).as("a name after the phone, a salary in the employer's line")
                .contains("person_name=Mirela Dervishi", "phone=068 765 4321", "salary=85.000");
        assertThat(found).as("a street named after a person is no person").doesNotContain("person_name=Myslym Shyri");
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(3);
        assertThat(r.distinctNids()).isEqualTo(2);
        assertThat(r.perFile().get(0).records()).as("two blocks").isEqualTo(2);
    }

    @Test
    void keepsALabelledLineAloneAsProse() throws Exception {
        ScanReport r = scan("persons/label-blocks.txt");
        assertThat(found).contains("phone=069 999 8877", "person_name=Mirela Dervishi");
        assertThat(r.rejected().get(EntityType.NID)).as("the look-alike after it").isEqualTo(1);
    }
}
