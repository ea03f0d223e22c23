package org.mburoja.sigma.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ByteLineReader} against the char-based {@link BoundedLineReader} over a replacing decoder as the oracle. */
class ByteLineReaderTest {

    /** What a reader made of one line: number, decoded text (null: too long), length, blank. */
    private record Seen(long number, String text, long length, boolean blank) {
    }

    private static final byte[] PIECES_UTF8 = "aZ{\"é€😀\u00a0\u2003\u3000 \t\r\n\r\n\\".getBytes(StandardCharsets.UTF_8);
    private static final int[] BAD = {0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xE0, 0xE2, 0xED, 0xA0, 0xF0, 0xF4, 0xF5, 0x90, 0x8F, 0xFF};

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 0x5EED_0000L + i);
    }

    private static byte[] randomInput(Random r) {
        int n = r.nextInt(4) == 0 ? r.nextInt(40_000) : r.nextInt(300);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(20);
            out[i] = k < 2 ? (byte) BAD[r.nextInt(BAD.length)]
                    : k < 4 ? (byte) '\n'
                    : k < 5 ? (byte) r.nextInt(256)
                    : k < 12 ? PIECES_UTF8[r.nextInt(PIECES_UTF8.length)]
                    : (byte) ('a' + r.nextInt(26));
        }
        return out;
    }

    private static List<Seen> oracle(byte[] input, int maxChars) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        List<Seen> out = new ArrayList<>();
        try (BoundedLineReader r = new BoundedLineReader(new InputStreamReader(new ByteArrayInputStream(input), decoder), maxChars)) {
            BoundedLineReader.Line l;
            while ((l = r.next()) != null) {
                out.add(new Seen(l.number(), l.text(), l.text() == null ? l.length() : -1, l.text() != null && l.text().isBlank()));
            }
        }
        return out;
    }

    private static List<Seen> bytes(InputStream input, int maxChars, int bufferSize) throws IOException {
        List<Seen> out = new ArrayList<>();
        try (ByteLineReader r = new ByteLineReader(input, maxChars, bufferSize)) {
            ByteLineReader.Line l;
            while ((l = r.next()) != null) {
                String text = l.bytes() == null ? null : new String(l.bytes(), StandardCharsets.UTF_8);
                out.add(new Seen(l.number(), text, l.bytes() == null ? l.length() : -1,
                        l.bytes() != null && ByteLineReader.isBlank(l.bytes())));
            }
        }
        return out;
    }

    /** Hands out at most a few bytes per read, so lines and UTF-8 sequences straddle every buffer boundary. */
    private static InputStream trickle(byte[] input, Random r) {
        return new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(7)));
            }
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void splitsDecodesAndLimitsLinesAsTheCharReaderDoes(long seed) throws IOException {
        Random r = new Random(seed);
        byte[] input = randomInput(r);
        int maxChars = r.nextBoolean() ? 1 + r.nextInt(60) : 1 << 20;
        List<Seen> expected = oracle(input, maxChars);
        assertThat(bytes(new ByteArrayInputStream(input), maxChars, 64 * 1024)).isEqualTo(expected);
        assertThat(bytes(trickle(input, r), maxChars, 1 + r.nextInt(16))).isEqualTo(expected);
        // whole reads into small buffers: lines end at every offset of the eight-byte steps and at buffer ends
        assertThat(bytes(new ByteArrayInputStream(input), maxChars, 1 + r.nextInt(100))).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void findsTheFirstNewlineAsAByteLoopDoes(long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[1 + r.nextInt(70)];
        for (int i = 0; i < b.length; i++) {
            int k = r.nextInt(10);
            // newlines, bytes one bit away from one (0x0B, 0x08, 0x8A...) and anything
            b[i] = (byte) (k == 0 ? '\n' : k == 1 ? '\n' ^ (1 << r.nextInt(8)) : k == 2 ? 0 : r.nextInt(256));
        }
        for (int from = 0; from <= b.length; from++) {
            for (int to = from; to <= b.length; to++) {
                int expected = -1;
                for (int i = from; i < to; i++) {
                    if (b[i] == '\n') {
                        expected = i;
                        break;
                    }
                }
                assertThat(ByteLineReader.indexOfNewline(b, from, to)).as("from %d to %d", from, to).isEqualTo(expected);
            }
        }
    }

    @Test
    void reportsTheCharacterLengthOfALineOfMultiByteCharactersOverTheLimit() throws IOException {
        // 3 bytes per char: 30 chars is within a 40-char limit although it is 90 bytes; 50 chars is not
        byte[] input = ("€".repeat(30) + "\n" + "€".repeat(50) + "\r\n" + "x").getBytes(StandardCharsets.UTF_8);
        List<Seen> seen = bytes(new ByteArrayInputStream(input), 40, 7);
        assertThat(seen).containsExactly(new Seen(1, "€".repeat(30), -1, false), new Seen(2, null, 51, false),
                new Seen(3, "x", -1, false));
        assertThat(seen).isEqualTo(oracle(input, 40));
    }

    @Test
    void skipsAHugeLineWithoutKeepingIt() throws IOException {
        long huge = 300L << 20; // 300 MB of one line, generated, never held
        InputStream in = new InputStream() {
            long left = huge;
            boolean tail = true;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    if (tail) {
                        tail = false;
                        b[off] = '\n';
                        b[off + 1] = '{';
                        b[off + 2] = '}';
                        return 3;
                    }
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        List<Seen> seen = bytes(in, 1 << 20, 64 * 1024);
        assertThat(seen).containsExactly(new Seen(1, null, huge, false), new Seen(2, "{}", -1, false));
    }

    @Test
    void emptyInputHasNoLinesAndAFinalNewlineEndsTheLastLine() throws IOException {
        assertThat(bytes(new ByteArrayInputStream(new byte[0]), 10, 16)).isEmpty();
        assertThat(bytes(new ByteArrayInputStream("\n\na\n".getBytes(StandardCharsets.UTF_8)), 10, 16))
                .containsExactly(new Seen(1, "", -1, true), new Seen(2, "", -1, true), new Seen(3, "a", -1, false));
    }

    @Test
    void aLineOfUnicodeSpacesIsBlankButNoBreakSpaceIsNot() {
        assertThat(ByteLineReader.isBlank(" \t\u2003\u3000 ".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ByteLineReader.isBlank(" \u00a0".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(ByteLineReader.isBlank(new byte[] {' ', (byte) 0xFF})).isFalse();
    }
}
