package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.incidents.internal.ObservableKeys.Key;
import org.mburoja.incidents.internal.ObservableKeys.Relation;

class ObservableKeysTest {

    @Test
    void anIpv4AddressIsLookedUpAsItselfAndAsEveryContainingBlockDownToSlash8() {
        List<Key> keys = ObservableKeys.of("IP", "198.51.100.7");
        assertThat(keys.get(0)).isEqualTo(new Key("198.51.100.7", Relation.EXACT));
        assertThat(keys).contains(new Key("198.51.100.7/32", Relation.CONTAINING_RANGE),
                new Key("198.51.100.0/24", Relation.CONTAINING_RANGE), new Key("198.51.96.0/20", Relation.CONTAINING_RANGE),
                new Key("198.0.0.0/8", Relation.CONTAINING_RANGE));
        assertThat(keys).extracting(Key::value).doesNotContain("0.0.0.0/0", "198.0.0.0/7");
        assertThat(keys).hasSize(1 + 25);
    }

    @Test
    void anIpv6AddressIsLookedUpInJavasAndInRfc5952Spelling() {
        List<Key> keys = ObservableKeys.of("IP", "2001:db8:0:0:0:0:0:1");
        assertThat(keys).extracting(Key::value).contains("2001:db8:0:0:0:0:0:1", "2001:db8::1", "2001:db8::/32",
                "2001:db8:0:0:0:0:0:0/32", "2001:db8::1/128");
        assertThat(keys).extracting(Key::value).doesNotContain("::/0", "2000::/15");
        assertThat(keys).filteredOn(k -> k.relation() == Relation.EXACT).extracting(Key::value)
                .containsExactly("2001:db8:0:0:0:0:0:1", "2001:db8::1");
    }

    @Test
    void rfc5952CompressionMatchesTheRuleOnSeededRandomAddresses() throws Exception {
        Random r = new Random(20261204);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[16];
            for (int g = 0; g < 8; g++) {
                int v = r.nextInt(3) == 0 ? 0 : r.nextInt(0x10000);
                b[2 * g] = (byte) (v >> 8);
                b[2 * g + 1] = (byte) v;
            }
            String s = ObservableKeys.v6Compressed(b);
            assertThat(InetAddress.getByName(s).getAddress()).as(s).isEqualTo(b);
            assertThat(s.split("::", -1).length).as(s).isLessThanOrEqualTo(2);
            assertThat(s).as("no single zero group shortened").doesNotMatch(".*(^|:)0(:0)*::.*|.*::(0:)*0($|:).*");
        }
        assertThat(ObservableKeys.v6Compressed(new byte[16])).isEqualTo("::");
        assertThat(ObservableKeys.v6Compressed(InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress()))
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ObservableKeys.v6Compressed(InetAddress.getByName("2001:0:0:1:0:0:0:1").getAddress()))
                .isEqualTo("2001:0:0:1::1");
    }

    @Test
    void aDomainIsLookedUpWithItsParentsButNotItsTopLevelDomain() {
        assertThat(ObservableKeys.of("DOMAIN", "mail.gov.al")).containsExactly(new Key("mail.gov.al", Relation.EXACT),
                new Key("gov.al", Relation.PARENT_DOMAIN));
    }

    @Test
    void aUrlIsLookedUpWithAndWithoutItsTrailingSlashAndByItsHost() {
        assertThat(ObservableKeys.of("URL", "https://Owa.Example.AL/owa/auth/x.aspx")).containsExactly(
                new Key("https://owa.example.al/owa/auth/x.aspx", Relation.EXACT),
                new Key("https://owa.example.al/owa/auth/x.aspx/", Relation.EXACT),
                new Key("owa.example.al", Relation.URL_HOST), new Key("example.al", Relation.PARENT_DOMAIN));
        assertThat(ObservableKeys.of("URL", "http://[2001:db8::1]:8080/a")).extracting(Key::value)
                .contains("2001:db8::1", "2001:db8:0:0:0:0:0:1", "2001:db8::/32");
        assertThat(ObservableKeys.of("URL", "http://203.0.113.5/x")).contains(new Key("203.0.113.5", Relation.URL_HOST),
                new Key("203.0.113.0/24", Relation.CONTAINING_RANGE));
    }

    @Test
    void anEmailAddressIsLookedUpByItsDomainToo() {
        assertThat(ObservableKeys.of("EMAIL", "it@ministry.gov.al")).containsExactly(
                new Key("it@ministry.gov.al", Relation.EXACT), new Key("ministry.gov.al", Relation.EMAIL_DOMAIN),
                new Key("gov.al", Relation.PARENT_DOMAIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HASH", "ACCOUNT", "FILE", "OTHER"})
    void otherKindsAreLookedUpOnlyAsTheyAre(String kind) {
        assertThat(ObservableKeys.of(kind, "D41D8CD98F00B204E9800998ECF8427E"))
                .containsExactly(new Key("d41d8cd98f00b204e9800998ecf8427e", Relation.EXACT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "1.2.3", "1.2.3.4.5", "01234.1.1.1", "example.com", "1:2", "::g", "fe80::1%eth0",
            "1.2.3.-4", "", "2001:db8::\u0661", "2001:db8::\uFF11", "::\u0967:1", "1.2.3.\u0664"})
    void textThatIsNotALiteralAddressIsNeverResolved(String text) {
        assertThat(ObservableKeys.literal(text)).isNull();
        assertThat(ObservableKeys.isAddress(text)).isFalse();
    }

    @Test
    void hostileUrlsGiveOnlyTheirExactKeys() {
        String longUrl = "http://" + "a.".repeat(5000) + "example/";
        assertThat(ObservableKeys.of("URL", "not a url at all")).extracting(Key::value)
                .containsExactly("not a url at all", "not a url at all/");
        List<Key> keys = ObservableKeys.of("URL", longUrl);
        assertThat(keys).hasSize(ObservableKeys.MAX_KEYS);
        assertThat(keys.get(0).value()).isEqualTo(longUrl);
    }
}
