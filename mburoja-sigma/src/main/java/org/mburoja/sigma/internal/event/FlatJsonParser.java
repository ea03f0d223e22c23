package org.mburoja.sigma.internal.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parser for the common shape of a JSON-lines event, straight from the line's UTF-8 bytes: one object whose values
 * are strings, integers, booleans or null. It gives up (returns null) on anything else — nested objects or arrays,
 * fractions and exponents, long numbers, invalid UTF-8, invalid or unusual JSON, lines of 1 MiB or more — and the
 * caller then runs the generic parser, so every verdict and error message on such lines stays the generic parser's.
 * On the lines it accepts it gives exactly what the generic parser gives (same keys, values and value types).
 *
 * <p>Keys are looked up in a per-parser dictionary by a hash of their bytes, so the few hundred field names of a log
 * source become Strings once, not once per event (interned, as the compiled rules' field names are, so a lookup
 * mostly compares references); the dictionary is bounded ({@value #DICTIONARY} names of at most
 * {@value #DICTIONARY_KEY} bytes) so hostile names cannot grow it. Not thread-safe: one parser per thread.
 */
public final class FlatJsonParser {

    /** Lines of this many bytes or more go to the generic parser (its string limit is 1 MiB of chars). */
    public static final int MAX_LINE = 1 << 20;
    /** Names longer than this (in bytes) go to the generic parser, which limits names to 50,000 chars. */
    private static final int MAX_NAME = 40_000;
    private static final int DICTIONARY = 4096;
    private static final int DICTIONARY_KEY = 128;

    private static final ThreadLocal<FlatJsonParser> LOCAL = ThreadLocal.withInitial(FlatJsonParser::new);

    private final byte[][] dictBytes = new byte[DICTIONARY * 2][];
    private final String[] dictKeys = new String[DICTIONARY * 2];
    private final int[] dictHashes = new int[DICTIONARY * 2];
    /**
     * Per dictionary slot, 1 + the slot of the name that followed it in the last event that had it (0: none), and
     * the same for the first name of the last event: the name predicted at each position. A predicted name is
     * confirmed by comparing its bytes and the closing quote, without hashing the name or probing the dictionary.
     */
    private final int[] dictNext = new int[DICTIONARY * 2];
    /**
     * Per dictionary slot, the name's bytes as little-endian words: the first eight (zero-padded; {@code dictMask}
     * keeps those of a shorter name), bytes 8-15, and the last eight, so that confirming a predicted name of up to
     * 24 bytes is two or three word compares instead of a call of the vectorised array compare.
     */
    private final long[] dictFirst = new long[DICTIONARY * 2];
    private final long[] dictMask = new long[DICTIONARY * 2];
    private final long[] dictMid = new long[DICTIONARY * 2];
    private final long[] dictLast = new long[DICTIONARY * 2];
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private int firstName;
    /** 1 + the dictionary slot of the last name read by {@link #name}, or 0 when it was not put in the dictionary. */
    private int lastNameSlot;
    private int dictSize;
    /** Shapes of recent events, direct-mapped by a hash of their names (see {@link FlatEvent.Shape}). */
    private final FlatEvent.Shape[] shapes = new FlatEvent.Shape[64];

    private String[] keys = new String[64];
    private Object[] values = new Object[64];
    private int[] spans = new int[128];
    private int[] index = new int[128];
    private int size;
    private char[] chars = new char[256];

    /** The parser of the calling thread. */
    public static FlatJsonParser local() {
        return LOCAL.get();
    }

    /** The event, or null when the line is not of the flat shape this parser handles. */
    public FlatEvent parse(byte[] b) {
        int n = b.length;
        if (n >= MAX_LINE) {
            return null;
        }
        size = 0;
        if (keys.length > 256) { // after a line with very many names: do not keep clearing a big index
            keys = new String[64];
            values = new Object[64];
            spans = new int[128];
            index = new int[128];
        } else {
            Arrays.fill(index, 0);
        }
        if (chars.length > 1 << 16) {
            chars = new char[256];
        }
        int i = skip(b, 0, n);
        if (i >= n || b[i] != '{') {
            return null;
        }
        i = skip(b, i + 1, n);
        if (i >= n) {
            return null;
        }
        if (b[i] == '}') {
            return end(b, i + 1, n);
        }
        int prev = -1; // 1 + the dictionary slot of the previous name of this event, 0 unknown, -1 none yet
        while (true) {
            if (b[i] != '"') {
                return null;
            }
            // the name: the predicted one if it stands here, else scanned and looked up
            int start = i + 1;
            int j;
            String key = null;
            int nameSlot = 0;
            int predicted = prev < 0 ? firstName : prev == 0 ? 0 : dictNext[prev - 1];
            if (predicted != 0) {
                byte[] p = dictBytes[predicted - 1];
                int end = start + p.length;
                // a dictionary name has no quote, backslash or control byte: the scan below would stop at this quote
                if (end < n && b[end] == '"' && sameName(b, start, predicted - 1, p, n)) {
                    key = dictKeys[predicted - 1];
                    nameSlot = predicted;
                    i = end + 1;
                }
            }
            if (key == null) {
                j = start;
                int h = 0;
                while (j < n) {
                    byte c = b[j];
                    if (c == '"' || c == '\\' || c < 0x20) {
                        break;
                    }
                    h = 31 * h + c;
                    j++;
                }
                if (j >= n) {
                    return null;
                }
                if (b[j] == '"') {
                    if (j - start > MAX_NAME) {
                        return null;
                    }
                    key = name(b, start, j, h);
                    nameSlot = lastNameSlot;
                    i = j + 1;
                } else {
                    int close = decode(b, start, n);
                    if (close < 0 || close - start > MAX_NAME) {
                        return null;
                    }
                    key = new String(chars, 0, decodedLength);
                    i = close + 1;
                }
            }
            if (prev < 0) {
                firstName = nameSlot;
            } else if (prev > 0) {
                dictNext[prev - 1] = nameSlot;
            }
            prev = nameSlot;
            i = skip(b, i, n);
            if (i >= n || b[i] != ':') {
                return null;
            }
            i = skip(b, i + 1, n);
            if (i >= n) {
                return null;
            }
            // the value
            byte c = b[i];
            int slot = slotFor(key);
            if (c == '"') {
                start = i + 1;
                j = start;
                while (j < n) {
                    byte x = b[j];
                    if (x == '"' || x == '\\' || x < 0x20) {
                        break;
                    }
                    j++;
                }
                if (j >= n) {
                    return null;
                }
                if (b[j] == '"') {
                    values[slot] = null;
                    spans[2 * slot] = start;
                    spans[2 * slot + 1] = j;
                    i = j + 1;
                } else {
                    int close = decode(b, start, n);
                    if (close < 0) {
                        return null;
                    }
                    set(slot, new String(chars, 0, decodedLength));
                    i = close + 1;
                }
            } else if (c == 't' && literal(b, i, n, "true")) {
                set(slot, Boolean.TRUE);
                i += 4;
            } else if (c == 'f' && literal(b, i, n, "false")) {
                set(slot, Boolean.FALSE);
                i += 5;
            } else if (c == 'n' && literal(b, i, n, "null")) {
                set(slot, null);
                i += 4;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int k = c == '-' ? i + 1 : i;
                int digits = 0;
                long v = 0;
                while (k < n && b[k] >= '0' && b[k] <= '9') {
                    v = v * 10 + (b[k] - '0');
                    digits++;
                    k++;
                }
                if (digits == 0 || digits > 18 || (digits > 1 && b[c == '-' ? i + 1 : i] == '0')
                        || (k < n && !delimiter(b[k]))) {
                    return null; // fractions, exponents, leading zeros, long numbers: the generic parser
                }
                if (c == '-') {
                    v = -v;
                }
                set(slot, v == (int) v ? (Object) Integer.valueOf((int) v) : (Object) Long.valueOf(v));
                i = k;
            } else {
                return null;
            }
            i = skip(b, i, n);
            if (i >= n) {
                return null;
            }
            if (b[i] == '}') {
                return end(b, i + 1, n);
            }
            if (b[i] != ',') {
                return null;
            }
            i = skip(b, i + 1, n);
            if (i >= n) {
                return null;
            }
        }
    }

    private FlatEvent end(byte[] b, int i, int n) {
        if (skip(b, i, n) != n) {
            return null;
        }
        int h = size;
        for (int k = 0; k < size; k++) {
            h = 31 * h + keys[k].hashCode();
        }
        int at = (h ^ (h >>> 16)) & (shapes.length - 1);
        FlatEvent.Shape shape = shapes[at];
        if (shape == null || !shape.sameNames(keys, size)) {
            shape = new FlatEvent.Shape(Arrays.copyOf(keys, size), size);
            shapes[at] = shape;
        }
        return new FlatEvent(b, shape, Arrays.copyOf(values, size), Arrays.copyOf(spans, 2 * size));
    }

    private void set(int slot, Object v) {
        values[slot] = v;
        spans[2 * slot] = -1;
    }

    /** The slot of a key in the event being built: a new one, or the earlier one of a repeated key. */
    private int slotFor(String key) {
        int mask = index.length - 1;
        int h = key.hashCode() & mask;
        int i;
        while ((i = index[h]) != 0) {
            if (keys[i - 1].equals(key)) {
                return i - 1;
            }
            h = (h + 1) & mask;
        }
        if (size == keys.length) {
            grow();
            return slotFor(key);
        }
        keys[size] = key;
        index[h] = ++size;
        return size - 1;
    }

    private void grow() {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
        spans = Arrays.copyOf(spans, size * 4);
        index = new int[size * 4];
        int mask = index.length - 1;
        for (int k = 0; k < size; k++) {
            int h = keys[k].hashCode() & mask;
            while (index[h] != 0) {
                h = (h + 1) & mask;
            }
            index[h] = k + 1;
        }
    }

    /** An ASCII name without escapes, from the dictionary when it is there. */
    private String name(byte[] b, int start, int end, int h) {
        int len = end - start;
        lastNameSlot = 0;
        if (len > DICTIONARY_KEY) {
            return new String(b, start, len, StandardCharsets.ISO_8859_1);
        }
        int mask = dictKeys.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        while (dictKeys[slot] != null) {
            if (dictHashes[slot] == h && Arrays.equals(dictBytes[slot], 0, len, b, start, end)) {
                lastNameSlot = slot + 1;
                return dictKeys[slot];
            }
            slot = (slot + 1) & mask;
        }
        String key = new String(b, start, len, StandardCharsets.ISO_8859_1);
        if (dictSize < DICTIONARY) {
            key = key.intern(); // the compiled rules intern their field names: lookups then compare references
            dictBytes[slot] = Arrays.copyOfRange(b, start, end);
            dictFirst[slot] = word(b, start, Math.min(len, 8));
            dictMask[slot] = len >= 8 ? -1L : (1L << (8 * len)) - 1;
            dictMid[slot] = len > 8 ? word(b, start + 8, Math.min(len - 8, 8)) : 0;
            dictLast[slot] = len >= 8 ? word(b, end - 8, 8) : 0;
            dictKeys[slot] = key;
            dictHashes[slot] = h;
            dictSize++;
            lastNameSlot = slot + 1;
        }
        return key;
    }

    /** {@code k <= 8} bytes from {@code b[at]} as the low bytes of a little-endian word. */
    private static long word(byte[] b, int at, int k) {
        long w = 0;
        for (int i = 0; i < k; i++) {
            w |= (b[at + i] & 0xFFL) << (8 * i);
        }
        return w;
    }

    /**
     * Whether {@code b[start, start + p.length)} is {@code p}, the name in dictionary slot {@code s}; the caller has
     * checked that {@code b[start + p.length]} (a quote) is within {@code n = b.length}.
     */
    private boolean sameName(byte[] b, int start, int s, byte[] p, int n) {
        int len = p.length;
        if (len < 8) {
            if (start + 8 > n) {
                return Arrays.equals(p, 0, len, b, start, start + len);
            }
            return ((long) LONGS.get(b, start) & dictMask[s]) == dictFirst[s];
        }
        if ((long) LONGS.get(b, start) != dictFirst[s] || (long) LONGS.get(b, start + len - 8) != dictLast[s]) {
            return false;
        }
        if (len <= 16) {
            return true;
        }
        if (len <= 24) {
            return (long) LONGS.get(b, start + 8) == dictMid[s];
        }
        return Arrays.equals(p, 8, len - 8, b, start + 8, start + len - 8);
    }

    private int decodedLength;

    /**
     * Decodes the string starting at {@code start} (after its opening quote) into {@link #chars}, with JSON escapes
     * and strict UTF-8; the position of the closing quote, or -1 when the generic parser must decide (an invalid
     * escape or UTF-8 sequence, a control character, no closing quote).
     */
    private int decode(byte[] b, int start, int n) {
        if (chars.length < n - start) {
            chars = new char[Math.max(n - start, chars.length * 2)];
        }
        char[] out = chars;
        int o = 0;
        int i = start;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c == '"') {
                decodedLength = o;
                return i;
            }
            if (c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    return -1;
                }
                int e = b[i + 1];
                switch (e) {
                    case '"', '\\', '/' -> out[o++] = (char) e;
                    case 'b' -> out[o++] = '\b';
                    case 'f' -> out[o++] = '\f';
                    case 'n' -> out[o++] = '\n';
                    case 'r' -> out[o++] = '\r';
                    case 't' -> out[o++] = '\t';
                    case 'u' -> {
                        if (i + 5 >= n) {
                            return -1;
                        }
                        int v = 0;
                        for (int k = i + 2; k < i + 6; k++) {
                            int d = Character.digit(b[k], 16);
                            if (d < 0 || b[k] < 0) {
                                return -1;
                            }
                            v = (v << 4) | d;
                        }
                        out[o++] = (char) v;
                        i += 4;
                    }
                    default -> {
                        return -1;
                    }
                }
                i += 2;
                continue;
            }
            if (c < 0x80) {
                out[o++] = (char) c;
                i++;
                continue;
            }
            // strict UTF-8 (what the replacing decoder would not touch); anything else: the generic path
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= n || !cont(b[i + 1])) {
                    return -1;
                }
                out[o++] = (char) (((c & 0x1F) << 6) | (b[i + 1] & 0x3F));
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= n || !cont(b[i + 1]) || !cont(b[i + 2])) {
                    return -1;
                }
                int b1 = b[i + 1] & 0xFF;
                if ((c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 > 0x9F)) {
                    return -1; // overlong, or a surrogate
                }
                out[o++] = (char) (((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b[i + 2] & 0x3F));
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= n || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
                    return -1;
                }
                int b1 = b[i + 1] & 0xFF;
                if ((c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 > 0x8F)) {
                    return -1;
                }
                int cp = ((c & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
                out[o++] = Character.highSurrogate(cp);
                out[o++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                return -1;
            }
        }
        return -1;
    }

    private static boolean cont(byte x) {
        return (x & 0xC0) == 0x80;
    }

    private static boolean literal(byte[] b, int i, int n, String word) {
        int len = word.length();
        if (i + len > n) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return i + len == n || delimiter(b[i + len]);
    }

    private static boolean delimiter(byte c) {
        return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skip(byte[] b, int i, int n) {
        while (i < n) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return i;
            }
            i++;
        }
        return i;
    }
}
