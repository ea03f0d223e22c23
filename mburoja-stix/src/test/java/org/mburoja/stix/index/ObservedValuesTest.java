package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An event's values are classified by shape into what the indicator index can look up; the rest is left alone. */
class ObservedValuesTest {

    private static List<String> of(String value) {
        List<String> out = new ArrayList<>();
        ObservedValues.of(value, (k, v) -> out.add(k + " " + v));
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "203.0.113.7|IPV4 203.0.113.7",
            " 10.0.0.1 |IPV4 10.0.0.1",
            "2001:db8::1|IPV4 2001:db8::1",
            "::ffff:192.0.2.1|IPV4 ::ffff:192.0.2.1",
            "d41d8cd98f00b204e9800998ecf8427e|MD5 d41d8cd98f00b204e9800998ecf8427e",
            "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709|SHA1 DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855|SHA256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "https://login.evil.example/owa/auth.aspx?x=1|URL https://login.evil.example/owa/auth.aspx?x=1",
            "hxxp://evil.example|URL hxxp://evil.example",
            "phisher@bad.example|EMAIL phisher@bad.example",
            "mail.gov.al|DOMAIN mail.gov.al",
            "c2.evil.example.|DOMAIN c2.evil.example.",
            "xn--bcher-kva.example|DOMAIN xn--bcher-kva.example",
            "bücher.example|DOMAIN bücher.example",
            "svchost.exe|DOMAIN svchost.exe",
    })
    void aValueOfAKnownShapeIsLookedUpAsThatKind(String value, String expected) {
        assertThat(of(value)).containsExactly(expected);
    }

    @Test
    void aSysmonHashesListGivesEachKnownHash() {
        assertThat(of("SHA1=DA39A3EE5E6B4B0D3255BFEF95601890AFD80709,MD5=D41D8CD98F00B204E9800998ECF8427E,"
                + "SHA256=E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855,"
                + "IMPHASH=00000000000000000000000000000000")).containsExactly(
                "SHA1 DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "MD5 D41D8CD98F00B204E9800998ECF8427E",
                "SHA256 E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                "MD5 00000000000000000000000000000000");
        assertThat(of("MD5=D41D8CD98F00B204E9800998ECF8427E")).containsExactly("MD5 D41D8CD98F00B204E9800998ECF8427E");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "a", "4624", "1.5", "3.14159", "C:\\Windows\\System32\\svchost.exe",
            "/usr/bin/curl", "NT AUTHORITY\\SYSTEM", "powershell -enc SQBFAFgA", "10.0.0.256", "1.2.3",
            "d41d8cd98f00b204e9800998ecf8427", "d41d8cd98f00b204e9800998ecf8427g", "a..b", ".evil.example",
            "evil.123", "a@b@c.example", "John Doe <jd@x.example>", "key=value", "SHA1=nothex,MD5=alsonot",
            "://nothing", "1http://x.example", "2026-12-04T10:00:00Z", "x@", "@x.example"})
    void otherValuesAreNotLookedUp(String value) {
        assertThat(of(value)).isEmpty();
    }

    @Test
    void aValueOverTheLimitIsNotLookedUpWhateverItHolds() {
        String labels = ("a".repeat(59) + ".").repeat(4); // 240 characters
        assertThat(of(labels + "example")).as("a 247-character domain").hasSize(1);
        assertThat(of(labels + "example.com.al")).as("254 characters, no domain name").isEmpty();
        assertThat(of("a".repeat(64) + ".com")).as("a label over 63 characters").isEmpty();
        assertThat(of("http://x.example/" + "a".repeat(2000))).hasSize(1);
        assertThat(of("http://x.example/" + "a".repeat(ObservedValues.MAX_LENGTH))).isEmpty();
        assertThat(of((String) null)).isEmpty();
    }

    @Test
    void randomTextNeverFailsAndGivesOnlyWhatTheIndexCanParse() {
        Random r = new Random(5);
        String alphabet = "ab09.:@/=,-_ xZ\u00e9\u0000\uD83D\uDE00";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(40); n > 0; n--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            ObservedValues.of(b.toString(), (k, v) -> {
                assertThat(v).isNotBlank();
                if (k == ObservableKind.IPV4) {
                    assertThat(ObservableKeys.ipv4(v, 0, v.length()) >= 0
                            || ObservableKeys.ipv6(v, 0, v.length(), new long[2])).isTrue();
                }
            });
        }
    }
}
