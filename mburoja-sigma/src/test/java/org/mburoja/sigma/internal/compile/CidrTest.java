package org.mburoja.sigma.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Addresses and networks of the {@code cidr} modifier: every textual form of random addresses parses to their bytes,
 * and the same texts with one character swapped for a look-alike (another script's digit, a fullwidth letter, a
 * sign) do not parse.
 */
class CidrTest {

    /** Digits of other scripts that {@link Character#isDigit} and {@code Integer.parseInt} accept: zero of each. */
    private static final char[] OTHER_ZEROS = {'\u0660', '\u06F0', '\u0966', '\u09E6', '\uFF10'};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void everyFormOfARandomAddressParsesToItsBytesAndNoLookAlikeDoes(long seed) {
        Random r = new Random(seed);
        for (int n = 0; n < 2_000; n++) {
            byte[] v4 = new byte[4];
            r.nextBytes(v4);
            String dotted = dotted(v4);
            assertThat(Cidr.parseAddress(dotted)).as(dotted).isEqualTo(v4);
            assertNoLookAlikeParses(dotted, r);

            byte[] v6 = new byte[16];
            r.nextBytes(v6);
            if (r.nextBoolean()) {
                // a run of zero groups, so that the compressed form has a gap
                int from = r.nextInt(8);
                int to = from + 1 + r.nextInt(8 - from);
                for (int g = from; g < to; g++) {
                    v6[2 * g] = 0;
                    v6[2 * g + 1] = 0;
                }
            }
            for (String form : new String[] {full(v6, r), compressed(v6, r), withIpv4Tail(v6, r)}) {
                assertThat(Cidr.parseAddress(form)).as(form).isEqualTo(v6);
                assertNoLookAlikeParses(form, r);
            }
            int prefix = r.nextInt(129);
            Cidr c = Cidr.parse(compressed(v6, r) + "/" + prefix);
            assertThat(c).isNotNull();
            assertThat(c.prefix()).isEqualTo(prefix);
            assertThat(c.contains(v6)).isTrue();
            assertThat(Cidr.parse(dotted + "/" + OTHER_ZEROS[r.nextInt(OTHER_ZEROS.length)])).isNull();
            assertThat(Cidr.parse(dotted + "/+" + r.nextInt(33))).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fe80::-1", "fe80::+1", "-0::1", "\uFF46e80::1", "fe80::\uFF11", "10.0.0.-1",
        "+10.0.0.1", "10.0.0.1\u0660", "\u0661\u0660.0.0.1", "1.2.3.4.5", "256.1.1.1", "1::2::3", "12345::1",
        "1:2:3:4:5:6:7:8:9", "::1.2.3.256", "", ":", "1.2.3", "1..2.3", "010.0.0.1", "1.2.3.04", "::ffff:1.2.3.00"})
    void malformedAddressesDoNotParse(String text) {
        assertThat(Cidr.parseAddress(text)).isNull();
        assertThat(Cidr.parse(text)).isNull();
    }

    private static void assertNoLookAlikeParses(String form, Random r) {
        if (form.chars().noneMatch(ch -> isHexDigit((char) ch))) {
            return; // "::" has no digit to swap
        }
        int at;
        do {
            at = r.nextInt(form.length());
        } while (!isHexDigit(form.charAt(at)));
        char c = form.charAt(at);
        String[] swaps = {
            swap(form, at, c >= '0' && c <= '9' ? (char) (OTHER_ZEROS[r.nextInt(OTHER_ZEROS.length)] + (c - '0'))
                    : (char) (c + 0xFEE0)), // another script's digit, or the fullwidth form of a hex letter
            form.substring(0, at) + (r.nextBoolean() ? '+' : '-') + form.substring(at),
        };
        for (String s : swaps) {
            assertThat(Cidr.parseAddress(s)).as(s).isNull();
        }
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String swap(String s, int at, char c) {
        return s.substring(0, at) + c + s.substring(at + 1);
    }

    private static String dotted(byte[] b) {
        return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }

    private static int group(byte[] b, int g) {
        return (b[2 * g] & 0xFF) << 8 | b[2 * g + 1] & 0xFF;
    }

    private static String hex(int v, Random r) {
        String h = Integer.toHexString(v);
        if (r.nextInt(4) == 0) {
            h = "0".repeat(4 - h.length()) + h;
        }
        return r.nextBoolean() ? h : h.toUpperCase(Locale.ROOT);
    }

    private static String full(byte[] b, Random r) {
        StringBuilder s = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            s.append(g == 0 ? "" : ":").append(hex(group(b, g), r));
        }
        return s.toString();
    }

    /** The longest run of zero groups as "::" (or none, if there is no zero group). */
    private static String compressed(byte[] b, Random r) {
        int best = -1;
        int bestLen = 0;
        for (int g = 0; g < 8; g++) {
            int len = 0;
            while (g + len < 8 && group(b, g + len) == 0) {
                len++;
            }
            if (len > bestLen) {
                best = g;
                bestLen = len;
            }
        }
        if (best < 0) {
            return full(b, r);
        }
        StringBuilder s = new StringBuilder();
        for (int g = 0; g < best; g++) {
            s.append(g == 0 ? "" : ":").append(hex(group(b, g), r));
        }
        s.append("::");
        for (int g = best + bestLen; g < 8; g++) {
            s.append(g == best + bestLen ? "" : ":").append(hex(group(b, g), r));
        }
        return s.toString();
    }

    /** The first six groups in hex, the last two as a dotted quad. */
    private static String withIpv4Tail(byte[] b, Random r) {
        StringBuilder s = new StringBuilder();
        for (int g = 0; g < 6; g++) {
            s.append(hex(group(b, g), r)).append(':');
        }
        return s + dotted(new byte[] {b[12], b[13], b[14], b[15]});
    }
}
