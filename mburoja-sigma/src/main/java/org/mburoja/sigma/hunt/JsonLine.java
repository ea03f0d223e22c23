package org.mburoja.sigma.hunt;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A JSON line built in a reused UTF-8 byte buffer, escaped as Jackson's generator escapes (control characters as
 * {@code \b \t \n \f \r} or a six-character escape of the code, quote and backslash; nothing else) and encoded as a UTF-8
 * {@code PrintStream} encodes (a lone surrogate becomes {@code ?}). It exists because a generator, a
 * {@code StringWriter} and a char-to-byte encoding per match were most of the writer thread's time. Not thread-safe.
 */
final class JsonLine {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf = new byte[4096];
    private int len;

    void reset() {
        if (buf.length > 1 << 20) {
            buf = new byte[4096]; // do not keep the buffer of one huge event
        }
        len = 0;
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /** ASCII text that needs no escaping. */
    void raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        ascii.getBytes(0, n, buf, len); // ASCII only: the deprecated copy is exact and needs no encoder
        len += n;
    }

    void raw(byte[] b) {
        raw(b, 0, b.length);
    }

    /** {@code b[from, from + n)}, bytes already written by a {@code JsonLine}. */
    void raw(byte[] b, int from, int n) {
        ensure(n);
        System.arraycopy(b, from, buf, len, n);
        len += n;
    }

    /**
     * {@code b[from, to)}, bytes of printable ASCII without quote or backslash (a {@code FlatEvent} span), quoted:
     * what {@link #string} writes for the String of those bytes, as none of them needs escaping.
     */
    void quotedAscii(byte[] b, int from, int to) {
        int n = to - from;
        ensure(n + 2);
        buf[len++] = '"';
        System.arraycopy(b, from, buf, len, n);
        len += n;
        buf[len++] = '"';
    }

    void strings(List<String> values) {
        raw("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                raw(",");
            }
            string(values.get(i));
        }
        raw("]");
    }

    /** A value of an event: null, string, boolean, number (as its toString), map, list, anything else as text. */
    void value(Object v) {
        switch (v) {
            case null -> raw("null");
            case String s -> string(s);
            case Boolean b -> raw(b ? "true" : "false");
            case Number n -> raw(n.toString());
            case Map<?, ?> m -> {
                raw("{");
                boolean[] first = {true};
                m.forEach((k, x) -> {
                    if (!first[0]) {
                        raw(",");
                    }
                    first[0] = false;
                    string(String.valueOf(k));
                    raw(":");
                    value(x);
                });
                raw("}");
            }
            case List<?> l -> {
                raw("[");
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        raw(",");
                    }
                    value(l.get(i));
                }
                raw("]");
            }
            default -> string(String.valueOf(v));
        }
    }

    /** A quoted, escaped string, or {@code null}. */
    void string(String s) {
        if (s == null) {
            raw("null");
            return;
        }
        int n = s.length();
        ensure(n * 6 + 2); // the longest form of one char is a six-character escape; 3 bytes per char at most otherwise
        byte[] b = buf;
        int o = len;
        b[o++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[o++] = (byte) c;
                    continue;
                }
                b[o++] = '\\';
                switch (c) {
                    case '"' -> b[o++] = '"';
                    case '\\' -> b[o++] = '\\';
                    case '\b' -> b[o++] = 'b';
                    case '\t' -> b[o++] = 't';
                    case '\n' -> b[o++] = 'n';
                    case '\f' -> b[o++] = 'f';
                    case '\r' -> b[o++] = 'r';
                    default -> {
                        b[o++] = 'u';
                        b[o++] = '0';
                        b[o++] = '0';
                        b[o++] = HEX[c >> 4];
                        b[o++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                b[o++] = (byte) (0xC0 | (c >> 6));
                b[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[o++] = (byte) (0xF0 | (cp >> 18));
                    b[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[o++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[o++] = '?';
                }
            } else {
                b[o++] = (byte) (0xE0 | (c >> 12));
                b[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[o++] = '"';
        len = o;
    }
}
