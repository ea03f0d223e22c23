package org.mburoja.stix.index;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Turning observable values into index keys, without allocation on the common (ASCII) path.
 *
 * <p>Normalisation, applied identically when indexing and when looking up: IPv4 dotted quads (no leading zeros
 * beyond a single 0); IPv6 in any RFC 4291 text form, including {@code ::} and an embedded IPv4 tail; hashes
 * case-insensitive hex; domains lower-cased, a trailing dot dropped, non-ASCII names converted to punycode;
 * e-mail addresses lower-cased whole (local parts are case-sensitive by RFC 5321, but no mail system in use treats
 * them so, and an indicator that misses a capitalised variant is worse); URLs see {@link #normaliseUrl}.
 */
final class ObservableKeys {

    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
            HEX['A' + i] = (byte) (10 + i);
        }
    }

    private ObservableKeys() {
    }

    /**
     * IPv4 address as an unsigned 32-bit value, or -1: four decimal parts 0-255 separated by dots, no leading zero
     * beyond a single 0. Reads each character once (this runs for every address of every event).
     */
    static long ipv4(String s, int from, int to) {
        if (to - from < 7 || to - from > 15) {
            return -1;
        }
        char[] c = ADDRESS_CHARS.get();
        s.getChars(from, to, c, 0);
        return ipv4(c, 0, to - from);
    }

    /**
     * Per-thread copy buffer of the {@code String} forms of the address parsers (an address has at most 45
     * characters), so that classifying every string of every event ({@link ObservedValues}) allocates nothing.
     */
    private static final ThreadLocal<char[]> ADDRESS_CHARS = ThreadLocal.withInitial(() -> new char[45]);

    /** {@link #ipv4(String, int, int)} over an array (the batch lookups copy each value into a reused one). */
    static long ipv4(char[] s, int from, int to) {
        if (to - from < 7 || to - from > 15) {
            return -1;
        }
        long addr = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int n = s[i] - '0';
            if (n < 0 || n > 9) {
                return -1;
            }
            i++;
            int digits = 1;
            while (i < to) {
                int d = s[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (n == 0 || ++digits > 3) {
                    return -1;
                }
                n = n * 10 + d;
                i++;
            }
            if (n > 255) {
                return -1;
            }
            addr = addr << 8 | n;
            parts++;
            if (i == to) {
                return parts == 4 ? addr : -1;
            }
            if (s[i] != '.' || parts == 4) {
                return -1;
            }
            i++;
            if (i == to) {
                return -1;
            }
        }
    }

    /**
     * IPv6 address into {@code out[0]} (high 64 bits) and {@code out[1]}; false when not an address. Any RFC 4291
     * text form: one {@code ::} at most, one to four hex digits per group, an embedded IPv4 tail in place of the
     * last two groups. The groups before the {@code ::} and those after it are accumulated as two 128-bit numbers
     * and joined at the end, so a parse allocates nothing.
     */
    static boolean ipv6(String s, int from, int to, long[] out) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        char[] c = ADDRESS_CHARS.get();
        s.getChars(from, to, c, 0);
        return ipv6(c, 0, to - from, out);
    }

    /** {@link #ipv6(String, int, int, long[])} over an array. */
    static boolean ipv6(char[] s, int from, int to, long[] out) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        long headHi = 0;
        long headLo = 0;
        long tailHi = 0;
        long tailLo = 0;
        int count = 0;
        int gap = -1;
        int i = from;
        if (s[i] == ':') {
            if (s[i + 1] != ':') {
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
            while (i < to && i - start < 4) {
                int d = hexValue(s[i]);
                if (d < 0) {
                    break;
                }
                v = v << 4 | d;
                i++;
            }
            int groups = 1;
            if (i < to && s[i] == '.') {
                long v4 = ipv4(s, start, to);
                if (v4 < 0 || count > 6) {
                    return false;
                }
                v = (int) v4;
                groups = 2;
                i = to;
            } else if (i == start || count == 8) {
                return false;
            }
            int shift = 16 * groups;
            if (gap < 0) {
                headHi = headHi << shift | headLo >>> (64 - shift);
                headLo = headLo << shift | v & 0xFFFFFFFFL;
            } else {
                tailHi = tailHi << shift | tailLo >>> (64 - shift);
                tailLo = tailLo << shift | v & 0xFFFFFFFFL;
            }
            count += groups;
            if (i == to) {
                break;
            }
            if (s[i] != ':') {
                return false;
            }
            i++;
            if (i < to && s[i] == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        if (gap < 0) {
            if (count != 8) {
                return false;
            }
            out[0] = headHi;
            out[1] = headLo;
            return true;
        }
        if (count > 7) {
            return false;
        }
        // the head groups move up past the zero groups of the gap and the tail groups
        int bits = 16 * (8 - gap);
        long hi;
        long lo;
        if (bits == 128) {
            hi = 0;
            lo = 0;
        } else if (bits >= 64) {
            hi = headLo << (bits - 64);
            lo = 0;
        } else {
            hi = headHi << bits | headLo >>> (64 - bits);
            lo = headLo << bits;
        }
        out[0] = hi | tailHi;
        out[1] = lo | tailLo;
        return true;
    }

    /** Parses {@code len} hex digits starting at {@code from} into a long; -1 in {@code ok[0]} on bad input. */
    static long hex(char[] s, int from, int len, boolean[] ok) {
        long v = 0;
        for (int i = from; i < from + len; i++) {
            int d = hexValue(s[i]);
            if (d < 0) {
                ok[0] = false;
                return 0;
            }
            v = v << 4 | d;
        }
        return v;
    }

    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** {@link #ascii(String)} of the first {@code n} characters of {@code c}. */
    static boolean ascii(char[] c, int n) {
        for (int i = 0; i < n; i++) {
            if (c[i] > 0x7F) {
                return false;
            }
        }
        return true;
    }

    static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Domain normalised for indexing (lower case, punycode, no trailing dot); null when unusable. */
    static String domain(String d) {
        String v = d.trim();
        if (v.endsWith(".")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 253) {
            return null;
        }
        if (!ascii(v)) {
            try {
                v = IDN.toASCII(v, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /**
     * URL normalised per RFC 3986 section 6.2.2: scheme and host lower-cased, default port (80/443) and fragment
     * dropped, empty path made {@code /}, percent-escapes upper-cased and unreserved ones decoded, a trailing dot of
     * the host dropped; query kept as is. Null when not an absolute URL with a host.
     */
    static String normaliseUrl(String url) {
        return alreadyNormal(url) ? url : normaliseUrlFully(url);
    }

    /** {@link #normaliseUrl} without the shortcut for URLs already in normal form. */
    static String normaliseUrlFully(String url) {
        String u = url.trim();
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        URI uri;
        try {
            uri = new URI(percentNormalise(u));
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        StringBuilder b = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            b.append(uri.getRawUserInfo()).append('@');
        }
        b.append(host);
        if (!defaultPort) {
            b.append(':').append(port);
        }
        String path = uri.getRawPath();
        b.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            b.append('?').append(uri.getRawQuery());
        }
        return b.toString();
    }

    /**
     * True when {@link #normaliseUrl} would return the URL unchanged, decided by one scan without allocation (most
     * URLs in events are already in this form, and {@link URI} parsing costs about 1 microsecond). Deliberately
     * narrower than the normal form: lower-case letters-only scheme, {@code ://}, a host of lower-case LDH labels
     * whose last label starts with a letter (as {@link URI} requires), no user info, no port, a path starting with
     * {@code /}, and only characters that {@link URI} accepts verbatim in path and query (no {@code %}, space,
     * {@code #} or non-ASCII). Anything else takes the full path.
     */
    static boolean alreadyNormal(String u) {
        return alreadyNormal(u.toCharArray(), u.length());
    }

    /**
     * {@link #alreadyNormal(String)} over the first {@code n} characters of {@code u}: the batch lookups copy each
     * value into a reused array first ({@link String#getChars}, a block copy), because scanning an array runs about
     * twice as fast as {@link String#charAt} on these short strings (measured: 70-150 ns for a 44-character URL
     * through {@code charAt}, checked and hashed, against 35-75 ns from an array).
     */
    static boolean alreadyNormal(char[] u, int n) {
        int i = 0;
        while (i < n && u[i] >= 'a' && u[i] <= 'z') {
            i++;
        }
        if (i == 0 || i + 3 >= n || u[i] != ':' || u[i + 1] != '/' || u[i + 2] != '/') {
            return false;
        }
        i += 3;
        int labelStart = i;
        while (true) {
            if (i == n) {
                return false;
            }
            char c = u[i];
            if (c == '.' || c == '/') {
                if (i == labelStart || u[labelStart] == '-' || u[i - 1] == '-') {
                    return false;
                }
                if (c == '/') {
                    char first = u[labelStart];
                    if (first < 'a' || first > 'z') {
                        return false;
                    }
                    break;
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
            i++;
        }
        // path and query: no early exit, so the loop has no branch that depends on the characters
        boolean verbatim = true;
        for (; i < n; i++) {
            char c = u[i];
            verbatim &= c < 128 && URL_VERBATIM[c & 127];
        }
        return verbatim;
    }

    private static final boolean[] URL_VERBATIM = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            URL_VERBATIM[c] = true;
            URL_VERBATIM[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            URL_VERBATIM[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=:@/?".toCharArray()) {
            URL_VERBATIM[c] = true;
        }
    }

    /**
     * The value of an ASCII hex digit, else -1 (from {@link #HEX}): Character.digit would read "%\u0664\u0661" as
     * "%41", that is "A".
     */
    private static int hexValue(char c) {
        return c < 128 ? HEX[c] : -1;
    }

    private static String percentNormalise(String u) {
        StringBuilder b = new StringBuilder(u.length());
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == '%' && i + 2 < u.length() && hexValue(u.charAt(i + 1)) >= 0 && hexValue(u.charAt(i + 2)) >= 0) {
                int v = hexValue(u.charAt(i + 1)) * 16 + hexValue(u.charAt(i + 2));
                if (Character.isLetterOrDigit(v) && v < 128 || v == '-' || v == '.' || v == '_' || v == '~') {
                    b.append((char) v);
                } else {
                    b.append('%').append(Character.toUpperCase(u.charAt(i + 1)))
                            .append(Character.toUpperCase(u.charAt(i + 2)));
                }
                i += 2;
            } else if (c == ' ') {
                b.append("%20");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
