package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allocation-free address parsers of {@link ObservableKeys} against a plain reference parser (the earlier
 * implementation, kept here as the oracle) on seeded random addresses in every text form and on mutations of them.
 * The one intended difference: the reference took any Unicode hex digit ({@code Character.digit}), the fast parser
 * only ASCII ones, so a string with a non-ASCII character is never an address.
 */
class ObservableKeysAddressTest {

    private static final String ALPHABET = "0123456789abcdefABCDEF:.::..g /%-x";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void parsersAgreeWithTheReferenceOnRandomAndMutatedAddresses(long seed) {
        Random r = new Random(seed);
        int accepted4 = 0;
        int accepted6 = 0;
        for (int n = 0; n < 20_000; n++) {
            String s = r.nextInt(3) == 0 ? mutate(r, address(r)) : address(r);
            long fast4 = ObservableKeys.ipv4(s, 0, s.length());
            long ref4 = Reference.ipv4(s, 0, s.length());
            long[] fast6 = {7, 7};
            long[] ref6 = {7, 7};
            boolean ok6 = ObservableKeys.ipv6(s, 0, s.length(), fast6);
            boolean refOk6 = Reference.ipv6(s, 0, s.length(), ref6);
            if (s.chars().allMatch(c -> c < 128)) {
                assertThat(fast4).as("ipv4 of '%s'", s).isEqualTo(ref4);
                assertThat(ok6).as("ipv6 accepts '%s'", s).isEqualTo(refOk6);
                if (ok6) {
                    assertThat(fast6).as("ipv6 of '%s'", s).containsExactly(ref6);
                }
            } else {
                assertThat(fast4).as("non-ASCII '%s'", s).isEqualTo(-1);
                assertThat(ok6).as("non-ASCII '%s'", s).isFalse();
            }
            accepted4 += fast4 >= 0 ? 1 : 0;
            accepted6 += ok6 ? 1 : 0;
        }
        // the generator must reach both outcomes often, or the comparison proves little
        assertThat(accepted4).isBetween(2_000, 12_000);
        assertThat(accepted6).isBetween(2_000, 12_000);
    }

