package org.mburoja.sigma.internal.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    public AhoCorasick(List<String> literals) {
        List<TreeMap<Character, Integer>> children = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        children.add(new TreeMap<>());
        out.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            int s = 0;
            for (char c : literals.get(id).toCharArray()) {
                Integer next = children.get(s).get(c);
                if (next == null) {
                    next = children.size();
                    children.add(new TreeMap<>());
                    out.add(new ArrayList<>());
                    children.get(s).put(c, next);
                }
                s = next;
            }
            out.get(s).add(id);
        }
        int n = children.size();
        offsets = new int[n + 1];
        int edges = 0;
        for (int s = 0; s < n; s++) {
            offsets[s] = edges;
            edges += children.get(s).size();
        }
        offsets[n] = edges;
        keys = new char[edges];
        targets = new int[edges];
        for (int s = 0; s < n; s++) {
            int i = offsets[s];
            for (Map.Entry<Character, Integer> e : children.get(s).entrySet()) {
                keys[i] = e.getKey();
                targets[i++] = e.getValue();
            }
        }
        Arrays.fill(rootAscii, 0);
        for (Map.Entry<Character, Integer> e : children.getFirst().entrySet()) {
            if (e.getKey() < 128) {
                rootAscii[e.getKey()] = e.getValue();
            }
        }
        fail = new int[n];
        outputs = new int[n][];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        Map<Integer, int[]> merged = new HashMap<>();
        for (int t : children.getFirst().values()) {
            fail[t] = 0;
            queue.add(t);
        }
        merged.put(0, new int[0]);
        outputs[0] = new int[0];
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int[] own = out.get(s).stream().mapToInt(Integer::intValue).toArray();
            int[] inherited = outputs[fail[s]];
            int[] all = Arrays.copyOf(own, own.length + inherited.length);
            System.arraycopy(inherited, 0, all, own.length, inherited.length);
            outputs[s] = all;
            for (Map.Entry<Character, Integer> e : children.get(s).entrySet()) {
                int t = e.getValue();
                int f = fail[s];
                int next;
                while ((next = step(f, e.getKey())) < 0 && f != 0) {
                    f = fail[f];
                }
                next = step(f, e.getKey());
                fail[t] = next < 0 || next == t ? 0 : next;
                queue.add(t);
            }
        }
        literalCount = literals.size();
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
            char c = Text.fold(text.charAt(i));
            int next;
            while ((next = step(s, c)) < 0 && s != 0) {
                s = fail[s];
            }
            s = next < 0 ? 0 : next;
            int[] o = outputs[s];
            for (int id : o) {
                found.set(id);
            }
        }
    }
}
