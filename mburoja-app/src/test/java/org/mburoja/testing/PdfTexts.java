package org.mburoja.testing;

import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** The text of a PDF as a reader extracts it, page after page, for tests of the reports. */
public final class PdfTexts {

    private PdfTexts() {
    }

    public static String of(byte[] pdf) throws Exception {
        StringBuilder text = new StringBuilder();
        try (PdfReader reader = new PdfReader(pdf)) {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                text.append(extractor.getTextFromPage(p)).append('\n');
            }
        }
        return text.toString();
    }
}
