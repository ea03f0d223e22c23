package org.mburoja.operators.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Utf8Check} accepts what the JDK's UTF-8 decoder accepts, and names the line of the first bad byte. */
class Utf8CheckTest {

    private static void readWhole(byte[] bytes, boolean byteByByte) throws IOException {
        try (InputStream in = new Utf8Check(new ByteArrayInputStream(bytes))) {
            if (byteByByte) {
                while (in.read() >= 0) {
                    // reading is the check
                }
            } else {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean checkAccepts(byte[] bytes, boolean byteByByte) throws IOException {
        try {
            readWhole(bytes, byteByByte);
            return true;
        } catch (Utf8Check.NotUtf8 e) {
            return false;
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    /** Text of valid characters of every length, with now and then a byte that may break it. */
    private static byte[] sample(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> out.write(random.nextInt(0x80));
                case 1 -> out.write(0x80 + random.nextInt(0x80));
                default -> {
                    int cp;
                    do {
                        cp = switch (random.nextInt(4)) {
                            case 0 -> 0x80 + random.nextInt(0x780);
                            case 1 -> 0x800 + random.nextInt(0xF800);
                            case 2 -> 0x10000 + random.nextInt(0x100000);
                            default -> 0xD800 + random.nextInt(0x800); // a surrogate, which UTF-8 must not encode
                        };
                    } while (cp >= 0xD800 && cp < 0xE000 && random.nextInt(3) > 0);
                    out.writeBytes(encode(cp));
                }
            }
        }
        return out.toByteArray();
    }

    /** The UTF-8 form of a code point, surrogates included (as the CESU-like bytes a broken encoder writes). */
    private static byte[] encode(int cp) {
        if (cp < 0x800) {
            return new byte[] {(byte) (0xC0 | cp >> 6), (byte) (0x80 | cp & 0x3F)};
        }
        if (cp < 0x10000) {
            return new byte[] {(byte) (0xE0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)};
        }
        return new byte[] {(byte) (0xF0 | cp >> 18), (byte) (0x80 | cp >> 12 & 0x3F), (byte) (0x80 | cp >> 6 & 0x3F),
                (byte) (0x80 | cp & 0x3F)};
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void acceptsExactlyWhatTheJdkDecoderAccepts(long seed) throws IOException {
        byte[] bytes = sample(new Random(seed));
        boolean expected = jdkAccepts(bytes);
        assertThat(checkAccepts(bytes, false)).as("seed %d, in blocks", seed).isEqualTo(expected);
        assertThat(checkAccepts(bytes, true)).as("seed %d, byte by byte", seed).isEqualTo(expected);
    }

    @Test
    void acceptsEveryCodePointAndRefusesOverlongFormsSurrogatesAndBytesThatNeverOccur() throws IOException {
        StringBuilder every = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                every.appendCodePoint(cp);
            }
        }
        readWhole(every.toString().getBytes(UTF_8), false);
        for (int[] bad : new int[][] {{0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x9F, 0xBF}, {0xF0, 0x8F, 0xBF, 0xBF},
                {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xF5}, {0xFF}, {0x80}}) {
            byte[] b = new byte[bad.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) bad[i];
            }
            assertThat(checkAccepts(b, false)).as("%s", java.util.Arrays.toString(bad)).isFalse();
            assertThat(jdkAccepts(b)).isFalse();
        }
    }

    @Test
    void namesTheLineOfAFileSavedAsLatin1() {
        byte[] latin1 = "name,nipt\r\nTirana,K12345678H\nDurr\u00ebs,L12345678A\n".getBytes(ISO_8859_1);
        assertThatThrownBy(() -> readWhole(latin1, false)).isInstanceOf(Utf8Check.NotUtf8.class)
                .hasMessageStartingWith("line 3: not UTF-8 text (byte 0xEB followed by 0x73;")
                .hasMessageContaining("Windows-1252");
    }

    @Test
    void countsLinesAsTheCsvReaderDoes() {
        // CR, LF and CRLF each end a line, also inside a quoted cell
        byte[] bytes = "a\rb\r\nc\n\"d\ne\"\r\u00ff".getBytes(ISO_8859_1);
        assertThatThrownBy(() -> readWhole(bytes, true)).hasMessageStartingWith("line 6: not UTF-8 text (byte 0xFF;");
    }

    @Test
    void refusesAFileThatEndsInsideACharacter() {
        byte[] cut = {'a', '\n', (byte) 0xE2, (byte) 0x82};
        assertThatThrownBy(() -> readWhole(cut, false))
                .hasMessageStartingWith("line 2: not UTF-8 text (the file ends inside a character begun by byte 0xE2");
    }
}
