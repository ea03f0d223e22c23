package org.mburoja.stix.index;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Converts extracted indicator values into table keys (the indexing side of {@link ObservableKeys}). */
final class KeyCompiler {

    private KeyCompiler() {
    }

    /** Adds one value; returns false when the value is not a valid instance of its kind (it is then skipped). */
    static boolean add(IndicatorTable.Builder b, IndicatorKeys.Key key, long hi, long lo, byte tlp, float score) {
        String v = key.value().trim();
        switch (key.kind()) {
            case IPV4, IPV6 -> {
                int slash = v.indexOf('/');
                String addr = slash < 0 ? v : v.substring(0, slash);
                int prefix = slash < 0 ? -1 : prefixLength(v, slash + 1);
                if (slash >= 0 && prefix < 0) {
                    return false;
                }
                if (addr.indexOf(':') >= 0) {
                    long[] v6 = new long[2];
                    if (!ObservableKeys.ipv6(addr, 0, addr.length(), v6) || prefix > 128) {
                        return false;
                    }
                    b.addIpv6(v6[0], v6[1], prefix < 0 ? 128 : prefix, hi, lo, tlp, score);
                    return true;
                }
                long v4 = ObservableKeys.ipv4(addr, 0, addr.length());
                if (v4 < 0) {
                    // network-traffic:dst_ref.value may name a domain
                    return slash < 0 && add(b, new IndicatorKeys.Key(ObservableKind.DOMAIN, v), hi, lo, tlp, score);
                }
                if (prefix > 32) {
                    return false;
                }
                b.addIpv4(v4, prefix < 0 ? 32 : prefix, hi, lo, tlp, score);
                return true;
            }
            case DOMAIN -> {
                String d = ObservableKeys.domain(v);
                return d != null && text(b, ObservableKind.DOMAIN, d, hi, lo, tlp, score);
            }
            case URL -> {
                String u = ObservableKeys.normaliseUrl(v);
                return u != null && text(b, ObservableKind.URL, urlStored(u), hi, lo, tlp, score);
            }
            case EMAIL -> {
                return v.indexOf('@') > 0 && text(b, ObservableKind.EMAIL, latin1(v.toLowerCase(Locale.ROOT)), hi,
                        lo, tlp, score);
            }
            case MD5, SHA1, SHA256 -> {
                int len = key.kind() == ObservableKind.MD5 ? 32 : key.kind() == ObservableKind.SHA1 ? 40 : 64;
                if (v.length() != len) {
                    return false;
                }
                boolean[] ok = {true};
                char[] chars = v.toCharArray();
                long a = ObservableKeys.hex(chars, 0, 16, ok);
                long c = ObservableKeys.hex(chars, 16, 16, ok);
                long d = len == 32 ? 0 : ObservableKeys.hex(chars, 32, len == 40 ? 8 : 16, ok);
                long e = len == 64 ? ObservableKeys.hex(chars, 48, 16, ok) : 0;
                if (!ok[0]) {
                    return false;
                }
                b.addKey(key.kind(), a, c, d, e, hi, lo, tlp, score, -1);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean text(IndicatorTable.Builder b, ObservableKind k, String v, long hi, long lo, byte tlp,
                                float score) {
        if (v.isEmpty() || v.length() > 65_535) {
            return false;
        }
        b.addText(k, hashFor(k, v), v, hi, lo, tlp, score);
        return true;
    }

    /** Reverse FNV-1a over the case-folded characters, so that domain suffixes hash incrementally. */
    static long textHash(String s) {
        long h = ObservableKeys.FNV_OFFSET;
        for (int i = s.length() - 1; i >= 0; i--) {
            h = (h ^ ObservableKeys.fold(s.charAt(i))) * ObservableKeys.FNV_PRIME;
        }
        return KeyTable.mix(h, 0, 0, 0);
    }

    /**
     * The table hash of a text value of kind {@code k}: {@link #textHash} for domains (whose parent domains are
     * probed by extending one hash from the right), {@link #flatHash} for URLs and e-mail addresses.
     */
    static long hashFor(ObservableKind k, String v) {
        return k == ObservableKind.DOMAIN ? textHash(v) : flatHash(v);
    }

    /**
     * The hash of URLs and e-mail addresses, which need no suffix hashes: FNV-1a in four lanes over the case-folded
     * characters (character {@code i} in lane {@code i mod 4}), so that the multiplications of neighbouring
     * characters do not wait on each other as they do in {@link #textHash} (one multiplication's latency per
     * character there: a fifth of a URL lookup's time in a profile). Equal texts, case-folded, hash equally; the
     * table compares the texts themselves, so the hash only spreads them.
     */
    static long flatHash(String s) {
        return flatHash(s.toCharArray(), s.length());
    }

    /** {@link #flatHash(String)} of the first {@code n} characters of {@code s}. */
    static long flatHash(char[] s, int n) {
        long a = ObservableKeys.FNV_OFFSET;
        long b = a;
        long c = a;
        long d = a;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            a = (a ^ ObservableKeys.fold(s[i])) * ObservableKeys.FNV_PRIME;
            b = (b ^ ObservableKeys.fold(s[i + 1])) * ObservableKeys.FNV_PRIME;
            c = (c ^ ObservableKeys.fold(s[i + 2])) * ObservableKeys.FNV_PRIME;
            d = (d ^ ObservableKeys.fold(s[i + 3])) * ObservableKeys.FNV_PRIME;
        }
        for (; i < n; i++) {
            a = (a ^ ObservableKeys.fold(s[i])) * ObservableKeys.FNV_PRIME;
        }
        return KeyTable.mix(a, b, c, d ^ n);
    }

    /**
     * A normalised URL as a lookup compares it: one byte per character, non-ASCII ones as their UTF-8 bytes (the
     * value arena holds Latin-1 bytes, so a character beyond U+00FF would otherwise be stored as {@code ?} and the
     * URL never found).
     */
    static String urlQuery(String normalised) {
        return ObservableKeys.ascii(normalised) ? normalised : latin1(normalised);
    }

    /**
     * A normalised URL as the index stores it: {@link #urlQuery}, with ASCII letters in lower case. Lookups fold the
     * case of what they look up as they compare, so a URL matches whatever the case of its path and query, as IIS
     * and SharePoint read paths (stored as given, a URL with an upper-case letter in its path never matched, not
     * even itself).
     */
    static String urlStored(String normalised) {
        String q = urlQuery(normalised);
        char[] c = null;
        for (int i = 0; i < q.length(); i++) {
            char ch = q.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                if (c == null) {
                    c = q.toCharArray();
                }
                c[i] = (char) (ch + 32);
            }
        }
        return c == null ? q : new String(c);
    }

    /** Non-ASCII text as its UTF-8 bytes, one char per byte, so it fits the Latin-1 arena. */
    static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** 1-3 ASCII digits to the end; -1 otherwise (Integer.parseInt would take "-5", "+24" or "\u0662\u0664"). */
    static int prefixLength(String v, int from) {
        int n = v.length() - from;
        if (n < 1 || n > 3) {
            return -1;
        }
        int p = 0;
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            p = p * 10 + (c - '0');
        }
        return p;
    }
}
