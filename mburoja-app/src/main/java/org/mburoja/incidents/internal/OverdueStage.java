package org.mburoja.incidents.internal;

import java.time.Instant;
import java.util.UUID;
import org.mburoja.incidents.reporting.ReportingStage;

/** A clock that has just passed without its submission: what a notice says. */
public record OverdueStage(UUID reportId, String reportNumber, UUID organisationId, String operatorName,
                           String title, String contactEmail, ReportingStage stage, Instant dueAt, Instant markedAt) {
}
