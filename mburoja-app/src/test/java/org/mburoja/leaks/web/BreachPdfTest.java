package org.mburoja.leaks.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PDF's fonts have the Windows-1252 letters: other letters lose their accents, and nothing vanishes. */
class BreachPdfTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Agjencia Kombëtare e Shoqërisë së Informacionit | Agjencia Kombëtare e Shoqërisë së Informacionit
            Çështja e Ministrisë – “rrjedhja” 2026           | Çështja e Ministrisë – “rrjedhja” 2026
            Agencija za zaštitu ličnih podataka             | Agencija za zaštitu licnih podataka
            Đorđe Ćirić, Kraljevo                           | Dorde Ciric, Kraljevo
            Agenția Națională, Chișinău                     | Agentia Nationala, Chisinau
            Агенција                                        | ????????
            emoji 🛡 shield                                  | emoji ? shield
            """)
    void keepsTheLettersTheFontHasAndTheBareLetterOfOthers(String in, String out) {
        assertThat(BreachPdf.winAnsi(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''
            a\u0000b
            """)
    void leavesControlCharactersAndEmptyTextAsTheyAre(String in) {
        assertThat(BreachPdf.winAnsi(in)).hasSameSizeAs(in);
        assertThat(BreachPdf.winAnsi(null)).isEmpty();
    }
}
