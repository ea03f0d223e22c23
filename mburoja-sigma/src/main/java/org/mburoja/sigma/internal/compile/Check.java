package org.mburoja.sigma.internal.compile;

import java.util.List;

/** A compiled predicate over one event. Implementations are immutable and shared by all threads. */
public interface Check {

    boolean test(EventContext ctx);

    Check TRUE = ctx -> true;

    static Check and(List<Check> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        Check[] a = items.toArray(Check[]::new);
        return ctx -> {
            for (Check c : a) {
                if (!c.test(ctx)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Check or(List<Check> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        Check[] a = items.toArray(Check[]::new);
        return ctx -> {
            for (Check c : a) {
                if (c.test(ctx)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Check not(Check inner) {
        return ctx -> !inner.test(ctx);
    }

    /** At least {@code count} of the items hold ({@code count < 0}: all of them). */
    static Check atLeast(int count, List<Check> items) {
        if (count < 0 || count >= items.size()) {
            return count < 0 || count == items.size() ? and(items) : ctx -> false;
        }
        if (count == 1) {
            return or(items);
        }
        Check[] a = items.toArray(Check[]::new);
        return ctx -> {
            int hits = 0;
            for (Check c : a) {
                if (c.test(ctx) && ++hits >= count) {
                    return true;
                }
            }
            return false;
        };
    }
}
