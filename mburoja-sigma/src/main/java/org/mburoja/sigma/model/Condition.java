package org.mburoja.sigma.model;

import java.util.List;

/** A detection condition: {@code not} binds tightest, then {@code and}, then {@code or}. */
public sealed interface Condition {

    record And(List<Condition> items) implements Condition {
    }

    record Or(List<Condition> items) implements Condition {
    }

    record Not(Condition item) implements Condition {
    }

    /** A search identifier by name. */
    record Ref(String name) implements Condition {
    }

    /**
     * {@code 1 of x*}, {@code any of them}, {@code all of selection_*}: {@code count} is the number that must hold
     * ({@code -1} for all); {@code pattern} is {@code them} or an identifier pattern with {@code *} wildcards.
     */
    record Of(int count, String pattern) implements Condition {
    }
}
