package org.mburoja.sigma.internal.compile;

import java.util.HashSet;
import java.util.Set;

/**
 * A necessary condition for a detection to match: one of {@code literals} (folded) occurs in one of {@code fields}.
 * The index uses it to skip rules whose literals the event does not contain. {@code null} stands for "no useful
 * requirement" (the rule must always be evaluated).
 */
public record Requirement(Set<String> fields, Set<String> literals) {

    /** Literals shorter than this filter too little to be worth carrying. */
    static final int MIN_LITERAL = 3;

    /**
     * Whether a literal filters enough to be required: three characters or more, or any length if it holds a non-ASCII
     * character (an emoji is two chars, yet rare in logs; without this, rules listing hundreds of emojis ran a
     * {@code contains} per emoji on every command line, 40% of the detection time on EVTX-ATTACK).
     */
    static boolean usable(String literal) {
        if (literal.length() >= MIN_LITERAL) {
            return true;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (literal.charAt(i) >= 128) {
                return true;
            }
        }
        return false;
    }

    static Requirement of(String field, Set<String> literals) {
        return new Requirement(Set.of(field), Set.copyOf(literals));
    }

    /** Either requirement may be the one that holds: the union. */
    static Requirement or(Requirement a, Requirement b) {
        if (a == null || b == null) {
            return null;
        }
        Set<String> f = new HashSet<>(a.fields);
        f.addAll(b.fields);
        Set<String> l = new HashSet<>(a.literals);
        l.addAll(b.literals);
        return new Requirement(Set.copyOf(f), Set.copyOf(l));
    }

    /** Both hold, so either alone is necessary: keep the more selective one. */
    static Requirement and(Requirement a, Requirement b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.score() >= b.score() ? a : b;
    }

    private double score() {
        int min = literals.isEmpty() ? 0 : Integer.MAX_VALUE;
        for (String l : literals) {
            min = Math.min(min, l.length());
        }
        return Math.min(min, 12) - 0.01 * literals.size();
    }
}
