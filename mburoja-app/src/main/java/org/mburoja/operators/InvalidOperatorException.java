package org.mburoja.operators;

import java.util.List;

/** A write was refused; nothing was stored. Carries every problem found, not only the first. */
public final class InvalidOperatorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;

    public InvalidOperatorException(List<FieldProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String summary(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid operator record");
    }
}
