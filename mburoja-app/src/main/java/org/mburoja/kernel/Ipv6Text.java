package org.mburoja.kernel;

/** The RFC 5952 text of an IPv6 address: lower-case hex, no leading zeros, the longest zero run as {@code ::}. */
public final class Ipv6Text {

    private Ipv6Text() {
    }

    /**
     * Formats eight 16-bit groups; the longest run of two or more zero groups (the first of equal runs) becomes
     * {@code ::}, a single zero group stays {@code 0}.
     */
    public static String compressed(int[] groups) {
        if (groups.length != 8) {
            throw new IllegalArgumentException("an IPv6 address has 8 groups, got " + groups.length);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i] & 0xFFFF));
        }
        return s.toString();
    }
}