    @ParameterizedTest
    @CsvSource({
            "::, 0, 0",
            "::1, 0, 1",
            "1::, 0x0001000000000000, 0",
            "2001:db8::8a2e:370:7334, 0x20010db800000000, 0x00008a2e03707334",
            "::ffff:192.0.2.128, 0, 0x0000ffffc0000280",
            "1:2:3:4:5:6:7::, 0x0001000200030004, 0x0005000600070000",
            "::2:3:4:5:6:7:8, 0x0000000200030004, 0x0005000600070008",
            "1:2:3:4:5:6:1.2.3.4, 0x0001000200030004, 0x0005000601020304",
            "FFFF:ffff:FFFF:ffff:FFFF:ffff:FFFF:ffff, -1, -1"})
    void ipv6TextFormsGiveTheirBits(String text, String hi, String lo) {
        long[] out = new long[2];
        assertThat(ObservableKeys.ipv6(text, 0, text.length(), out)).isTrue();
        assertThat(out).containsExactly(parse(hi), parse(lo));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
            "::g", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.256", "1:", ":1", "::１", "fe80::1%eth0",
            "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8"})
    void malformedIpv6IsRefused(String text) {
        assertThat(ObservableKeys.ipv6(text, 0, text.length(), new long[2])).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "01.2.3.4", "1.2.3.256", "1.2.3.1000",
            "1.2.3.4.5", "1.2.3.-4", " 1.2.3.4", "1.2.3.4 ", "１.2.3.4", "255.255.255.2555"})
    void malformedIpv4IsRefused(String text) {
        assertThat(ObservableKeys.ipv4(text, 0, text.length())).as(text).isEqualTo(-1);
    }

    @Test
    void ipv4BoundariesParse() {
        assertThat(ObservableKeys.ipv4("0.0.0.0", 0, 7)).isZero();
        assertThat(ObservableKeys.ipv4("255.255.255.255", 0, 15)).isEqualTo(0xFFFFFFFFL);
        assertThat(ObservableKeys.ipv4("x10.0.0.1y", 1, 9)).isEqualTo(0x0A000001L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"24", "0", "128", "007"})
    void prefixLengthsAreOneToThreeAsciiDigits(String prefix) {
        assertThat(KeyCompiler.prefixLength("198.51.100.0/" + prefix, 13)).isEqualTo(Integer.parseInt(prefix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-5", "+24", "\u0662\u0664", "2\uFF14", "1234", " 24", "24 ", "2x"})
    void prefixLengthsRefuseSignsOtherDigitsAndJunk(String prefix) {
        assertThat(KeyCompiler.prefixLength("198.51.100.0/" + prefix, 13)).isEqualTo(-1);
    }

    private static long parse(String hex) {
        return hex.equals("-1") ? -1 : Long.parseUnsignedLong(hex.replace("0x", ""), 16);
    }

    private static String address(Random r) {
        if (r.nextBoolean()) {
            return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(16);
                default -> r.nextInt(65536);
            };
        }
        boolean v4tail = r.nextInt(5) == 0;
        int groups = v4tail ? 6 : 8;
        String[] parts = new String[groups];
        for (int i = 0; i < groups; i++) {
            String h = Integer.toHexString(g[i]);
            if (r.nextInt(4) == 0) {
                h = "0".repeat(4 - h.length()) + h;
            }
            parts[i] = r.nextBoolean() ? h.toUpperCase(java.util.Locale.ROOT) : h;
        }
        StringBuilder b = new StringBuilder();
        int gapFrom = r.nextInt(3) == 0 ? -1 : r.nextInt(groups);
        int gapTo = gapFrom < 0 ? -1 : gapFrom + 1 + r.nextInt(groups - gapFrom);
        for (int i = 0; i < groups; i++) {
            if (i == gapFrom) {
                b.append("::");
                i = gapTo - 1;
                continue;
            }
            if (b.length() > 0 && !b.toString().endsWith(":")) {
                b.append(':');
            }
            b.append(parts[i]);
        }
        if (v4tail) {
            if (b.length() > 0 && !b.toString().endsWith(":")) {
                b.append(':');
            }
            b.append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256))
                    .append('.').append(r.nextInt(256));
        }
        return b.toString();
    }

    private static String mutate(Random r, String s) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + r.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int at = b.isEmpty() ? 0 : r.nextInt(b.length());
            char c = r.nextInt(20) == 0 ? (r.nextBoolean() ? '\uFF11' : 'é') : ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, c);
                case 1 -> {
                    if (!b.isEmpty()) {
                        b.deleteCharAt(at);
                    }
                }
                default -> {
                    if (!b.isEmpty()) {
                        b.setCharAt(at, c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The parsers as they were before they were made allocation-free (the oracle). */
    private static final class Reference {

        static long ipv4(CharSequence s, int from, int to) {
            long addr = 0;
            int parts = 0;
            int i = from;
            while (i < to) {
                int start = i;
                int n = 0;
                while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    n = n * 10 + (s.charAt(i) - '0');
                    i++;
                    if (i - start > 3) {
                        return -1;
                    }
                }
                if (i == start || n > 255 || i - start > 1 && s.charAt(start) == '0') {
                    return -1;
                }
                addr = addr << 8 | n;
                parts++;
                if (i < to) {
                    if (s.charAt(i) != '.' || parts == 4) {
                        return -1;
                    }
                    i++;
                    if (i == to) {
                        return -1;
                    }
                }
            }
            return parts == 4 ? addr : -1;
        }

        static boolean ipv6(CharSequence s, int from, int to, long[] out) {
            int[] groups = new int[8];
            int count = 0;
            int gap = -1;
            int i = from;
            if (to - from < 2 || to - from > 45) {
                return false;
            }
            if (s.charAt(i) == ':') {
                if (s.charAt(i + 1) != ':') {
                    return false;
                }
                gap = 0;
                i += 2;
                if (i == to) {
                    out[0] = 0;
                    out[1] = 0;
                    return true;
                }
            }
            while (i < to) {
                int start = i;
                int v = 0;
                while (i < to && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                    v = v << 4 | Character.digit(s.charAt(i), 16);
                    i++;
                }
                if (i < to && s.charAt(i) == '.') {
                    long v4 = ipv4(s, start, to);
                    if (v4 < 0 || count > 6) {
                        return false;
                    }
                    groups[count++] = (int) (v4 >>> 16);
                    groups[count++] = (int) (v4 & 0xFFFF);
                    i = to;
                    break;
                }
                if (i == start || count == 8) {
                    return false;
                }
                groups[count++] = v;
                if (i == to) {
                    break;
                }
                if (s.charAt(i) != ':') {
                    return false;
                }
                i++;
                if (i < to && s.charAt(i) == ':') {
                    if (gap >= 0) {
                        return false;
                    }
                    gap = count;
                    i++;
                } else if (i == to) {
                    return false;
                }
            }
            if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
                return false;
            }
            int[] full = new int[8];
            if (gap < 0) {
                full = groups;
            } else {
                int tail = count - gap;
                System.arraycopy(groups, 0, full, 0, gap);
                System.arraycopy(groups, gap, full, 8 - tail, tail);
            }
            long hi = 0;
            long lo = 0;
            for (int g = 0; g < 4; g++) {
                hi = hi << 16 | full[g];
                lo = lo << 16 | full[g + 4];
            }
            out[0] = hi;
            out[1] = lo;
            return true;
        }
    }
}
