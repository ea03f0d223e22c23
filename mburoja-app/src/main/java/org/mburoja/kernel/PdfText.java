package org.mburoja.kernel;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.FontSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text for the platform's PDFs (case reports, breach records) in fonts embedded in the PDF, so that what an analyst
 * typed or a partner sent prints as it is: Liberation Sans (shipped with the executable: Latin with every European
 * accent, Greek, Cyrillic), then DejaVu Sans where the operating system has it (Georgian, Armenian, more symbols).
 * A character none of them has is written in its compatibility form when that one exists ({@code 𝐀} as {@code A},
 * full-width {@code Ａ} as {@code A}), else without its accent, else as {@code ?}; control characters other than
 * line breaks are {@code ?} too (a tab is a space). Nothing vanishes without a trace: a PDF font silently drops what
 * it lacks, which made the Cyrillic look-alike domain {@code аpple.com} read {@code pple.com} in Helvetica.
 * <p>
 * Only the glyphs a document uses are embedded (a few tens of kilobytes per font and document). Thread-safe: the
 * fonts are loaded once and shared, as their per-document state lives in each PDF writer.
 */
public final class PdfText {

    private static final Logger log = LoggerFactory.getLogger(PdfText.class);

    /** Where Linux distributions keep DejaVu Sans (Debian and Ubuntu, Fedora and RHEL, Arch). */
    private static final List<Path> SYSTEM_FONT_DIRS = List.of(Path.of("/usr/share/fonts/truetype/dejavu"),
            Path.of("/usr/share/fonts/dejavu"), Path.of("/usr/share/fonts/TTF"));

    /** The weight of a run of text. */
    public enum Weight {
        REGULAR("liberation/LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
        BOLD("liberation/LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf");

        private final String shipped;
        private final String system;

        Weight(String shipped, String system) {
            this.shipped = shipped;
            this.system = system;
        }

        /** The fonts of this weight, first choice first; loaded once. */
        List<BaseFont> fonts() {
            return this == REGULAR ? Fonts.REGULAR : Fonts.BOLD;
        }
    }

    /** The styles of the platform's reports: a title, headings, body text and its bold labels. */
    public enum Style {
        TITLE(16, Weight.BOLD), HEADING(12, Weight.BOLD), BODY(9, Weight.REGULAR), BOLD(9, Weight.BOLD);

        private final float size;
        private final Weight weight;

        Style(float size, Weight weight) {
            this.size = size;
            this.weight = weight;
        }
    }

    private PdfText() {
    }

    /** A phrase of {@code text} (null is empty) in {@code style}, each character in the first font that has it. */
    public static Phrase phrase(String text, Style style) {
        return phrase(text, style.size, style.weight, null);
    }

    /** A paragraph of {@code text}, as {@link #phrase(String, Style)}. */
    public static Paragraph paragraph(String text, Style style) {
        return new Paragraph(phrase(text, style));
    }

    /** A phrase of {@code text} at {@code size} points in {@code colour} (null: black), as the styled ones. */
    public static Phrase phrase(String text, float size, Weight weight, Color colour) {
        FontSelector selector = new FontSelector();
        for (BaseFont f : weight.fonts()) {
            selector.addFont(new Font(f, size, Font.NORMAL, colour));
        }
        Phrase p = selector.process(printable(text, weight));
        p.setLeading(size * 1.5f); // (what a paragraph of one font gets)
        return p;
    }

    /**
     * {@code text} (null is empty) in the characters the fonts of {@code weight} have: the others replaced as the class
     * says, so that the result has the fonts' glyphs only, line breaks aside.
     */
    public static String printable(String text, Weight weight) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        List<BaseFont> fonts = weight.fonts();
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r') {
                out.append((char) c);
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c)) {
                out.append('?');
            } else if (has(fonts, c)) {
                out.appendCodePoint(c);
            } else {
                out.append(substitute(fonts, c));
            }
        });
        return out.toString();
    }

    /** The compatibility form of {@code c}, or {@code c} without its accents, if the fonts have it; else "?". */
    private static String substitute(List<BaseFont> fonts, int c) {
        String bare = Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        if (bare.isEmpty() || bare.codePoints().anyMatch(b -> Character.isISOControl(b) || !has(fonts, b))) {
            return "?";
        }
        return bare;
    }

    private static boolean has(List<BaseFont> fonts, int c) {
        for (BaseFont f : fonts) {
            if (f.charExists(c)) {
                return true;
            }
        }
        return false;
    }

    /** True when a system font joins the shipped one (for tests and the health of a deployment's reports). */
    public static boolean hasSystemFallback() {
        return Fonts.REGULAR.size() > 1;
    }

    /** Loaded on first use: the shipped font must load (it is in the executable); a system font may be missing. */
    private static final class Fonts {
        static final List<BaseFont> REGULAR = load(Weight.REGULAR);
        static final List<BaseFont> BOLD = load(Weight.BOLD);

        private static List<BaseFont> load(Weight w) {
            List<BaseFont> fonts = new ArrayList<>(2);
            try {
                fonts.add(BaseFont.createFont(w.shipped, BaseFont.IDENTITY_H, BaseFont.EMBEDDED));
            } catch (IOException e) {
                throw new IllegalStateException("the PDF font " + w.shipped + " is missing from the executable", e);
            }
            for (Path dir : SYSTEM_FONT_DIRS) {
                Path file = dir.resolve(w.system);
                if (Files.isReadable(file)) {
                    try {
                        fonts.add(BaseFont.createFont(file.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED));
                        break;
                    } catch (IOException | RuntimeException e) {
                        log.warn("PDF reports: the system font {} could not be read ({}); Georgian and Armenian "
                                + "letters will print as '?'", file, e.toString());
                    }
                }
            }
            return List.copyOf(fonts);
        }
    }
}
