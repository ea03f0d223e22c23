package org.mburoja.incidents.reporting;

import java.util.List;

/**
 * The outcome of a significance assessment, stored with the report so the authority sees why the operator reported
 * (or believed it need not).
 *
 * @param significant whether at least one criterion is met
 * @param met         the criteria met, each with its legal reference
 * @param notes       remarks that did not decide the outcome (e.g. an exclusion applied)
 */
public record SignificanceAssessment(boolean significant, List<Criterion> met, List<String> notes) {

    public SignificanceAssessment {
        met = List.copyOf(met);
        notes = List.copyOf(notes);
    }

    /** A criterion met: {@code reference} cites the law (e.g. {@code IR 2024/2690 Art. 3(1)(a)}). */
    public record Criterion(String reference, String reason) {
    }
}
