package org.mburoja.incidents.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.incidents.reporting.ReportingStage;
import org.mburoja.incidents.reporting.SignificanceAnswers;
import org.mburoja.incidents.reporting.SignificanceAssessment;
import org.mburoja.incidents.reporting.StageDeadline;

/** The report side's request and response shapes (JSON), kept apart from the domain. */
public final class ReportViews {

    private ReportViews() {
    }

    /**
     * Opening a report. Authority staff may file on behalf of an operator ({@code organisationId}); an operator's
     * user files for its own organisation and may omit it.
     */
    public record NewReport(UUID organisationId, String sector, String entityClass, String title, String contactEmail,
                            Instant awareAt, SignificanceAnswers significance) {
    }

    public record NewSubmission(String stage, Map<String, Object> content) {
    }

    public record IntermediateRequest(Instant dueAt, String text) {
    }

    public record Feedback(String text) {
    }

    public record HandlingEnded(Instant endedAt) {
    }

    public record Deadline(ReportingStage stage, Instant dueAt, boolean provisional, String basis, Instant submittedAt,
                           StageDeadline.State state) {
    }

    public record Submission(UUID id, ReportingStage stage, int version, String receipt, Instant submittedAt,
                             String submittedBy, Map<String, Object> content, String contentSha256) {
    }

    /** A submission's acknowledgement: the receipt number the operator keeps as proof. */
    public record Receipt(String receipt, UUID reportId, ReportingStage stage, int version, Instant submittedAt,
                          String contentSha256) {
    }

    public record Report(UUID id, String number, UUID organisationId, String operatorName, String sector,
                         String entityClass, String entityType, boolean trustServiceProvider, String title,
                         String contactEmail, Instant awareAt, SignificanceAssessment significance,
                         Instant intermediateDueAt, String intermediateRequest, Instant handlingEndedAt, UUID caseId,
                         Instant createdAt, String createdBy, List<Deadline> deadlines, List<Submission> submissions) {
    }
}
