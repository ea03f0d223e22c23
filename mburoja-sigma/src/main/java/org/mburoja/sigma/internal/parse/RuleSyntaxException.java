package org.mburoja.sigma.internal.parse;

import org.mburoja.sigma.RuleProblem;

/**
 * Thrown inside the parser and compiler when one document cannot be accepted; caught per document and turned into a
 * {@link RuleProblem}, so it never escapes the engine's public API.
 */
public final class RuleSyntaxException extends RuntimeException {

    private final int line;
    private final String field;

    public RuleSyntaxException(int line, String field, String reason) {
        super(reason, null, false, false);
        this.line = line;
        this.field = field;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public RuleProblem toProblem(String file) {
        return new RuleProblem(file, line, field, getMessage());
    }
}
