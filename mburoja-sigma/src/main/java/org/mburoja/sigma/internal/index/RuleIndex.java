package org.mburoja.sigma.internal.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mburoja.sigma.internal.compile.CompiledRule.Variant;
import org.mburoja.sigma.internal.compile.EventContext;
import org.mburoja.sigma.internal.compile.Requirement;
import org.mburoja.sigma.internal.compile.Text;
import org.mburoja.sigma.internal.event.FlatEvent;

/**
 * Narrows the rules an event is tested against, in two steps.
 * <ol>
 * <li>Log-source routing: the two fields that log-source conditions use most (with SigmaHQ's mapping: {@code EventID}
 * and {@code Channel}) key a two-level table, so a Sysmon EventID 1 event only meets process_creation rules.</li>
 * <li>Literal pre-filter: each rule that needs one of some literals (the longest literal of every value of its most
 * selective AND branch) is skipped unless an {@link AhoCorasick} scan of the event found one of them. The automata
 * are per candidate set and per scanned field, and hold only the literals of the candidates whose requirements name
 * that field (a process_creation event's {@code Hashes} are scanned for the hash literals only, its
 * {@code CommandLine} for the command-line literals): one automaton over all ~17,000 SigmaHQ literals has a
 * transition table of tens of MB, so most characters cost a cache miss, and a literal found in a field no rule looks
 * for it in selected rules for nothing. They are built on the first event that meets the set and shared by every
 * routing key and field with the same literals; there are at most as many as there are distinct rule buckets times
 * their fields (unknown routing values fall into the catch-all buckets), not one per hostile value.</li>
 * </ol>
 * Both steps only drop rules that cannot match; the compiled check decides. Immutable and thread-safe; the
 * candidate lists per routing key are cached (at most 4,096 keys, so hostile values cannot grow it without bound).
 */
public final class RuleIndex {

    private static final String ANY = "\u0000*";
    private static final int MAX_CACHE = 4096;

    /** A variant and the literal ids of its requirement (null: always evaluate). */
    public record Indexed(Variant variant, int[] literals) {
    }

    /**
     * The variants one routing key leads to, in rule order; the fields their literal requirements name (what to
     * scan); the positions of variants without a requirement ({@code always}, as a bit set); and per literal id the
     * positions of the variants that need it ({@code postings}, null where none), so the work per event follows the
     * literals found rather than the number of rules.
     */
    public record Candidates(Indexed[] variants, String[] scanFields, long[] always, int[][] postings,
            AhoCorasick[] automata) {

        /** Positions (bit set) of the variants to evaluate, given the literals found. */
        public long[] select(LiteralHits hits) {
            long[] out = always.clone();
            if (postings != null) {
                hits.forEach(id -> {
                    int[] p = id < postings.length ? postings[id] : null;
                    if (p != null) {
                        for (int pos : p) {
                            out[pos >>> 6] |= 1L << pos;
                        }
                    }
                });
            }
            return out;
        }
    }

    private final String routeA;
    private final String routeB;
    private final Map<String, Map<String, List<Indexed>>> buckets = new HashMap<>();
    private final ConcurrentHashMap<String, Candidates> cache = new ConcurrentHashMap<>();
    /** Every required literal; a literal's id is its position. */
    private final List<String> literals;
    /** Automata by the sorted literal ids they hold (bounded by the distinct candidate sets, see the class doc). */
    private final ConcurrentHashMap<String, AhoCorasick> automata = new ConcurrentHashMap<>();
    /**
     * Full-row entries the automata built from now on may still take beyond their shallow states
     * ({@link AhoCorasick#ROW_BUDGET} each): 16 M entries, 64 MB, over all of them, so that many log sources and
     * fields cannot add up to more; what is over it keeps the compact deep states.
     */
    private final java.util.concurrent.atomic.AtomicLong rowBudget = new java.util.concurrent.atomic.AtomicLong(16L << 20);
    private final int variantCount;

