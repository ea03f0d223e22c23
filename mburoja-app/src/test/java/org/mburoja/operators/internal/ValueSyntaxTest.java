package org.mburoja.operators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The syntax checks of every field an operator record holds; cases are in the CSV files next to this test. */
class ValueSyntaxTest {

    static Function<String, String> checker(String kind) {
        return switch (kind) {
            case "cidr" -> s -> IpBlock.parse(s).toString();
            case "domain" -> DomainName::toAscii;
            case "email" -> EmailAddress::normalise;
            case "phone" -> PhoneNumber::normalise;
            case "nipt" -> Nipt::normalise;
            case "asn" -> s -> Long.toString(AsNumber.parse(s));
            case "country" -> CountryCode::normalise;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(resources = "/org/mburoja/operators/valid-values.csv", delimiter = '|', quoteCharacter = '~', ignoreLeadingAndTrailingWhitespace = false)
    void acceptsAndNormalisesValidValues(String kind, String input, String stored) {
        assertThat(checker(kind).apply(input)).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(resources = "/org/mburoja/operators/invalid-values.csv", delimiter = '|', quoteCharacter = '~')
    void rejectsInvalidValuesSayingWhy(String kind, String input, String reason) {
        assertThatThrownBy(() -> checker(kind).apply(input)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void showsInternationalisedDomainsInUnicode() {
        assertThat(DomainName.toUnicode("xn--shqipri-vya.al")).isEqualTo("shqipëri.al");
        assertThat(DomainName.toUnicode("example.al")).isEqualTo("example.al");
    }

    @Test
    void refusesOversizedInputBeforeParsingIt() {
        String huge = "1".repeat(100_000);
        assertThatThrownBy(() -> IpBlock.parse(huge)).hasMessageContaining("too long");
        assertThatThrownBy(() -> DomainName.toAscii(huge + ".al")).hasMessageContaining("253");
        assertThatThrownBy(() -> EmailAddress.normalise(huge + "@example.al")).hasMessageContaining("254");
        assertThatThrownBy(() -> PhoneNumber.normalise(huge)).hasMessageContaining("40");
    }

    @Test
    void nonCanonicalIpv6IsWrittenTheRfc5952Way() {
        assertThat(IpBlock.parse("2001:0db8:0000:0000:0000:ff00:0042:8329/128"))
                .hasToString("2001:db8::ff00:42:8329/128");
        assertThat(IpBlock.parse("2001:db8:0:1:0:0:0:0/64")).hasToString("2001:db8:0:1::/64");
        assertThat(IpBlock.parse("1:0:0:2:0:0:0:3/128")).hasToString("1:0:0:2::3/128");
    }
}
