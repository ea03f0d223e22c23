package org.mburoja.sigma.internal.compile;

import java.util.Arrays;
import java.util.List;

/**
 * A compiled predicate over one event. Implementations are immutable, shared by all threads, and pure (the answer
 * depends on the event only), so {@link #and}, {@link #or} and {@link #atLeast} may test their items in any order:
 * they test the cheapest first ({@link #cost}), which is what makes {@code keywords and not 1 of filter_*} cost one
 * field comparison when the filter's {@code Level: 4} holds, instead of a keyword search over every field first.
 */
public interface Check {

    boolean test(EventContext ctx);

    /**
     * A rough relative cost of one {@link #test}, in string comparisons of one field: only for ordering the items
     * of a combination (a keyword search over the whole event is far dearer than an equality on one field).
     */
    default int cost() {
        return 2;
    }

    Check TRUE = new Constant(true);

    /** Always {@code value}. */
    record Constant(boolean value) implements Check {
        public boolean test(EventContext ctx) {
            return value;
        }

        public int cost() {
            return 0;
        }
    }

    /** Every item holds; items tested cheapest first. */
    record All(Check[] items, int cost) implements Check {
        public boolean test(EventContext ctx) {
            for (Check c : items) {
                if (!c.test(ctx)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some item holds; items tested cheapest first. */
    record Any(Check[] items, int cost) implements Check {
        public boolean test(EventContext ctx) {
            for (Check c : items) {
                if (c.test(ctx)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Check inner) implements Check {
        public boolean test(EventContext ctx) {
            return !inner.test(ctx);
        }

        public int cost() {
            return inner.cost();
        }
    }

    /** At least {@code count} (2 or more, fewer than all) of the items hold; items tested cheapest first. */
    record AtLeast(int count, Check[] items, int cost) implements Check {
        public boolean test(EventContext ctx) {
            int hits = 0;
            for (Check c : items) {
                if (c.test(ctx) && ++hits >= count) {
                    return true;
                }
            }
            return false;
        }
    }

    static Check and(List<Check> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        Check[] a = cheapestFirst(items);
        return new All(a, total(a));
    }

    static Check or(List<Check> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        Check[] a = cheapestFirst(items);
        return new Any(a, total(a));
    }

    static Check not(Check inner) {
        return new Not(inner);
    }

    /** At least {@code count} of the items hold ({@code count < 0}: all of them). */
    static Check atLeast(int count, List<Check> items) {
        if (count < 0 || count >= items.size()) {
            return count < 0 || count == items.size() ? and(items) : new Constant(false);
        }
        if (count == 1) {
            return or(items);
        }
        Check[] a = cheapestFirst(items);
        return new AtLeast(count, a, total(a));
    }

    /** The items by ascending cost, equal costs in their given order. */
    private static Check[] cheapestFirst(List<Check> items) {
        Check[] in = items.toArray(new Check[0]);
        // sorted as (cost, position) pairs: stable, and no comparator lambda for the JIT to compile at load
        long[] keys = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            keys[i] = ((long) in[i].cost() << 32) | i;
        }
        Arrays.sort(keys);
        Check[] a = new Check[in.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = in[(int) keys[i]];
        }
        return a;
    }

    private static int total(Check[] a) {
        long sum = 0;
        for (Check c : a) {
            sum += c.cost();
        }
        return (int) Math.min(sum, Integer.MAX_VALUE / 2);
    }
}
