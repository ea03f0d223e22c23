package org.mburoja.leak.internal;

import java.util.Arrays;

/**
 * Ints appended in {@link ArrayPool} chunks and turned by {@link #sortDistinct} into sorted, distinct runs, one
 * exact-size array per call. A file's index sorts what it appended once, at the end of the file; the scan's index
 * takes the files' runs over without copying or merging them, because the person count reads them run by run or in
 * order through a {@link Cursor}. A value may be in several runs. A run is never written after it is made, so two
 * owners may hold the same one.
 */
final class IntRuns {

    /** More runs than this are merged into one before another is added (one run per file is the usual case). */
    static final int MAX_RUNS = 16;
    private static final int[][] NO_RUNS = new int[0][];
    private final ArrayPool pool;
    private final IntChunks tail;
    private int[][] runs = new int[4][];
    private int runCount;

    IntRuns(ArrayPool pool) {
        this.pool = pool;
        this.tail = new IntChunks(pool);
    }

    void add(int v) {
        tail.add(v);
    }

    /** Appends everything of {@code o}: its runs are shared, its values not yet sorted are copied. */
    void addAll(IntRuns o) {
        for (int r = 0; r < o.runCount; r++) {
            addRun(o.runs[r]);
        }
        tail.addAll(o.tail);
    }

    /** Sorts the values appended since the last call into a new run and gives their chunks back to the pool. */
    void sortDistinct() {
        int n = tail.size();
        if (n == 0) {
            return;
        }
        int[] s = tail.sortAndClear();
        int w = 1;
        for (int r = 1; r < n; r++) {
            if (s[r] != s[w - 1]) {
                s[w++] = s[r];
            }
        }
        addRun(Arrays.copyOf(s, w));
    }

    private void addRun(int[] run) {
        if (runCount == MAX_RUNS) {
            int[] all = union();
            Arrays.fill(runs, null);
            runs[0] = all;
            runCount = 1;
        }
        if (runCount == runs.length) {
            runs = Arrays.copyOf(runs, runCount * 2);
        }
        runs[runCount++] = run;
    }

    /** Number of runs; after {@link #sortDistinct} they hold every value. */
    int runCount() {
        return runCount;
    }

    int[] run(int r) {
        return runs[r];
    }

    /** How many distinct values there are (sorts what was appended). */
    long distinct() {
        sortDistinct();
        if (runCount <= 1) {
            return runCount == 0 ? 0 : runs[0].length;
        }
        long count = 0;
        int last = 0;
        for (Cursor c = cursor(); c.more(); c.advance()) {
            int v = c.peek();
            if (count == 0 || v != last) {
                count++;
                last = v;
            }
        }
        return count;
    }

    /** The sorted distinct values (sorts what was appended); for tests. */
    int[] toArray() {
        sortDistinct();
        return runCount == 1 ? runs[0].clone() : union();
    }

    /** The sorted distinct union of the runs, as a new array. */
    private int[] union() {
        long total = 0;
        for (int r = 0; r < runCount; r++) {
            total += runs[r].length;
        }
        int[] out = new int[(int) total];
        int w = 0;
        for (Cursor c = cursor(); c.more(); c.advance()) {
            int v = c.peek();
            if (w == 0 || v != out[w - 1]) {
                out[w++] = v;
            }
        }
        return Arrays.copyOf(out, w);
    }

    /** The values of the runs in ascending order, duplicates across runs included (not those appended since). */
    Cursor cursor() {
        return new Cursor(runCount == 0 ? NO_RUNS : Arrays.copyOf(runs, runCount));
    }

    /**
     * A k-way merge of sorted runs: the head of each run not yet used up is held in a small array, the smallest found
     * by a scan of it (k is small: one run per file); a used-up run leaves the array. One run is read directly.
     */
    static final class Cursor {
        private final int[][] runs;
        private final int[] pos;
        private final int[] heads;
        private int active;
        private int at;
        private int head;
        private boolean more;
        /** The only run, when there is one: read without the heads. */
        private final int[] single;
        private int sp;

        Cursor(int[][] all) {
            runs = new int[all.length][];
            pos = new int[all.length];
            heads = new int[all.length];
            for (int[] r : all) {
                if (r.length > 0) {
                    runs[active] = r;
                    heads[active] = r[0];
                    active++;
                }
            }
            single = active == 1 ? runs[0] : null;
            pick();
        }

        boolean more() {
            return more;
        }

        int peek() {
            return head;
        }

        void advance() {
            if (single != null) {
                if (++sp < single.length) {
                    head = single[sp];
                } else {
                    more = false;
                }
                return;
            }
            int p = ++pos[at];
            int[] r = runs[at];
            if (p < r.length) {
                heads[at] = r[p];
            } else {
                active--;
                runs[at] = runs[active];
                pos[at] = pos[active];
                heads[at] = heads[active];
                runs[active] = null;
            }
            pick();
        }

        private void pick() {
            if (active == 0) {
                more = false;
                return;
            }
            int best = 0;
            int min = heads[0];
            for (int r = 1; r < active; r++) {
                int v = heads[r];
                if (v < min) {
                    min = v;
                    best = r;
                }
            }
            at = best;
            head = min;
            more = true;
        }
    }
}
