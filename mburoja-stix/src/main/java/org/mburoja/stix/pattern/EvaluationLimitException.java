package org.mburoja.stix.pattern;

/**
 * Evaluation stopped because it would cost more than its budget: a MATCHES or LIKE that backtracks past its step
 * budget, or a pattern whose combinations of observations exceed {@link PatternEvaluator#MAX_BINDINGS}. Raised rather
 * than answering "no match", so a hostile pattern cannot hide a hit or stall detection.
 */
public final class EvaluationLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EvaluationLimitException(String message) {
        super(message);
    }
}
