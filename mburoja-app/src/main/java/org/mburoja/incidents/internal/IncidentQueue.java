package org.mburoja.incidents.internal;

import static org.mburoja.incidents.internal.ReportService.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mburoja.incidents.internal.CaseViews.Case;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The work queue: every open report with its next clock and every open case with its next task due date, most
 * urgent first (overdue, then by due date, then by severity). Analysts see everything; an operator sees its own
 * (the portal); a partner sees the cases shared with it.
 */
@Service
public class IncidentQueue {

    /** One row of the queue. {@code nextStage} is a reporting stage for reports, "TASK" for cases. */
    public record Item(String kind, UUID id, String number, String title, UUID organisationId, String status,
                       String severity, String assignee, String nextStage, Instant nextDueAt, boolean overdue) {
    }

    private static final Map<String, Integer> SEVERITY_RANK = Map.of("CRITICAL", 0, "HIGH", 1, "MEDIUM", 2, "LOW", 3);

    private final JdbcClient jdbc;
    private final CaseService cases;

    public IncidentQueue(JdbcClient jdbc, CaseService cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    public List<Item> items(Actor actor, String kind, Boolean overdueOnly, String assignee) {
        IncidentAccess.requireScope(actor, false);
        if (kind != null && !Set.of("REPORT", "CASE").contains(kind)) {
            throw InvalidInputException.of("kind", "REPORT or CASE");
        }
        Instant now = ReportService.now();
        List<Item> out = new ArrayList<>();
        if (!"CASE".equals(kind)) {
            reports(actor, now, out);
        }
        if (!"REPORT".equals(kind)) {
            for (Case c : cases.list(actor, null)) {
                if (!c.status().equals("CLOSED")) {
                    Instant due = jdbc.sql("SELECT MIN(due_at) AS next_due FROM incident_tasks WHERE case_id = ? AND done = FALSE AND due_at IS NOT NULL")
                            .param(c.id()).query((rs, n) -> instant(rs, "next_due")).optional().orElse(null);
                    out.add(new Item("CASE", c.id(), c.number(), c.title(), c.organisationId(), c.status(), c.severity(),
                            c.assignee(), due == null ? null : "TASK", due, due != null && now.isAfter(due)));
                }
            }
        }
        return out.stream()
                .filter(i -> !Boolean.TRUE.equals(overdueOnly) || i.overdue())
                .filter(i -> assignee == null || assignee.equals(i.assignee()))
                .sorted(Comparator.comparing(Item::overdue).reversed()
                        .thenComparing(Item::nextDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(i -> SEVERITY_RANK.getOrDefault(i.severity(), 9)))
                .toList();
    }

    private void reports(Actor actor, Instant now, List<Item> out) {
        UUID only;
        if (IncidentAccess.staff(actor)) {
            only = null;
        } else if (actor.organisationKind() == OrganisationKind.OPERATOR && actor.organisation() != null) {
            only = actor.organisation().value();
        } else {
            return;
        }
        String sql = """
                SELECT r.id, r.number, r.title, r.organisation_id, d.stage, d.due_at
                FROM incident_reports r JOIN incident_deadlines d ON d.report_id = r.id
                WHERE d.submitted_at IS NULL AND d.due_at IS NOT NULL""" + (only == null ? "" : " AND r.organisation_id = ?")
                + " ORDER BY d.due_at";
        var q = jdbc.sql(sql);
        if (only != null) {
            q = q.param(only);
        }
        Map<UUID, Item> first = new java.util.LinkedHashMap<>();
        q.query((rs, n) -> {
            UUID id = rs.getObject("id", UUID.class);
            Instant due = instant(rs, "due_at");
            first.putIfAbsent(id, new Item("REPORT", id, rs.getString("number"), rs.getString("title"),
                    rs.getObject("organisation_id", UUID.class), "OPEN", null, null, rs.getString("stage"), due, now.isAfter(due)));
            return null;
        }).list();
        out.addAll(first.values());
    }
}
