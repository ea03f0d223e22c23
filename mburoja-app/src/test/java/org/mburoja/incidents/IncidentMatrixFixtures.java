package org.mburoja.incidents;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.mburoja.identity.Organisation;
import org.mburoja.incidents.internal.CaseService;
import org.mburoja.incidents.internal.CaseViews;
import org.mburoja.incidents.internal.CaseWorkService;
import org.mburoja.incidents.internal.EvidenceService;
import org.mburoja.incidents.internal.ReportService;
import org.mburoja.incidents.internal.ReportViews;
import org.mburoja.incidents.reporting.EntityType;
import org.mburoja.incidents.reporting.SignificanceAnswers;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.springframework.context.ApplicationContext;

/**
 * Incident objects owned by an operator organisation, for the platform's authorisation matrix: one instance per
 * request, each object made on first use, so every call finds fresh state (a case not yet opened, a task of that
 * very case).
 */
public final class IncidentMatrixFixtures {

    private final ApplicationContext ctx;
    private final Organisation owner;
    private final Actor reporter;
    private final Actor analyst = new Actor(null, "matrix-analyst", null, OrganisationKind.NATIONAL_AUTHORITY,
            Set.of(Role.ANALYST), null);
    private UUID caseId;
    private UUID taskId;

    public IncidentMatrixFixtures(ApplicationContext ctx, Organisation owner) {
        this.ctx = ctx;
        this.owner = owner;
        this.reporter = new Actor(null, "matrix-reporter", owner.id(), OrganisationKind.OPERATOR, Set.of(Role.OPERATOR), null);
    }

    /** A new report of the owner, without a case. */
    public String report() {
        return newReport().toString();
    }

    private UUID newReport() {
        return ctx.getBean(ReportService.class).open(reporter, new ReportViews.NewReport(owner.id().value(), "health",
                "ESSENTIAL", "matrix report", null, Instant.now().minusSeconds(60), SignificanceAnswers.none(EntityType.OTHER))).id();
    }

    /** A case opened from a new report of the owner. */
    public String kase() {
        if (caseId == null) {
            caseId = ctx.getBean(CaseService.class).openFromReport(analyst, newReport()).id();
        }
        return caseId.toString();
    }

    /** A task of {@link #kase()}. */
    public String task() {
        if (taskId == null) {
            taskId = ctx.getBean(CaseWorkService.class).addTask(analyst, UUID.fromString(kase()),
                    new CaseViews.NewTask("matrix task", null, null)).id();
        }
        return taskId.toString();
    }

    /** An evidence item on {@link #kase()}. */
    public String evidence() {
        return ctx.getBean(EvidenceService.class).addToCase(analyst, UUID.fromString(kase()), "note.txt", "text/plain",
                "matrix".getBytes(java.nio.charset.StandardCharsets.UTF_8), null).id().toString();
    }
}
