package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allocation-free shortcut for URLs already in normal form must never change what normalisation returns. */
class ObservableKeysUrlTest {

    private static final String[] PIECES = {"http", "https", "HTTP", "ftp", "://", ":/", "//", "/", ".", "-", "a",
        "Z", "0", "9", "bad", "example", "com", "xn--p1ai", ":80", ":443", ":8080", "@", "user:pw@", "?", "#", "%7e",
        "%7E", "%2F", "%", " ", "~", "_", "!", "'", "(", ")", "*", "+", ",", ";", "=", "$", "&", "[", "]", "é",
        "\t", "..", "1.2.3.4", "-x", "x-"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void shortcutAgreesWithFullNormalisationOnRandomUrls(long seed) {
        Random r = new Random(seed);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder(r.nextBoolean() ? "http://" : "");
            int parts = 1 + r.nextInt(10);
            for (int p = 0; p < parts; p++) {
                b.append(PIECES[r.nextInt(PIECES.length)]);
            }
            String u = b.toString();
            if (ObservableKeys.alreadyNormal(u)) {
                accepted++;
                assertThat(ObservableKeys.normaliseUrlFully(u)).as(u).isEqualTo(u);
            }
        }
        assertThat(accepted).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://bad.example/a~b?x=1", "https://a-b.example.com/p/1/index.php?q=2&r=(3)",
        "ftp://files.example/x;type=i"})
    void takesTheShortcutForNormalUrls(String url) {
        assertThat(ObservableKeys.alreadyNormal(url)).isTrue();
        assertThat(ObservableKeys.normaliseUrl(url)).isEqualTo(ObservableKeys.normaliseUrlFully(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP://bad.example/", "http://Bad.example/", "http://bad.example:80/", "http://bad.example",
        "http://bad.example./", "http://bad.example/a%7eb", "http://bad.example/#x", " http://bad.example/",
        "http://1.2.3.4/", "http://-bad.example/", "http://user@bad.example/", "http://bad.example/é",
        "http://bad_host.example/", "http://bad.example?x"})
    void leavesEverythingElseToTheFullNormalisation(String url) {
        assertThat(ObservableKeys.alreadyNormal(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0664\u0661", "\uFF14\uFF11", "\u096A\u0967", "4\u0661", "\u06F41"})
    void percentEscapesTakeAsciiHexDigitsOnly(String foreign) {
        // "%41" is "A"; the same escape written with other scripts' digits is not an escape at all
        assertThat(ObservableKeys.normaliseUrl("http://bad.example/%41")).isEqualTo("http://bad.example/A");
        String url = "http://bad.example/%" + foreign;
        assertThat(ObservableKeys.normaliseUrl(url)).isNotEqualTo("http://bad.example/A")
                .isEqualTo(ObservableKeys.normaliseUrlFully(url));
    }
}
