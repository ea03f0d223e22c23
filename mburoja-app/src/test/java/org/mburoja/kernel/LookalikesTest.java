package org.mburoja.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Homographs and internationalised names in observables: what the reader of a case cannot see for themselves. */
class LookalikesTest {

    @Test
    void aCyrillicLetterInALatinDomainIsAMixedWordWithItsWireForm() {
        Lookalikes.Finding f = Lookalikes.of("\u0430pple-login.al").orElseThrow(); // Cyrillic а
        assertThat(f.mixed()).isTrue();
        assertThat(f.mixedScripts()).containsExactly("Cyrillic", "Latin");
        assertThat(f.scripts()).isEqualTo("Cyrillic + Latin");
        assertThat(f.scriptCodes()).containsExactly("CYRILLIC", "LATIN");
        assertThat(f.word()).isEqualTo("\u0430pple");
        assertThat(f.unicode()).isEqualTo("\u0430pple-login.al");
        assertThat(f.ascii()).isEqualTo("xn--pple-login-yqi.al");
    }

    @Test
    void theWireFormOfADomainIsReadInItsLettersToo() {
        Lookalikes.Finding f = Lookalikes.of("xn--bank-kombetare-ytl.al").orElseThrow();
        assertThat(f.unicode()).isEqualTo("bank\u0430-kombetare.al");
        assertThat(f.ascii()).isEqualTo("xn--bank-kombetare-ytl.al");
        assertThat(f.mixedScripts()).containsExactly("Latin", "Cyrillic");
    }

    @Test
    void aWholeScriptLookalikeShowsItsLettersWithoutAMixedWord() {
        // "аррӏе.com": every letter Cyrillic, so no word mixes scripts; the reader still sees what it spells
        Lookalikes.Finding f = Lookalikes.of("xn--80ak6aa92e.com").orElseThrow();
        assertThat(f.unicode()).isEqualTo("\u0430\u0440\u0440\u04cf\u0435.com");
        assertThat(f.mixed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvr.gov.mk", "phishing@akshi.gov.al", "https://e-albania.al/login?next=/",
            "J00101999W", "198.51.100.7", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "C:\\Windows\\Temp\\roadsweep.exe", "", "   "})
    void plainAsciiValuesHaveNothingToTell(String value) {
        assertThat(Lookalikes.of(value)).isEmpty();
    }

    @Test
    void scriptsMayChangeFromOneLabelToTheNextButNotWithinOne() {
        assertThat(Lookalikes.of("\u043c\u0432\u0440.gov.mk").orElseThrow().mixed()).isFalse(); // мвр.gov.mk
        assertThat(Lookalikes.of("\u043c\u0432\u0440.\u043c\u043a").orElseThrow().mixed()).isFalse(); // мвр.мк
        assertThat(Lookalikes.of("Tiran\u00eb e Durr\u00ebs")).isEmpty(); // Latin with diacritics
        assertThat(Lookalikes.of("tiran\u00eb.al").orElseThrow().ascii()).isEqualTo("xn--tiran-rsa.al");
        assertThat(Lookalikes.of("\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.\u03b4\u03bf\u03ba\u03b9"
                + "\u03bc\u03ae").orElseThrow().mixed()).isFalse(); // Greek throughout
        assertThat(Lookalikes.of("\u03bfffice365.com").orElseThrow().mixedScripts()) // Greek omicron
                .containsExactly("Greek", "Latin");
    }

    @Test
    void japaneseChineseAndKoreanWritingWithLatinIsOneScript() {
        assertThat(Lookalikes.of("\u6771\u4eac\u30bf\u30ef\u30fcTV")).isEmpty(); // 東京タワーTV
        assertThat(Lookalikes.of("\ud55c\uad6d\u8a9eABC")).isEmpty(); // 한국語ABC
        assertThat(Lookalikes.of("\u6771\u4eac\u0430")).hasValueSatisfying(f -> assertThat(f.mixed()).isTrue());
    }

    @Test
    void urlsAndAddressesAreJudgedByTheirHostAndWords() {
        Lookalikes.Finding url = Lookalikes.of("https://user@\u0430pple-login.al:8443/verify?id=1").orElseThrow();
        assertThat(url.ascii()).isEqualTo("xn--pple-login-yqi.al");
        assertThat(url.mixed()).isTrue();
        Lookalikes.Finding mail = Lookalikes.of("security@xn--pple-login-yqi.al").orElseThrow();
        assertThat(mail.unicode()).isEqualTo("\u0430pple-login.al");
        assertThat(mail.mixed()).isTrue();
        // a local part that mixes scripts, on an ASCII domain
        assertThat(Lookalikes.of("\u0430dmin@akshi.gov.al").orElseThrow().word()).isEqualTo("\u0430dmin");
        assertThat(Lookalikes.of("https://[2001:db8::1]/x")).isEmpty();
    }

    @Test
    void accountNamesAndFreeTextAreJudgedWordByWord() {
        assertThat(Lookalikes.of("svc_backup").isEmpty()).isTrue();
        assertThat(Lookalikes.of("Administr\u0430tor").orElseThrow().word()).isEqualTo("Administr\u0430tor");
        assertThat(Lookalikes.of("\u0410\u0433\u0435\u043d\u0446\u0438\u0458\u0430 and Agency")).isEmpty();
    }

    @Test
    void combiningMarksStayInTheirWordAndSurrogatePairsAreOneLetter() {
        assertThat(Lookalikes.of("Tirane\u0308")).isEmpty(); // e + combining diaeresis
        assertThat(Lookalikes.of("\ud835\udc00dmin")).isEmpty(); // mathematical bold A: Common, not a script
        assertThat(Lookalikes.of("\ud800\udf30dmin")).hasValueSatisfying(f -> assertThat(f.mixedScripts())
                .containsExactly("Gothic", "Latin")); // Gothic letter ahsa
    }

    @Test
    void oversizedAndHostileValuesAreJudgedWithoutFailing() {
        assertThat(Lookalikes.of("a".repeat(100_000) + "\u0430")).isEmpty(); // the mix lies past the first 4096
        assertThat(Lookalikes.of("\u0430" + "a".repeat(100_000))).hasValueSatisfying(f -> assertThat(f.mixed())
                .isTrue());
        assertThat(Lookalikes.of("x".repeat(70) + ".al")).isEmpty(); // a label IDN refuses: its words alone
        assertThat(Lookalikes.of("\ud800lone.al")).isEmpty(); // a lone surrogate
        assertThat(Lookalikes.of("a\u0000b.al\r\n\t")).isEmpty();
        Random random = new Random(20261207);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                b.appendCodePoint(random.nextInt(4) == 0 ? '.' : random.nextInt(0x3000));
            }
            Lookalikes.of(b.toString()).ifPresent(f -> assertThat(f.mixedScripts().size() != 1).isTrue());
        }
    }

    @Test
    void scriptNamesAreWrittenForReaders() {
        assertThat(Lookalikes.name(Character.UnicodeScript.OLD_ITALIC)).isEqualTo("Old Italic");
        assertThat(Lookalikes.words("a.b-c d\u0308e")).isEqualTo(List.of("a", "b", "c", "d\u0308e"));
    }
}
