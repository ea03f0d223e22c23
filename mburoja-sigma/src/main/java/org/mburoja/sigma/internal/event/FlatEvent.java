package org.mburoja.sigma.internal.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.function.BiConsumer;
import org.mburoja.sigma.Event;

/**
 * A flat JSON event (every value a string, number, boolean or null) as a field table over its line: keys in the
 * order they first appear, a small open-addressing index by {@link String#hashCode()}, and string values without
 * escapes kept as byte ranges of the line until a rule reads them, so fields no rule looks at never become Strings.
 *
 * <p>Reads the same as the {@code MapEvent} over the {@code HashMap} the generic parser builds, including the
 * duplicate-key rule (the last value wins), dotted names and the order {@link #forEach} visits the fields in (the
 * order of a {@code HashMap} of initial capacity 64, computed rather than built). Values are made on first read and
 * cached; the byte ranges never change after construction, so two threads reading one event at once at worst make
 * the same String twice.
 */
public final class FlatEvent implements Event {

    /** Capacity the generic parser gives its map; the iteration order depends on it. */
    static final int MAP_CAPACITY = 64;
    /** A bucket with more entries than this may become a tree in a HashMap, whose order is not computed here. */
    private static final int LIST_BUCKET_MAX = 8;

    private final byte[] line;
    private final String[] keys;
    private final Object[] values;
    /** Per key: the start and end of an ASCII value in {@code line} made on first read, or start -1 (value given). */
    private final int[] spans;
    private final int[] index;
    /** The hash of each key, so a probe compares ints before it compares text. */
    private final int[] hashes;
    private final int size;
    private final Shape shape;

    /**
     * The field names of an event in order, with the index over them and the {@link #forEach} order: what depends on
     * the names only. Events of one kind (a log source, an event id) have the same names in the same order, so the
     * parser keeps the shapes it made lately and hands one to each event with the same names
     * ({@link FlatJsonParser}): the index and the order are then made once per kind of event, not per event.
     * Immutable once made (the order is made on first use; two threads may both make it, the same way).
     */
    static final class Shape {
        final String[] keys;
        final int[] index;
        final int[] hashes;
        final int size;
        private volatile int[] order;
        /** The last {@link #slots} answer on this shape (a plain field: the memo is immutable, so safe to share). */
        private SlotMemo memo;

        Shape(String[] keys, int size) {
            this.keys = keys;
            this.size = size;
            int cap = Integer.highestOneBit(Math.max(8, size * 2 - 1)) << 1;
            int[] ix = new int[cap];
            int[] hs = new int[size];
            for (int i = 0; i < size; i++) {
                hs[i] = keys[i].hashCode();
                int h = hs[i] & (cap - 1);
                while (ix[h] != 0) {
                    h = (h + 1) & (cap - 1);
                }
                ix[h] = i + 1;
            }
            this.index = ix;
            this.hashes = hs;
        }

