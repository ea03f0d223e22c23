package org.mburoja.incidents.reporting;

import java.time.Instant;

/**
 * One clock of a report.
 *
 * @param dueAt       the deadline, or null while it cannot be known yet (final report after a progress report, until
 *                    handling ends)
 * @param provisional whether the deadline rests on another deadline rather than a submission (the final report's
 *                    date before the notification is in) and will move when that submission arrives
 * @param basis       a sentence saying what the deadline is counted from, for the operator and the audit
 * @param submittedAt first submission of the stage, or null
 */
public record StageDeadline(ReportingStage stage, Instant dueAt, boolean provisional, String basis,
                            Instant submittedAt) {

    /** Where a clock stands at {@code now}. */
    public enum State {
        /** Due date not known yet. */
        AWAITING,
        /** Not submitted, deadline still ahead. */
        OPEN,
        /** Not submitted, deadline passed. */
        OVERDUE,
        /** Submitted on or before the deadline. */
        MET,
        /** Submitted after the deadline. */
        LATE
    }

    public State state(Instant now) {
        if (submittedAt != null) {
            return dueAt == null || !submittedAt.isAfter(dueAt) ? State.MET : State.LATE;
        }
        if (dueAt == null) {
            return State.AWAITING;
        }
        return now.isAfter(dueAt) ? State.OVERDUE : State.OPEN;
    }
}
