package org.mburoja.incidents.cases;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a CSIRT case, following the NIST SP 800-61 phases the analysts work in. Moving forward one or more
 * phases is allowed (a false positive goes from triage straight to closed); moving back (a recovered system is
 * re-infected) needs a reason, and so does closing and reopening. Every change lands on the timeline.
 */
public enum CaseStatus {
    NEW, TRIAGE, IN_PROGRESS, CONTAINED, ERADICATED, RECOVERED, CLOSED;

    /** Statuses reachable from this one. */
    public Set<CaseStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(TRIAGE, IN_PROGRESS, CLOSED);
            case TRIAGE -> EnumSet.of(IN_PROGRESS, CONTAINED, CLOSED);
            case IN_PROGRESS -> EnumSet.of(TRIAGE, CONTAINED, ERADICATED, RECOVERED, CLOSED);
            case CONTAINED -> EnumSet.of(IN_PROGRESS, ERADICATED, RECOVERED, CLOSED);
            case ERADICATED -> EnumSet.of(IN_PROGRESS, CONTAINED, RECOVERED, CLOSED);
            case RECOVERED -> EnumSet.of(IN_PROGRESS, CONTAINED, CLOSED);
            case CLOSED -> EnumSet.of(IN_PROGRESS);
        };
    }

    public boolean open() {
        return this != CLOSED;
    }

    /**
     * Checks a transition. Closing needs a {@link ClosureReason}; going backwards (including reopening) needs a
     * free-text reason.
     *
     * @throws IllegalCaseTransitionException with a message saying which transitions are allowed
     */
    public void checkTransition(CaseStatus to, ClosureReason closure, String reason) {
        if (to == this) {
            throw new IllegalCaseTransitionException("case is already " + this);
        }
        if (!next().contains(to)) {
            throw new IllegalCaseTransitionException("cannot go from " + this + " to " + to + "; allowed: " + next());
        }
        if (to == CLOSED && closure == null) {
            throw new IllegalCaseTransitionException("closing a case needs a closure reason, one of "
                    + java.util.Arrays.toString(ClosureReason.values()));
        }
        if (to != CLOSED && closure != null) {
            throw new IllegalCaseTransitionException("a closure reason is only given when closing");
        }
        if (to.ordinal() < ordinal() && (reason == null || reason.isBlank())) {
            throw new IllegalCaseTransitionException("going back from " + this + " to " + to + " needs a reason");
        }
    }

    /** Why a case was closed; statistics count only {@link #RESOLVED} cases as incidents handled. */
    public enum ClosureReason {
        RESOLVED, FALSE_POSITIVE, DUPLICATE, NOT_SIGNIFICANT, OUT_OF_SCOPE
    }

    /** A refused status change; the message is meant for the analyst. */
    public static final class IllegalCaseTransitionException extends RuntimeException {
        public IllegalCaseTransitionException(String message) {
            super(message);
        }
    }
}