    public RuleIndex(List<Variant> variants) {
        Map<String, Integer> fieldUse = new HashMap<>();
        for (Variant v : variants) {
            v.conditions().keySet().forEach(f -> fieldUse.merge(f, 1, Integer::sum));
        }
        List<String> top = fieldUse.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).limit(2).toList();
        routeA = top.size() > 0 ? top.get(0) : null;
        routeB = top.size() > 1 ? top.get(1) : null;
        Map<String, Integer> literalIds = new HashMap<>();
        List<String> literals = new ArrayList<>();
        for (Variant v : variants) {
            Requirement r = v.requirement();
            int[] ids = null;
            if (r != null) {
                ids = new int[r.literals().size()];
                int n = 0;
                for (String l : r.literals()) {
                    Integer id = literalIds.get(l);
                    if (id == null) {
                        id = literals.size();
                        literalIds.put(l, id);
                        literals.add(l);
                    }
                    ids[n++] = id;
                }
                java.util.Arrays.sort(ids);
            }
            Indexed ix = new Indexed(v, ids);
            for (String a : keys(v, routeA)) {
                for (String b : keys(v, routeB)) {
                    buckets.computeIfAbsent(a, k -> new HashMap<>()).computeIfAbsent(b, k -> new ArrayList<>()).add(ix);
                }
            }
        }
        this.literals = List.copyOf(literals);
        variantCount = variants.size();
    }

    private static List<String> keys(Variant v, String field) {
        if (field == null || !v.conditions().containsKey(field)) {
            return List.of(ANY);
        }
        List<String> out = new ArrayList<>(2);
        for (String value : v.conditions().get(field)) {
            String k = Text.fold(value);
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    public int literalCount() {
        return literals.size();
    }

    public int variantCount() {
        return variantCount;
    }

    /** The variants that may match the event, in rule order. */
    public Candidates candidates(EventContext ctx) {
        String a = route(ctx, routeA);
        String b = route(ctx, routeB);
        String key = a + '\u0001' + b;
        Candidates cached = cache.get(key);
        return cached != null ? cached : build(a, b, key);
    }

    /**
     * The candidates of a routing key not met before (once per key: kept out of {@link #candidates} so that the
     * per-event path stays small for the JIT).
     */
    private Candidates build(String a, String b, String key) {
        Set<Indexed> merged = new LinkedHashSet<>();
        for (String ka : a.equals(ANY) ? List.of(ANY) : List.of(a, ANY)) {
            Map<String, List<Indexed>> inner = buckets.get(ka);
            if (inner == null) {
                continue;
            }
            for (String kb : b.equals(ANY) ? List.of(ANY) : List.of(b, ANY)) {
                List<Indexed> l = inner.get(kb);
                if (l != null) {
                    merged.addAll(l);
                }
            }
        }
        Indexed[] list = merged.stream().sorted(Comparator.comparingInt(ix -> ix.variant().rule())).toArray(Indexed[]::new);
        Set<String> fields = new LinkedHashSet<>();
        for (Indexed ix : list) {
            if (ix.literals() != null) {
                fields.addAll(ix.variant().requirement().fields());
            }
        }
        long[] always = new long[(list.length >>> 6) + 1];
        int[] postingCount = new int[literals.size()];
        boolean anyPosting = false;
        for (int pos = 0; pos < list.length; pos++) {
            int[] lits = list[pos].literals();
            if (lits == null) {
                always[pos >>> 6] |= 1L << pos;
            } else {
                for (int id : lits) {
                    postingCount[id]++;
                    anyPosting = true;
                }
            }
        }
        int[][] postings = null;
        String[] scanFields = fields.toArray(String[]::new);
        AhoCorasick[] fieldAutomata = new AhoCorasick[scanFields.length];
        if (anyPosting) {
            // per literal id, the positions of the variants that need it, in increasing order
            postings = new int[literals.size()][];
            for (int pos = 0; pos < list.length; pos++) {
                int[] lits = list[pos].literals();
                if (lits != null) {
                    for (int id : lits) {
                        if (postings[id] == null) {
                            postings[id] = new int[postingCount[id]];
                            postingCount[id] = 0;
                        }
                        postings[id][postingCount[id]++] = pos;
                    }
                }
            }
            // per scanned field, the literals of the requirements that name it: a literal is looked for only where
            // a rule needs it (a requirement holds when one of its literals occurs in one of its fields)
            for (int f = 0; f < scanFields.length; f++) {
                java.util.BitSet ids = new java.util.BitSet(literals.size());
                for (Indexed ix : list) {
                    if (ix.literals() != null && ix.variant().requirement().fields().contains(scanFields[f])) {
                        for (int id : ix.literals()) {
                            ids.set(id);
                        }
                    }
                }
                int[] sorted = new int[ids.cardinality()];
                for (int id = ids.nextSetBit(0), k = 0; id >= 0; id = ids.nextSetBit(id + 1)) {
                    sorted[k++] = id;
                }
                fieldAutomata[f] = automata.computeIfAbsent(java.util.Arrays.toString(sorted), k -> {
                    AhoCorasick built = new AhoCorasick(java.util.Arrays.stream(sorted).mapToObj(literals::get).toList(),
                            sorted, (int) Math.min(Integer.MAX_VALUE, rowBudget.get()));
                    rowBudget.addAndGet(-built.rowEntries());
                    return built;
                });
            }
        }
        Candidates out = new Candidates(list, scanFields, always, postings, fieldAutomata);
        if (cache.size() < MAX_CACHE) {
            cache.put(key, out);
        }
        return out;
    }

    private static String route(EventContext ctx, String field) {
        if (field == null) {
            return ANY;
        }
        String s = ctx.text(field).folded();
        return s == null || s.length() > 200 ? ANY : s;
    }

    /** Scans the fields the candidates' requirements name and marks the literals found. */
    public void scan(EventContext ctx, Candidates candidates, LiteralHits hits) {
        FlatEvent flat = ctx.event() instanceof FlatEvent fe ? fe : null;
        String[] scanFields = candidates.scanFields();
        AhoCorasick[] automata = candidates.automata();
        int[] slots = flat == null ? null : flat.slots(scanFields);
        FieldMemo[] memos = hits.memos(candidates);
        for (int k = 0; k < scanFields.length; k++) {
            String f = scanFields[k];
            AhoCorasick automaton = automata[k];
            if (slots != null) {
                int slot = slots[k];
                if (slot == FlatEvent.ABSENT) {
                    continue;
                }
                if (slot >= 0 && flat.spanStart(slot) >= 0) {
                    // printable ASCII as it stands in the line: scanned without making the String, unless it is the
                    // value this field had in the worker's last event of this candidate set
                    byte[] line = flat.line();
                    int from = flat.spanStart(slot);
                    int to = flat.spanEnd(slot);
                    FieldMemo memo = memos == null ? null : memos[k];
                    if (memo == null) {
                        automaton.scan(line, from, to, hits);
                    } else if (memo.holds(line, from, to)) {
                        memo.markIn(hits);
                    } else {
                        automaton.scan(line, from, to, hits, memo.start(line, from, to) ? memo : null);
                    }
                    continue;
                }
            }
            EventContext.FieldText t = ctx.text(f);
            String raw = t.raw();
            if (raw != null) {
                // the automaton folds as it reads
                FieldMemo memo = memos == null ? null : memos[k];
                if (memo == null) {
                    automaton.scan(raw, hits);
                } else if (memo.holds(raw)) {
                    memo.markIn(hits);
                } else {
                    automaton.scan(raw, hits, memo.start(raw) ? memo : null);
                }
                continue;
            }
            Object v = t.value();
            if (v instanceof List<?> list) {
                for (Object e : list) {
                    if (e != null) {
                        automaton.scan(Text.of(e), hits);
                    }
                }
            }
        }
    }

    public LiteralHits newHits() {
        return new LiteralHits(literals.size());
    }
}
