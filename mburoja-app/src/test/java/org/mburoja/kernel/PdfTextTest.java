package org.mburoja.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.mburoja.kernel.PdfText.Style;
import org.mburoja.kernel.PdfText.Weight;
import org.mburoja.testing.PdfTexts;
import org.openpdf.text.Document;
import org.openpdf.text.PageSize;
import org.openpdf.text.pdf.PdfWriter;

/** The reports' text prints as typed in the scripts of the region, and what no font has stays visible. */
class PdfTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Agjencia Kombëtare e Shoqërisë së Informacionit
            Çështja e Ministrisë – “rrjedhja” 2026 €
            Agencija za zaštitu ličnih podataka
            Đorđe Ćirić, Kraljevo
            Agenția Națională, Chișinău
            Агенција за заштита на личните податоци
            Εθνική Αρχή Κυβερνοασφάλειας
            \u0430pple.com
            """)
    void keepsTheLettersOfTheRegionAsTheyAre(String in) {
        for (Weight w : Weight.values()) {
            assertThat(PdfText.printable(in, w)).isEqualTo(in);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            𝐀𝐁𝐂 bold maths          | ABC bold maths
            ＡＢ full width            | AB full width
            emoji 🛡 shield             | emoji ? shield
            中文                        | ??
            """)
    void writesWhatNoFontHasInItsPlainFormOrAsAQuestionMark(String in, String out) {
        assertThat(PdfText.printable(in, Weight.REGULAR)).isEqualTo(out);
    }

    @Test
    void makesControlCharactersVisibleAndKeepsLineBreaks() {
        assertThat(PdfText.printable("a\u0000b\u001bc\u007f", Weight.REGULAR)).isEqualTo("a?b?c?");
        assertThat(PdfText.printable("a\tb\nc\r\nd", Weight.BOLD)).isEqualTo("a b\nc\r\nd");
        assertThat(PdfText.printable(null, Weight.REGULAR)).isEmpty();
        assertThat(PdfText.printable("", Weight.REGULAR)).isEmpty();
        assertThat(PdfText.printable("\ud800 lone surrogate", Weight.REGULAR)).isEqualTo("? lone surrogate");
    }

    @ParameterizedTest
    @EnumSource(Weight.class)
    void printsGeorgianAndArmenianWithTheSystemsDejaVu(Weight w) {
        assumeTrue(PdfText.hasSystemFallback(), "no DejaVu Sans on this system");
        assertThat(PdfText.printable("საქართველოს ციფრული მმართველობის სააგენტო", w))
                .isEqualTo("საქართველოს ციფრული მმართველობის სააგენტო");
        assertThat(PdfText.printable("Հայաստան ①", w)).isEqualTo("Հայաստան ①");
    }

    @Test
    void aPdfCarriesTheTextInEmbeddedFontsAndReadsBackAsWritten() throws Exception {
        List<String> lines = List.of("Observable: \u0430pple.com (Cyrillic а)", "Агенција за заштита", "Đorđe Ćirić",
                "Çështja e Ministrisë", "🛡 shield", "საქართველო");
        byte[] pdf = render(lines);
        String text = extract(pdf);
        assertThat(text).contains("\u0430pple.com", "Агенција за заштита", "Đorđe Ćirić", "Çështja e Ministrisë",
                "? shield", PdfText.hasSystemFallback() ? "საქართველო" : "??????????");
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("/FontFile2", "LiberationSans").doesNotContain("/Helvetica");
        assertThat(pdf.length).as("only the glyphs used are embedded").isLessThan(120_000);
    }

    @Test
    void aLongNoteSpreadsOverPagesAndLosesNothing() throws Exception {
        String word = "Шифровање ";
        String note = word.repeat(5_000); // 50,000 characters, a dozen pages
        String text = extract(render(List.of(note)));
        assertThat(text.split("Шифровање", -1).length - 1).isEqualTo(5_000);
        assertThat(text.replaceAll("Шифровање|Report|\\s+", "")).isEmpty();
    }

    @Test
    void documentsRenderedAtOnceOnSeveralThreadsAreEachComplete() {
        List<String> texts = IntStream.range(0, 8).parallel().mapToObj(i -> {
            try {
                return extract(render(List.of("Raporti " + i + " Агенција " + i)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        for (int i = 0; i < 8; i++) {
            assertThat(texts.get(i)).contains("Raporti " + i + " Агенција " + i);
        }
    }

    private static byte[] render(List<String> paragraphs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter.getInstance(doc, out);
        doc.open();
        doc.add(PdfText.paragraph("Report", Style.TITLE));
        for (String p : paragraphs) {
            doc.add(PdfText.paragraph(p, Style.BODY));
        }
        doc.close();
        return out.toByteArray();
    }

    private static String extract(byte[] pdf) throws Exception {
        return PdfTexts.of(pdf);
    }
}
