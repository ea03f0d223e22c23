package org.mburoja.sigma.internal.index;

import java.util.Arrays;
import java.util.List;
import org.mburoja.sigma.internal.compile.Text;

/**
 * One Aho-Corasick automaton over every literal the rules require, so that an event's text is scanned once, in time
 * linear in its length, whatever the number of rules; text is case-folded on the fly with {@link Text#fold}.
 *
 * <p>Layout (states numbered breadth-first, so the root and the shallow states, where nearly every character of a
 * log value leads, are packed together): the states up to depth {@value #DENSE_DEPTH} have a full row of ASCII
 * transitions (by character class); deeper states keep only their own edges and their failure link, and a character
 * without an edge follows failure links down to a row. A full row per state cost ~280 bytes for each of the tens of
 * thousands of deep states (87 MB of tables for SigmaHQ on EVTX, built during the scan), and most deep characters
 * then cost a cache miss; the deep states now take ~10 bytes each. Edge targets carry an "has output" mark (the
 * target complemented), so characters that end no literal touch no output list.
 */
public final class AhoCorasick {

    /** States at this depth or shallower get a full row of ASCII transitions. */
    static final int DENSE_DEPTH = 2;
    /**
     * Deeper states get full rows too, breadth first, while the rows stay within this many entries (1 MiB) and the
     * limit the caller gives: the per-field automata of a candidate set are small enough that many fit entirely.
     */
    public static final int ROW_BUDGET = 1 << 18;

    private final int literalCount;
    /** ASCII character (any case) to the class of its folded form among the literals' characters (0: none). */
    private final int[] inputClass = new int[128];
    /** ASCII character to its folded form. */
    private final char[] foldAscii = new char[128];
    private final int classes;
    /** States {@code < denseCount} (breadth-first numbers) have a row in {@code rows}. */
    private final int denseCount;
    /** rows[state * classes + class]: the next state, complemented when it has output. */
    private final int[] rows;
    /** Per state, its edges {@code edgeStart[s] .. edgeStart[s + 1]} in {@code edgeKey} (sorted) / {@code edgeTarget}. */
    private final int[] edgeStart;
    private final char[] edgeKey;
    /** The edge's target, complemented when it has output. */
    private final int[] edgeTarget;
    private final int[] failLink;
    private final int[][] out;

    public AhoCorasick(List<String> literals) {
        this(literals, null, ROW_BUDGET);
    }

    public AhoCorasick(List<String> literals, int[] ids) {
        this(literals, ids, ROW_BUDGET);
    }

