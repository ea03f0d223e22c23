package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyword table (open addressing over folded hashes) against a linear search over the keyword lists: every
 * keyword in upper, lower and mixed case, in UTF-8 and Windows-1250, with diacritics, near misses (one letter more,
 * one less, one changed), random words and random hashes, and the empty word (hash 0).
 */
class ProseKeywordLookupTest {

    static final Charset W1250 = Charset.forName("windows-1250");

    static LongStream seeds() {
        return LongStream.range(0, 20);
    }

    static ProseKeyword oracle(long h) {
        for (ProseKeyword k : ProseKeyword.values()) {
            for (String w : k.words()) {
                if (TextFold.hash(w) == h && h != 0) {
                    return k;
                }
            }
        }
        return ProseKeyword.NONE;
    }

    static long hash(String word, Charset cs) {
        byte[] b = word.getBytes(cs);
        return TextFold.hash(b, 0, b.length, cs == StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void findsWhatALinearSearchFinds(long seed) {
        Random rnd = new Random(seed);
        String letters = "abcdefghijklmnopqrstuvwxyzëç";
        for (ProseKeyword k : ProseKeyword.values()) {
            for (String w : k.words()) {
                for (Charset cs : new Charset[] {StandardCharsets.UTF_8, W1250}) {
                    StringBuilder mixed = new StringBuilder();
                    for (char c : w.toCharArray()) {
                        mixed.append(rnd.nextBoolean() ? Character.toUpperCase(c) : c);
                    }
                    for (String v : new String[] {w, w.toUpperCase(), mixed.toString(), w.replace('e', 'ë'),
                            w + letters.charAt(rnd.nextInt(letters.length())), w.substring(1),
                            w.substring(0, w.length() - 1),
                            w.substring(0, w.length() / 2) + 'x' + w.substring(w.length() / 2 + 1)}) {
                        long h = hash(v, cs);
                        assertThat(ProseKeyword.of(h)).as(v).isEqualTo(oracle(h));
                    }
                }
                assertThat(ProseKeyword.of(TextFold.hash(w))).as(w).isEqualTo(k);
            }
        }
        for (int i = 0; i < 2000; i++) {
            StringBuilder word = new StringBuilder();
            int n = 1 + rnd.nextInt(12);
            for (int c = 0; c < n; c++) {
                word.append(letters.charAt(rnd.nextInt(letters.length())));
            }
            long h = hash(word.toString(), StandardCharsets.UTF_8);
            assertThat(ProseKeyword.of(h)).as(word.toString()).isEqualTo(oracle(h));
            long r = rnd.nextLong();
            assertThat(ProseKeyword.of(r)).isEqualTo(oracle(r));
        }
        assertThat(ProseKeyword.of(0)).isEqualTo(ProseKeyword.NONE);
    }
}
