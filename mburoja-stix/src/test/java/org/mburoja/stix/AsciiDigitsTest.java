package org.mburoja.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.stix.pattern.Cidr;
import org.mburoja.stix.pattern.PatternParser;
import org.mburoja.stix.pattern.PatternSyntaxException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;

/**
 * Numbers, hex strings, addresses and hashes take ASCII digits only. Character.isDigit, Character.digit,
 * Integer.parseInt and BigInteger accept the digits of other scripts too, so without care U+0661 (Arabic-Indic one),
 * U+06F1 (extended Arabic-Indic), U+0967 (Devanagari) or U+FF11 (full-width one) would pass for "1" and a value
 * written with them would be accepted as, and compared like, a different plain value.
 */
class AsciiDigitsTest {

    /** Other scripts' digits for 1, and a surrogate pair (U+1D7CF, mathematical bold digit one). */
    static final String[] ONES = {"\u0661", "\u06F1", "\u0967", "\uFF11", "\uD835\uDFCF"};

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void patternNumbersAndHexLiteralsRefuseOtherScriptsDigits(int which) {
        String one = ONES[which];
        assertThat(PatternParser.parse("[file:size = 12]")).isNotNull();
        assertThatThrownBy(() -> PatternParser.parse("[file:size = " + one + "2]"))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> PatternParser.parse("[file:size = 1" + one + "]"))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> PatternParser.parse("[file:size = 1." + one + "]"))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> PatternParser.parse("[file:size = -" + one + "]"))
                .isInstanceOf(PatternSyntaxException.class);
        assertThat(PatternParser.parse("[artifact:payload_bin = h'a1']")).isNotNull();
        assertThatThrownBy(() -> PatternParser.parse("[artifact:payload_bin = h'a" + one + "']"))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> PatternParser.parse("[file:name = 'a'] REPEATS " + one + " TIMES"))
                .isInstanceOf(PatternSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void hashValuesAreAsciiHex(int which) {
        String md5 = "d41d8cd98f00b204e9800998ecf8427e";
        assertThat(HashValues.problem("MD5", md5)).isEmpty();
        String foreign = md5.substring(0, 31) + ONES[which];
        assertThat(HashValues.problem("MD5", foreign)).isPresent();
        assertThatThrownBy(() -> PatternParser.parse("[file:hashes.MD5 = '" + foreign + "']"))
                .isInstanceOf(PatternSyntaxException.class).hasMessageContaining("not a valid hash");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void cidrTakesAsciiDigitsInAddressesAndPrefixes(int which) {
        String one = ONES[which];
        assertThat(Cidr.parse("198.51.100.0/24")).isPresent();
        assertThat(Cidr.parse("198.51.100.0/2" + one)).isEmpty();
        assertThat(Cidr.parse("198.51.100." + one)).isEmpty();
        assertThat(Cidr.parse("2001:db8::1")).isPresent();
        assertThat(Cidr.parse("2001:db8::" + one)).isEmpty();
        assertThat(Cidr.parse("2001:db8::/3" + one)).isEmpty();
        assertThat(Cidr.parse("198.51.100.0/+24")).isEmpty();
        assertThat(Cidr.parse("198.51.100.0/-1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void granularSelectorPositionsAreAsciiDigits(int which) {
        JsonNode o = JsonMapper.builder().build().readTree("{\"labels\": [\"a\", \"b\"]}");
        assertThat(GranularSelectors.select(o, "labels.[1]").asString()).isEqualTo("b");
        assertThat(GranularSelectors.select(o, "labels.[" + ONES[which] + "]")).isNull();
        assertThat(GranularSelectors.select(o, "labels.[+1]")).isNull();
        assertThat(GranularSelectors.select(o, "labels.[-1]")).isNull();
        assertThat(GranularSelectors.select(o, "labels.[]")).isNull();
        assertThat(GranularSelectors.resolves(o, "labels.[" + ONES[which] + "]")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void nonAsciiDigitsNeverLookLikeAsciiOnes(int which) {
        // the fixed points: what a careless parser would have read
        String one = ONES[which];
        assertThat(Integer.parseInt(one)).as("the JDK's lenience that this class guards against").isEqualTo(1);
        assertThat(Optional.of(one).map(s -> s.chars().allMatch(c -> c >= '0' && c <= '9'))).contains(false);
    }
}