    /**
     * An automaton over {@code literals} that reports literal {@code i} as {@code ids[i]} (null: as {@code i}), so
     * several automata over subsets of one literal table can mark the same {@link LiteralHits}. The states deeper
     * than {@value #DENSE_DEPTH} get full rows while the rows stay within {@code rowLimit} entries (and
     * {@link #ROW_BUDGET}).
     */
    public AhoCorasick(List<String> literals, int[] ids, int rowLimit) {
        if (ids != null && ids.length != literals.size()) {
            throw new IllegalArgumentException("ids: " + ids.length + " for " + literals.size() + " literals");
        }
        // build the trie from the literals in sorted order: each one shares with the trie exactly its common prefix
        // with the one before it, and every state's edges are made in increasing char order (no edge map needed)
        int n = literals.size();
        Integer[] bySorted = new Integer[n];
        for (int i = 0; i < n; i++) {
            bySorted[i] = i;
        }
        Arrays.sort(bySorted, (x, y) -> literals.get(x).compareTo(literals.get(y))); // stable: equal ones by id
        int maxLen = 0;
        int total = 0;
        for (String l : literals) {
            maxLen = Math.max(maxLen, l.length());
            total += l.length();
        }
        int[] parent = new int[total + 1];
        char[] label = new char[total + 1];
        int[][] own = new int[total + 1][];
        int[] path = new int[maxLen + 1];
        int states = 1;
        String prev = "";
        for (int k = 0; k < n; k++) {
            int id = bySorted[k];
            String l = literals.get(id);
            int common = 0;
            int limit = Math.min(prev.length(), l.length());
            while (common < limit && prev.charAt(common) == l.charAt(common)) {
                common++;
            }
            int st = path[common];
            for (int j = common; j < l.length(); j++) {
                int t = states++;
                parent[t] = st;
                label[t] = l.charAt(j);
                path[j + 1] = t;
                st = t;
            }
            int out = ids == null ? id : ids[id];
            own[st] = own[st] == null ? new int[] {out} : append(own[st], out);
            prev = l;
        }
        // edges grouped by state (a stable counting sort of the states by parent keeps them in char order)
        int[] offsets = new int[states + 1];
        for (int t = 1; t < states; t++) {
            offsets[parent[t] + 1]++;
        }
        for (int st = 0; st < states; st++) {
            offsets[st + 1] += offsets[st];
        }
        char[] keys = new char[states - 1];
        int[] targets = new int[states - 1];
        int[] fill = Arrays.copyOf(offsets, states);
        for (int t = 1; t < states; t++) {
            int e = fill[parent[t]]++;
            keys[e] = label[t];
            targets[e] = t;
        }
        int[] fail = new int[states];
        int[][] outputs = new int[states][];
        outputs[0] = new int[0];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int i = offsets[0]; i < offsets[1]; i++) {
            queue[tail++] = targets[i];
        }
        while (head < tail) {
            int s = queue[head++];
            int[] mine = own[s];
            int[] inherited = outputs[fail[s]];
            outputs[s] = mine == null ? inherited : inherited.length == 0 ? mine : concat(mine, inherited);
            for (int i = offsets[s]; i < offsets[s + 1]; i++) {
                char c = keys[i];
                int t = targets[i];
                int f = fail[s];
                int next;
                while ((next = step(offsets, keys, targets, f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[t] = next < 0 ? 0 : next;
                queue[tail++] = t;
            }
        }
        literalCount = literals.size();
        int nextClass = 1;
        int[] asciiClass = new int[128];
        for (char c : keys) {
            if (c < 128 && asciiClass[c] == 0) {
                asciiClass[c] = nextClass++;
            }
        }
        classes = nextClass;
        for (int c = 0; c < 128; c++) {
            foldAscii[c] = Text.fold((char) c);
            inputClass[c] = asciiClass[foldAscii[c]];
        }
        // breadth-first numbering: order[bfs] = state; the queue holds every state but the root, by depth
        int[] order = new int[states];
        System.arraycopy(queue, 0, order, 1, tail);
        int[] bfs = new int[states];
        for (int idx = 0; idx < states; idx++) {
            bfs[order[idx]] = idx;
        }
        int[] depth = new int[states];
        int dense = 1;
        for (int idx = 0; idx < states; idx++) {
            int st = order[idx];
            for (int i = offsets[st]; i < offsets[st + 1]; i++) {
                depth[targets[i]] = depth[st] + 1;
            }
            if (idx > 0 && depth[st] <= DENSE_DEPTH) {
                dense = idx + 1;
            }
        }
        if (classes > 0) {
            dense = Math.max(dense, Math.min(states, Math.min(ROW_BUDGET, Math.max(0, rowLimit)) / classes));
        }
        denseCount = dense;
        out = new int[states][];
        failLink = new int[states];
        edgeStart = new int[states + 1];
        edgeKey = new char[keys.length];
        edgeTarget = new int[keys.length];
        int e = 0;
        for (int idx = 0; idx < states; idx++) {
            int st = order[idx];
            out[idx] = outputs[st];
            failLink[idx] = bfs[fail[st]];
            edgeStart[idx] = e;
            for (int i = offsets[st]; i < offsets[st + 1]; i++) {
                edgeKey[e] = keys[i];
                edgeTarget[e] = mark(bfs[targets[i]], outputs[targets[i]]);
                e++;
            }
        }
        edgeStart[states] = e;
        // full rows for the shallow states: a state's row is its failure link's row (shallower, so complete first;
        // the root's is all 0) with its own ASCII edges written over it
        rows = new int[dense * classes];
        for (int idx = 0; idx < dense; idx++) {
            if (idx > 0) {
                System.arraycopy(rows, failLink[idx] * classes, rows, idx * classes, classes);
            }
            for (int i = edgeStart[idx]; i < edgeStart[idx + 1]; i++) {
                char c = edgeKey[i];
                if (c < 128) {
                    rows[idx * classes + asciiClass[c]] = edgeTarget[i];
                }
            }
        }
    }

    private static final int NONE = Integer.MIN_VALUE;

    private static int mark(int state, int[] outputs) {
        return outputs.length > 0 ? ~state : state;
    }

    /** The marked target of state {@code s}'s own edge on {@code c}, or NONE. */
    private int edge(int s, char c) {
        for (int k = edgeStart[s], end = edgeStart[s + 1]; k < end; k++) {
            char key = edgeKey[k];
            if (key >= c) {
                return key == c ? edgeTarget[k] : NONE;
            }
        }
        return NONE;
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

    /** The number of states (breadth-first numbered), and how many of them have a full row; for tests. */
    int states() {
        return failLink.length;
    }

    /** The entries of the full rows (for the caller's budget). */
    public int rowEntries() {
        return rows.length;
    }

    int denseStates() {
        return denseCount;
    }

    /** A construction-time edge look-up: the target of {@code state} on {@code c}, or -1. */
    private static int step(int[] offsets, char[] keys, int[] targets, int state, char c) {
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

    /** The marked next state from {@code s} on folded {@code c} (ASCII of class {@code cls} > 0, or non-ASCII). */
    private int next(int s, char c, int cls) {
        while (true) {
            if (cls > 0 && s < denseCount) {
                return rows[s * classes + cls];
            }
            int t = edge(s, c);
            if (t != NONE) {
                return t;
            }
            if (s == 0) {
                return 0;
            }
            s = failLink[s];
        }
    }

    /** Marks in {@code found} every literal that occurs in {@code text} (case-folded). */
    public void scan(String text, LiteralHits found) {
        scan(text, found, null);
    }

    /** {@link #scan(String, LiteralHits)}, also telling {@code memo} (if not null) every id found. */
    void scan(String text, LiteralHits found, FieldMemo memo) {
        int[] in = inputClass;
        int s = 0;
        int n = text.length();
        char[] cs = found.chars(n); // a bulk copy, then plain array reads: no per-char coder and bounds checks
        text.getChars(0, n, cs, 0);
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            int t;
            if (c < 128) {
                int cls = in[c];
                t = cls == 0 ? 0 : s < denseCount ? rows[s * classes + cls] : next(s, foldAscii[c], cls);
            } else {
                t = next(s, Text.fold(c), 0);
            }
            if (t < 0) {
                t = ~t;
                for (int id : out[t]) {
                    found.set(id);
                    if (memo != null) {
                        memo.add(id);
                    }
                }
            }
            s = t;
        }
    }

    /**
     * {@link #scan(String, LiteralHits)} of the text of {@code b[from, to)}, which must be bytes below 0x80 (ASCII,
     * read as the chars they are), without making the String.
     */
    public void scan(byte[] b, int from, int to, LiteralHits found) {
        scan(b, from, to, found, null);
    }

    /** {@link #scan(byte[], int, int, LiteralHits)}, also telling {@code memo} (if not null) every id found. */
    void scan(byte[] b, int from, int to, LiteralHits found, FieldMemo memo) {
        int[] in = inputClass;
        int s = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0x7F;
            int cls = in[c];
            int t = cls == 0 ? 0 : s < denseCount ? rows[s * classes + cls] : next(s, foldAscii[c], cls);
            if (t < 0) {
                t = ~t;
                for (int id : out[t]) {
                    found.set(id);
                    if (memo != null) {
                        memo.add(id);
                    }
                }
            }
            s = t;
        }
    }
}
