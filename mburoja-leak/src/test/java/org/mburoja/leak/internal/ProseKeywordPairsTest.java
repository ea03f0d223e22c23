package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two-letter check before a word is hashed never turns a keyword away: every keyword in every case and with ë
 * for e passes it, and over random words it answers false only for words whose hash is no keyword.
 */
class ProseKeywordPairsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void neverTurnsAKeywordAwayAndOnlyTurnsAwayWordsThatAreNone(long seed) {
        for (ProseKeyword k : ProseKeyword.values()) {
            for (String w : k.words()) {
                for (String form : new String[] {w, w.toUpperCase(java.util.Locale.ROOT),
                        Character.toUpperCase(w.charAt(0)) + w.substring(1), w.replace('e', 'ë')}) {
                    byte[] b = form.getBytes(StandardCharsets.UTF_8);
                    assertThat(ProseKeyword.mayBe(b, 0)).as(form).isTrue();
                    assertThat(ProseKeyword.of(TextFold.hash(b, 0, b.length, true))).as(form).isEqualTo(k);
                }
            }
        }
        Random r = new Random(seed);
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ëç";
        int turnedAway = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder w = new StringBuilder();
            int len = 2 + r.nextInt(10);
            for (int c = 0; c < len; c++) {
                w.append(letters.charAt(r.nextInt(letters.length())));
            }
            if (r.nextInt(4) == 0) { // a keyword's start with a random tail: many near misses
                var words = ProseKeyword.SALARY.words();
                w.replace(0, 2, words.get(r.nextInt(words.size())).substring(0, 2));
            }
            byte[] b = w.toString().getBytes(StandardCharsets.UTF_8);
            if (!ProseKeyword.mayBe(b, 0)) {
                turnedAway++;
                assertThat(ProseKeyword.of(TextFold.hash(b, 0, b.length, true))).as(w.toString())
                        .isEqualTo(ProseKeyword.NONE);
            }
        }
        assertThat(turnedAway).as("most random words are turned away").isGreaterThan(10_000);
    }
}
