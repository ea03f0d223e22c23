package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Column names as leaked tables and JSON exports write them: any case, with or without diacritics, words apart by
 * spaces, underscores or camel case, in UTF-8 or a single-byte Latin code page; names that are not in the vocabulary
 * stay {@link ColumnRole#OTHER}.
 */
class ColumnRoleTest {

    @ParameterizedTest
    @CsvSource({
        "Numri Personal, NID", "NUMRI_PERSONAL, NID", "numriPersonal, NID", "NumriPersonal, NID", "nrPersonal, NID",
        "nrID, NID", "dataLindjes, BIRTH_DATE", "DatëLindja, BIRTH_DATE", "datëLindja, BIRTH_DATE",
        "emriIPlote, FULL_NAME", "emriIPlotë, FULL_NAME", "emërPlotë, OTHER", "pagaNeto, SALARY",
        "preferencaPolitike, POLITICAL", "nrTelefoni, PHONE", "firstName, FIRST_NAME", "lastName, LAST_NAME",
        "dateOfBirth, BIRTH_DATE", "phoneNumber, PHONE", "emailAddress, EMAIL", "eMail, EMAIL", "NIPT, NIPT",
        "IBAN, IBAN", "DATELINDJA, BIRTH_DATE", "userName, USERNAME", "passwordHash, PASSWORD", "fjalëkalimi, PASSWORD",
        "vendiIPunës, EMPLOYER", "someField, OTHER", "numri, OTHER", "personalNumber, NID", "Personal Number, NID",
        "x, OTHER", "'', OTHER", "ÇelulariIm, OTHER", "NIPTPunedhenesi, NIPT", "XMLData, OTHER",
    })
    void readsTheRoleOfAColumnFromItsName(String name, ColumnRole expected) {
        String n = name == null ? "" : name;
        assertThat(ColumnRole.of(n)).as(n).isEqualTo(expected);
        byte[] utf8 = n.getBytes(StandardCharsets.UTF_8);
        assertThat(ColumnRole.of(utf8, 0, utf8.length, true)).as("%s in UTF-8", n).isEqualTo(expected);
        byte[] latin = n.getBytes(Charset.forName("windows-1252"));
        assertThat(ColumnRole.of(latin, 0, latin.length, false)).as("%s in Windows-1252", n).isEqualTo(expected);
        byte[] padded = ("xx" + n + "yy").getBytes(StandardCharsets.UTF_8);
        assertThat(ColumnRole.of(padded, 2, padded.length - 2, true)).as("%s inside a buffer", n).isEqualTo(expected);
    }
}
