package org.mburoja.incidents.reporting;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the clocks depend on, as recorded on a report.
 *
 * @param awareAt              when the operator became aware of the significant incident (all clocks start here)
 * @param trustServiceProvider whether the shorter notification limit applies
 * @param firstSubmittedAt     when each stage was first submitted (later versions are corrections and do not move
 *                             a clock)
 * @param intermediateDueAt    the due date the authority set when it asked for an intermediate report, or null
 * @param handlingEndedAt      when the operator declared the handling of the incident finished, or null
 */
public record ReportFacts(Instant awareAt, boolean trustServiceProvider, Map<ReportingStage, Instant> firstSubmittedAt,
                          Instant intermediateDueAt, Instant handlingEndedAt) {

    public ReportFacts {
        Objects.requireNonNull(awareAt, "awareAt");
        EnumMap<ReportingStage, Instant> copy = new EnumMap<>(ReportingStage.class);
        copy.putAll(firstSubmittedAt);
        firstSubmittedAt = java.util.Collections.unmodifiableMap(copy);
    }

    public static ReportFacts awareAt(Instant awareAt, boolean trustServiceProvider) {
        return new ReportFacts(awareAt, trustServiceProvider, Map.of(), null, null);
    }

    public ReportFacts submitted(ReportingStage stage, Instant at) {
        EnumMap<ReportingStage, Instant> m = new EnumMap<>(ReportingStage.class);
        m.putAll(firstSubmittedAt);
        m.putIfAbsent(stage, at);
        return new ReportFacts(awareAt, trustServiceProvider, m, intermediateDueAt, handlingEndedAt);
    }

    public ReportFacts intermediateRequested(Instant dueAt) {
        return new ReportFacts(awareAt, trustServiceProvider, firstSubmittedAt, dueAt, handlingEndedAt);
    }

    public ReportFacts handlingEnded(Instant at) {
        return new ReportFacts(awareAt, trustServiceProvider, firstSubmittedAt, intermediateDueAt, at);
    }

    public Instant submittedAt(ReportingStage stage) {
        return firstSubmittedAt.get(stage);
    }
}