        /** Whether {@code other[0, n)} are these names, the same String objects in the same order. */
        boolean sameNames(String[] other, int n) {
            if (n != size) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (keys[i] != other[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The slots of one array of field names on one shape; final fields, so it can be published without a lock. */
    private record SlotMemo(String[] fields, int[] slots) {
    }

    /** Answer of {@link #slots} for a field this event does not have. */
    public static final int ABSENT = -1;
    /** Answer of {@link #slots} for a dotted field this event does not have as such (see {@link #get}). */
    public static final int DOTTED = -2;

    FlatEvent(byte[] line, Shape shape, Object[] values, int[] spans) {
        this.line = line;
        this.shape = shape;
        this.keys = shape.keys;
        this.index = shape.index;
        this.hashes = shape.hashes;
        this.size = shape.size;
        this.values = values;
        this.spans = spans;
    }

    /** The number of distinct fields. */
    public int size() {
        return size;
    }

    /** The position of a field among {@link #size()}, or -1 when the event does not have it (dotted names aside). */
    public int slot(String field) {
        int[] ix = index;
        int mask = ix.length - 1;
        int hash = field.hashCode();
        int h = hash & mask;
        int i;
        while ((i = ix[h]) != 0) {
            if (hashes[i - 1] == hash) {
                String k = keys[i - 1];
                if (k == field || k.equals(field)) { // names are interned on both sides, so mostly the first
                    return i - 1;
                }
            }
            h = (h + 1) & mask;
        }
        return -1;
    }

    /**
     * The {@link #slot} of each of {@code fields}, or {@link #ABSENT}, or {@link #DOTTED} for an absent name with a dot
     * (which {@link #get} may still resolve). The answer depends on the names only, so it is kept on the event's
     * shape for the array last asked: events of one kind asked for one array (the pre-filter's fields of their
     * candidate rules) cost one probe per array instead of one per field. Do not modify the returned array.
     */
    public int[] slots(String[] fields) {
        SlotMemo m = shape.memo;
        if (m != null && m.fields == fields) {
            return m.slots;
        }
        int[] out = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            int slot = slot(fields[i]);
            out[i] = slot >= 0 ? slot : fields[i].indexOf('.') > 0 ? DOTTED : ABSENT;
        }
        shape.memo = new SlotMemo(fields, out);
        return out;
    }

    /** The value at a slot. */
    public Object value(int slot) {
        Object v = values[slot];
        if (v != null) {
            return v;
        }
        int start = spans[2 * slot];
        if (start < 0) {
            return null; // a JSON null
        }
        String s = new String(line, start, spans[2 * slot + 1] - start, StandardCharsets.ISO_8859_1);
        values[slot] = s; // spans never change after construction, so a racing reader makes the same String
        return s;
    }

    @Override
    public Object get(String field) {
        int slot = slot(field);
        if (slot >= 0) {
            return value(slot);
        }
        return field.indexOf('.') > 0 ? nested(field) : null;
    }

    @Override
    public boolean has(String field) {
        return slot(field) >= 0 || (field.indexOf('.') > 0 && nested(field) != null);
    }

    /**
     * What the map event's walk through nested maps gives on a flat event: a name with one part before its dots
     * ({@code "a."}) is that part; with more parts the first value is not a map, so nothing.
     */
    private Object nested(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 1) {
            return null;
        }
        int slot = slot(parts[0]);
        return slot < 0 ? null : value(slot);
    }

    @Override
    public void forEach(BiConsumer<String, Object> visitor) {
        for (int i : order()) {
            visitor.accept(keys[i], value(i));
        }
    }

    /**
     * The slots in the order {@link #forEach} visits them: the order of the generic parser's {@code HashMap(64)},
     * computed, or taken from such a map (of slots) when a bucket could have become a tree. Do not modify.
     */
    public int[] order() {
        int[] o = shape.order;
        if (o == null) {
            o = hashMapOrder();
            if (o == null) {
                // same keys, same insertion order, same capacity: the same iteration order whatever the values
                HashMap<String, Integer> map = new HashMap<>(MAP_CAPACITY);
                for (int i = 0; i < size; i++) {
                    map.put(keys[i], i);
                }
                int[] out = new int[size];
                int k = 0;
                for (Integer slot : map.values()) {
                    out[k++] = slot;
                }
                o = out;
            }
            shape.order = o;
        }
        return o;
    }

    /** The field name at a slot. */
    public String key(int slot) {
        return keys[slot];
    }

    /** The line the event was read from; {@link #spanStart} and {@link #spanEnd} index it. */
    public byte[] line() {
        return line;
    }

    /**
     * Where the value at a slot starts in {@link #line()} when it is a string of printable ASCII without escapes
     * (bytes 0x20-0x7F, no quote or backslash: its bytes are its chars), else -1.
     */
    public int spanStart(int slot) {
        return spans[2 * slot];
    }

    /** The end (exclusive) of the value's bytes in {@link #line()}; only meaningful when {@link #spanStart} >= 0. */
    public int spanEnd(int slot) {
        return spans[2 * slot + 1];
    }

    /**
     * The slots in the order a {@code HashMap(64)} filled in key order iterates them: by bucket, and within a bucket
     * by insertion (resizing keeps that order); null when a bucket could have become a tree.
     */
    int[] hashMapOrder() {
        int cap = MAP_CAPACITY;
        while (size > cap * 3 / 4) {
            cap <<= 1;
        }
        int[] bucket = new int[size];
        int[] small = new int[MAP_CAPACITY];
        for (int i = 0; i < size; i++) {
            int h = keys[i].hashCode();
            h ^= h >>> 16;
            bucket[i] = h & (cap - 1);
            if (++small[h & (MAP_CAPACITY - 1)] > LIST_BUCKET_MAX) {
                return null;
            }
        }
        // counting sort by bucket, stable
        int[] count = new int[cap + 1];
        for (int b : bucket) {
            count[b + 1]++;
        }
        for (int b = 0; b < cap; b++) {
            count[b + 1] += count[b];
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[count[bucket[i]]++] = i;
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return sb.append('}').toString();
    }
}
