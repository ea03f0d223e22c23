package org.mburoja.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CopyTextTest {

    /** The characters COPY text treats specially, multi-byte UTF-8 (2, 3 and 4 bytes), and plain ASCII. */
    private static final String[] PIECES = {"\\", "\t", "\n", "\r", "\\N", "\\.", "a", "Z", "0", " ", "ë", "ç",
        "Ω", "中", "\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF", "'", "\"", ",", "|", "\u007F", "\u0001"};

    /** The format as PostgreSQL documents it, spelled out with String.replace: the oracle. */
    private static String oracle(List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            List<String> fields = new ArrayList<>();
            for (String f : row) {
                fields.add(f == null ? "\\N" : f.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                        .replace("\r", "\\r"));
            }
            sb.append(String.join("\t", fields)).append('\n');
        }
        return sb.toString();
    }

    /** Reads COPY text back the way the server does, for the round trip. */
    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char e = text.charAt(++i);
                switch (e) {
                    case 'N' -> isNull = true;
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    case '\\' -> field.append('\\');
                    default -> throw new AssertionError("unexpected escape \\" + e + " at " + i);
                }
            } else if (c == '\t' || c == '\n') {
                row.add(isNull ? null : field.toString());
                field.setLength(0);
                isNull = false;
                if (c == '\n') {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            } else {
                field.append(c);
            }
        }
        assertThat(row).as("unterminated row").isEmpty();
        return rows;
    }

    private static String randomText(SplittableRandom r, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void encodesRandomRowsAsTheDocumentedFormat(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<String>> rows = new ArrayList<>();
        CopyText text = new CopyText();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        int flushAt = 1 + r.nextInt(300);
        for (int i = r.nextInt(12); i >= 0; i--) {
            List<String> row = new ArrayList<>();
            for (int f = 1 + r.nextInt(5); f > 0; f--) {
                int kind = r.nextInt(10);
                String value = kind == 0 ? null : kind == 1 ? "" : randomText(r, r.nextInt(kind == 2 ? 2000 : 40));
                row.add(value);
                text.field(value);
            }
            text.endRow();
            rows.add(row);
            if (text.length() >= flushAt) {
                sent.writeBytes(text.drain());
            }
        }
        sent.writeBytes(text.drain());
        String decoded = sent.toString(StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(oracle(rows));
        assertThat(sent.toByteArray()).isEqualTo(oracle(rows).getBytes(StandardCharsets.UTF_8));
        assertThat(parse(decoded)).isEqualTo(rows);
    }

    @Test
    void writesNumbersBooleansAndNullsAsTheServerReadsThem() {
        CopyText text = new CopyText();
        text.field(Long.MIN_VALUE).field(0L).field(true).field(false).field((String) null).field("");
        text.endRow();
        assertThat(new String(text.drain(), StandardCharsets.UTF_8))
                .isEqualTo("-9223372036854775808\t0\tt\tf\t\\N\t\n");
        assertThat(text.length()).isZero();
    }

    @Test
    void keepsSupplementaryCharactersAsFourUtf8BytesAndAnUnpairedSurrogateAsTheDriverDoes() {
        CopyText text = new CopyText();
        text.field("\uD83D\uDE00").field("x\uD800y");
        text.endRow();
        assertThat(text.drain()).isEqualTo(("\uD83D\uDE00\tx\uD800y\n").getBytes(StandardCharsets.UTF_8))
                .startsWith(0xF0 - 256, 0x9F - 256, 0x98 - 256, 0x80 - 256);
    }

    @Test
    void writesAVeryLongValueInOnePiece() {
        String huge = "\\\t".repeat(PostgresCopy.FLUSH_CHARS) + "\uD83D\uDE00";
        CopyText text = new CopyText();
        text.field(huge).endRow();
        String out = new String(text.drain(), StandardCharsets.UTF_8);
        assertThat(out).hasSize(4 * PostgresCopy.FLUSH_CHARS + 3).isEqualTo(oracle(List.of(List.of(huge))));
    }

    @Test
    void refusesNulWithItsPlace() {
        assertThatThrownBy(() -> new CopyText().field("ab\0c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0000").hasMessageContaining("character 2");
    }

    @Test
    void refusesToDrainHalfARow() {
        CopyText text = new CopyText();
        text.field("a");
        assertThatThrownBy(text::drain).isInstanceOf(IllegalStateException.class);
        text.endRow();
        assertThat(text.drain()).isEqualTo("a\n".getBytes(StandardCharsets.UTF_8));
    }
}
