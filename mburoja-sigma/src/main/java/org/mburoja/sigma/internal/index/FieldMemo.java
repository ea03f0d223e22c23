package org.mburoja.sigma.internal.index;

import java.util.Arrays;

/**
 * The last value one worker scanned in one field of one candidate set, and the literal ids the field's automaton
 * found in it. Log streams repeat values (the same image, parent, user, integrity level, event after event): when
 * the next event of the set has the same bytes in the field, the ids are marked again without running the
 * automaton. Exact: the same bytes and the same automaton find the same literals. Not thread-safe (one per worker).
 */
final class FieldMemo {

    /** Values longer than this are scanned every time (the copy and compare would be most of the scan). */
    static final int MAX_BYTES = 4096;
    /** More literal occurrences than this in one value are not remembered. */
    static final int MAX_IDS = 64;

    private byte[] bytes = new byte[64];
    /** Length of the remembered bytes; -1 when no bytes are remembered. */
    private int length = -1;
    /** The remembered value when it was a String (an escaped or non-ASCII value); null when none is. */
    private String text;
    private final int[] ids = new int[MAX_IDS];
    private int count;

    /** Whether {@code b[from, to)} is the remembered value. */
    boolean holds(byte[] b, int from, int to) {
        int n = to - from;
        return n == length && Arrays.equals(b, from, to, bytes, 0, n);
    }

    /** Whether {@code s} is the remembered value. */
    boolean holds(String s) {
        return s.equals(text);
    }

    /** Marks the remembered ids in {@code found}. */
    void markIn(LiteralHits found) {
        for (int i = 0; i < count; i++) {
            found.set(ids[i]);
        }
    }

    /** Starts remembering {@code b[from, to)}, whose ids follow by {@link #add}; false when it is too long to keep. */
    boolean start(byte[] b, int from, int to) {
        int n = to - from;
        text = null;
        if (n > MAX_BYTES) {
            length = -1;
            return false;
        }
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        System.arraycopy(b, from, bytes, 0, n);
        length = n;
        count = 0;
        return true;
    }

    /** Starts remembering {@code s}, whose ids follow by {@link #add}; false when it is too long to keep. */
    boolean start(String s) {
        length = -1;
        if (s.length() > MAX_BYTES) {
            text = null;
            return false;
        }
        text = s;
        count = 0;
        return true;
    }

    /** One id found in the value being remembered (an overflow forgets the value). */
    void add(int id) {
        if (count == MAX_IDS) {
            length = -1;
            text = null;
            return;
        }
        ids[count++] = id;
    }
}
