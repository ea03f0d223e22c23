package org.mburoja.intel;

import java.util.List;
import java.util.UUID;

/** Per-object results of one ingest; a rejected object never blocks the others. */
public record IngestReport(UUID collection, List<ObjectOutcome> outcomes) {

    public IngestReport {
        outcomes = List.copyOf(outcomes);
    }

    public long count(ObjectOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
