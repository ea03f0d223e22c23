package org.mburoja.incidents.reporting;

/**
 * The clocks of NIS2 Art. 23(4): the operator's four submissions, the progress report that replaces the final report
 * while an incident is still being handled, and the CSIRT's own duty to answer an early warning.
 */
public enum ReportingStage {
    /** Art. 23(4)(a): within 24 h of becoming aware; unlawful or malicious act suspected? cross-border impact? */
    EARLY_WARNING(false),
    /** Art. 23(4)(b): within 72 h (24 h for trust service providers); initial assessment, severity, impact, IoCs. */
    NOTIFICATION(false),
    /** Art. 23(4)(c): only when the authority asks; the request sets its due date. */
    INTERMEDIATE(false),
    /** Art. 23(4)(e): instead of the final report when the incident is still ongoing at the final-report date. */
    PROGRESS(false),
    /** Art. 23(4)(d): within one month of the notification (or of the end of handling, after a progress report). */
    FINAL(false),
    /** Art. 23(5): the CSIRT's initial feedback to an early warning, within 24 h of receiving it. */
    INITIAL_FEEDBACK(true);

    private final boolean authorityDuty;

    ReportingStage(boolean authorityDuty) {
        this.authorityDuty = authorityDuty;
    }

    /** Whether the clock runs against the authority (its CSIRT) rather than the operator. */
    public boolean authorityDuty() {
        return authorityDuty;
    }
}
