package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table-driven folds ({@link TextFold#hash}, {@link FileTally#alnumHash}) against their former range-test
 * versions, kept here as the oracle: random byte strings of every kind (ASCII letters, digits, punctuation, bytes
 * above 0x7F, well-formed and broken UTF-8 sequences, Windows-1250 letters), empty and long ones, at random offsets
 * inside a larger array, read as UTF-8 and as a single-byte code page.
 */
class FoldHashPropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void foldsLikeTheRangeTests(long seed) {
        Random rnd = new Random(seed);
        byte[] alphabet = "AZaz09 -_.,@+\u00e7\u00eb".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int round = 0; round < 3000; round++) {
            int n = switch (rnd.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> 200 + rnd.nextInt(2000);
                default -> rnd.nextInt(24);
            };
            byte[] b = new byte[n + 10];
            for (int i = 0; i < b.length; i++) {
                b[i] = switch (rnd.nextInt(4)) {
                    case 0 -> (byte) rnd.nextInt(256);
                    case 1 -> (byte) ('a' + rnd.nextInt(26));
                    case 2 -> (byte) (0x80 + rnd.nextInt(0x80));
                    default -> alphabet[rnd.nextInt(alphabet.length)];
                };
            }
            int s = rnd.nextInt(6);
            int e = s + n;
            for (boolean utf8 : new boolean[] {true, false}) {
                assertThat(TextFold.hash(b, s, e, utf8)).isEqualTo(oldHash(b, s, e, utf8));
            }
            assertThat(FileTally.alnumHash(b, s, e)).isEqualTo(oldAlnumHash(b, s, e));
        }
    }

    private static final byte[] LATIN = new byte[64];

    static {
        String upper = "aaaaaaaceeeeiiiidnooooo ouuuuyts";
        for (int i = 0; i < 32; i++) {
            char c = upper.charAt(i);
            LATIN[i] = c == ' ' ? 0 : (byte) c;
            LATIN[i + 32] = c == ' ' ? 0 : (byte) c;
        }
        LATIN[63] = 'y';
    }

    static long oldHash(byte[] b, int s, int e, boolean utf8) {
        long h = 0xcbf29ce484222325L;
        boolean pendingSep = false;
        boolean any = false;
        for (int i = s; i < e; i++) {
            int c = b[i] & 0xff;
            int f;
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    f = c + 32;
                } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    f = c;
                } else {
                    f = 0;
                }
            } else if (utf8) {
                if (c == 0xC3 && i + 1 < e) {
                    int n = b[++i] & 0xff;
                    f = n >= 0x80 && n <= 0xBF ? LATIN[n - 0x80] : 0;
                } else if (c >= 0xC0) {
                    f = '?';
                    while (i + 1 < e && (b[i + 1] & 0xC0) == 0x80) {
                        i++;
                    }
                } else {
                    f = 0;
                }
            } else {
                f = c >= 0xC0 ? LATIN[c - 0xC0] : 0;
            }
            if (f == 0) {
                pendingSep = any;
                continue;
            }
            if (pendingSep) {
                h = (h ^ ' ') * 0x100000001b3L;
                pendingSep = false;
            }
            h = (h ^ f) * 0x100000001b3L;
            any = true;
        }
        return any ? h : 0;
    }

    static long oldAlnumHash(byte[] b, int s, int e) {
        long h = 1125899906842597L;
        for (int k = s; k < e; k++) {
            int c = b[k];
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                h = 31 * h + (c | 0x20);
            }
        }
        return h == 0 ? 1 : h;
    }
}
