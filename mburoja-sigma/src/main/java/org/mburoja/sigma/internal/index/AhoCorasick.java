package org.mburoja.sigma.internal.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.mburoja.sigma.internal.compile.Text;

/**
 * One Aho-Corasick automaton over every literal the rules require, so that an event's text is scanned once, in time
 * linear in its length, whatever the number of rules. Transitions are stored as sorted arrays per state (the root
 * has a dense table for ASCII), about 12 bytes per trie node; text is case-folded on the fly with {@link Text#fold}.
 */
public final class AhoCorasick {

    private final int[] rootAscii = new int[128];
    private final int[] offsets;
    private final char[] keys;
    private final int[] targets;
    private final int[] fail;
    private final int[][] outputs;
    private final int literalCount;
    /** ASCII character to its class among the characters the literals use (0: none of them). */
    private final int[] asciiClass = new int[128];
    private final int classes;
    /** Full transition table for ASCII input: delta[state * classes + class]; non-ASCII falls back to goto/fail. */
    private final int[] delta;

    public AhoCorasick(List<String> literals) {
        this(literals, null);
    }

    /**
     * An automaton over {@code literals} that reports literal {@code i} as {@code ids[i]} (null: as {@code i}), so
     * several automata over subsets of one literal table can mark the same {@link LiteralHits}.
     */
    public AhoCorasick(List<String> literals, int[] ids) {
        if (ids != null && ids.length != literals.size()) {
            throw new IllegalArgumentException("ids: " + ids.length + " for " + literals.size() + " literals");
        }
        // build: edges in a hash map keyed by (state, char), then laid out as sorted arrays per state
        HashMap<Long, Integer> edges = new HashMap<>();
        List<int[]> own = new ArrayList<>();
        own.add(null);
        int states = 1;
        for (int id = 0; id < literals.size(); id++) {
            int s = 0;
            for (char c : literals.get(id).toCharArray()) {
                long key = ((long) s << 16) | c;
                Integer next = edges.get(key);
                if (next == null) {
                    next = states++;
                    own.add(null);
                    edges.put(key, next);
                }
                s = next;
            }
            int[] o = own.get(s);
            int out = ids == null ? id : ids[id];
            own.set(s, o == null ? new int[] {out} : append(o, out));
        }
        long[] sorted = new long[edges.size()];
        int k = 0;
        for (long key : edges.keySet()) {
            sorted[k++] = key;
        }
        Arrays.sort(sorted);
        offsets = new int[states + 1];
        keys = new char[sorted.length];
        targets = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            int s = (int) (sorted[i] >>> 16);
            offsets[s + 1]++;
            keys[i] = (char) (sorted[i] & 0xFFFF);
            targets[i] = edges.get(sorted[i]);
        }
        for (int s = 0; s < states; s++) {
            offsets[s + 1] += offsets[s];
        }
        for (int i = offsets[0]; i < offsets[1]; i++) {
            if (keys[i] < 128) {
                rootAscii[keys[i]] = targets[i];
            }
        }
        fail = new int[states];
        outputs = new int[states][];
        outputs[0] = new int[0];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int i = offsets[0]; i < offsets[1]; i++) {
            queue[tail++] = targets[i];
        }
        while (head < tail) {
            int s = queue[head++];
            int[] mine = own.get(s);
            int[] inherited = outputs[fail[s]];
            outputs[s] = mine == null ? inherited : inherited.length == 0 ? mine : concat(mine, inherited);
            for (int i = offsets[s]; i < offsets[s + 1]; i++) {
                char c = keys[i];
                int t = targets[i];
                int f = fail[s];
                int next;
                while ((next = step(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[t] = next < 0 ? 0 : next;
                queue[tail++] = t;
            }
        }
        literalCount = literals.size();
        int nextClass = 1;
        for (char c : keys) {
            if (c < 128 && asciiClass[c] == 0) {
                asciiClass[c] = nextClass++;
            }
        }
        classes = nextClass;
        delta = new int[states * classes];
        // states in breadth-first order, so fail[s] (shallower) is complete before s
        int[] order = new int[states];
        order[0] = 0;
        System.arraycopy(queue, 0, order, 1, tail);
        for (int idx = 0; idx < states; idx++) {
            int s = order[idx];
            for (int c = 0; c < 128; c++) {
                int cls = asciiClass[c];
                if (cls == 0) {
                    continue;
                }
                int t = step(s, (char) c);
                if (t < 0) {
                    t = s == 0 ? 0 : delta[fail[s] * classes + cls];
                }
                delta[s * classes + cls] = t;
            }
        }
    }

    private static int[] append(int[] a, int v) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public int literalCount() {
        return literalCount;
    }

    private int step(int state, char c) {
        if (state == 0) {
            if (c < 128) {
                int t = rootAscii[c];
                return t == 0 ? -1 : t;
            }
        }
        int lo = offsets[state];
        int hi = offsets[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char k = keys[mid];
            if (k < c) {
                lo = mid + 1;
            } else if (k > c) {
                hi = mid - 1;
            } else {
                return targets[mid];
            }
        }
        return -1;
    }

    /** Marks in {@code found} every literal that occurs in {@code text} (case-folded). */
    public void scan(String text, LiteralHits found) {
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                s = delta[s * classes + asciiClass[c]];
            } else {
                c = Text.fold(c);
                int next;
                while ((next = step(s, c)) < 0 && s != 0) {
                    s = fail[s];
                }
                s = next < 0 ? 0 : next;
            }
            int[] o = outputs[s];
            for (int id : o) {
                found.set(id);
            }
        }
    }
}
