package org.mburoja.incidents.internal;

import static org.mburoja.incidents.internal.ReportService.instant;
import static org.mburoja.incidents.internal.ReportService.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisations;
import org.mburoja.incidents.cases.CaseStatus;
import org.mburoja.incidents.internal.CaseViews.Case;
import org.mburoja.incidents.internal.CaseViews.CaseUpdate;
import org.mburoja.incidents.internal.CaseViews.NewCase;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CSIRT cases: opening (by hand or from a report), updates, the status workflow, links, merge and sharing. Every
 * change writes an automatic timeline entry and an audit entry in the same transaction.
 */
@Service
public class CaseService {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Organisations organisations;
    private final ReportService reports;

    public CaseService(JdbcClient jdbc, AuditLog audit, Organisations organisations, ReportService reports) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.organisations = organisations;
        this.reports = reports;
    }

    @Transactional
    public Case open(Actor actor, NewCase in) {
        return open(actor, in, "MANUAL");
    }

    /** Opens a case; {@code source} says how it came (MANUAL, REPORT, ALERT). */
    @Transactional
    public Case open(Actor actor, NewCase in, String source) {
        IncidentAccess.requireStaff(actor, "open cases");
        if (in == null) {
            throw InvalidInputException.of("body", "required");
        }
        FieldCheck check = new FieldCheck();
        String title = check.text("title", in.title(), 300, true);
        String description = check.text("description", in.description(), 20_000, false);
        CaseFields.Severity severity = check.oneOf("severity", in.severity(), CaseFields.Severity.class, true);
        CaseFields.Tlp tlp = in.tlp() == null ? CaseFields.Tlp.AMBER : CaseFields.tlp(check, in.tlp(), true);
        CaseFields.Pap pap = in.pap() == null ? CaseFields.Pap.AMBER : check.oneOf("pap", in.pap(), CaseFields.Pap.class, true);
        CaseFields.rsit(check, in.rsitClass(), in.rsitType());
        List<String> techniques = CaseFields.techniques(check, in.attackTechniques());
        String sector = check.text("sector", in.sector(), 100, false);
        ReportService.EntityClass cls = check.oneOf("entityClass", in.entityClass(), ReportService.EntityClass.class, false);
        String assignee = check.text("assignee", in.assignee(), 200, false);
        if (in.organisationId() != null && organisations.find(new OrganisationId(in.organisationId()))
                .filter(o -> o.kind() == OrganisationKind.OPERATOR).isEmpty()) {
            check.add("organisationId", "not an operator organisation");
        }
        check.throwIfAny();
        return insert(actor, title, description, severity.name(), in.organisationId(), sector,
                cls == null ? null : cls.name(), in.rsitClass(), in.rsitType(), techniques, tlp.name(), pap.name(),
                Boolean.TRUE.equals(in.crossBorder()), assignee, null, source);
    }

    /** Opens a case from an operator's report, copying what the report says; a report has at most one case. */
    @Transactional
    public Case openFromReport(Actor actor, UUID reportId) {
        IncidentAccess.requireStaff(actor, "open cases");
        ReportService.Row r = reports.row(actor, reportId);
        if (r.caseId() != null) {
            throw InvalidInputException.of("reportId", "report already has case " + r.caseId());
        }
        Case c = insert(actor, r.number() + ": " + r.title(), null, r.trustServiceProvider() ? "HIGH" : "MEDIUM",
                r.organisationId(), r.sector(), r.entityClass(), null, null, List.of(), CaseFields.Tlp.AMBER.name(),
                CaseFields.Pap.AMBER.name(), false, null, reportId, "REPORT");
        reports.linkCase(reportId, c.id());
        return c;
    }

    private Case insert(Actor actor, String title, String description, String severity, UUID org, String sector,
                        String entityClass, String rsitClass, String rsitType, List<String> techniques, String tlp,
                        String pap, boolean crossBorder, String assignee, UUID reportId, String source) {
        Instant now = ReportService.now();
        UUID id = UUID.randomUUID();
        String number = reports.nextNumber("case", "CASE", now);
        jdbc.sql("""
                INSERT INTO incident_cases (id, number, title, description, severity, status, assignee, organisation_id,
                  sector, entity_class, rsit_class, rsit_type, attack_techniques, tlp, pap, cross_border, report_id, source,
                  created_at, created_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")
                .params(id, number, title, description, severity, CaseStatus.NEW.name(), assignee, org, sector,
                        entityClass, rsitClass, rsitType, techniques == null ? "" : String.join(",", techniques), tlp,
                        pap, crossBorder, reportId, source, ts(now), actor.username(), ts(now))
                .update();
        timeline(id, actor, "case opened" + (reportId == null ? "" : " from report " + reportId));
        Case c = summary(id);
        audit.append(actor, "incident.case.open", "incident-case", id.toString(), null, c);
        return c;
    }

    @Transactional
    public Case update(Actor actor, UUID id, CaseUpdate in) {
        IncidentAccess.requireStaff(actor, "change cases");
        Case before = visible(actor, id);
        if (in == null) {
            throw InvalidInputException.of("body", "required");
        }
        FieldCheck check = new FieldCheck();
        String title = in.title() == null ? before.title() : check.text("title", in.title(), 300, true);
        String description = in.description() == null ? before.description() : check.text("description", in.description(), 20_000, false);
        String severity = in.severity() == null ? before.severity() : name(check.oneOf("severity", in.severity(), CaseFields.Severity.class, true));
        String tlp = in.tlp() == null ? before.tlp() : name(CaseFields.tlp(check, in.tlp(), true));
        String pap = in.pap() == null ? before.pap() : name(check.oneOf("pap", in.pap(), CaseFields.Pap.class, true));
        String rsitClass = in.rsitClass() == null ? before.rsitClass() : in.rsitClass();
        String rsitType = in.rsitClass() == null && in.rsitType() == null ? before.rsitType() : in.rsitType();
        CaseFields.rsit(check, rsitClass, rsitType);
        List<String> techniques = in.attackTechniques() == null ? before.attackTechniques() : CaseFields.techniques(check, in.attackTechniques());
        String assignee = in.assignee() == null ? before.assignee() : check.text("assignee", in.assignee(), 200, false);
        List<String> tags = in.tags() == null ? before.tags() : CaseFields.tags(check, in.tags());
        boolean crossBorder = in.crossBorder() == null ? before.crossBorder() : in.crossBorder();
        check.throwIfAny();
        jdbc.sql("""
                UPDATE incident_cases SET title = ?, description = ?, severity = ?, tlp = ?, pap = ?, rsit_class = ?,
                  rsit_type = ?, attack_techniques = ?, assignee = ?, tags = ?, cross_border = ?, updated_at = ? WHERE id = ?""")
                .params(title, description, severity, tlp, pap, rsitClass, rsitType, String.join(",", techniques),
                        assignee, String.join(",", tags), crossBorder, ts(ReportService.now()), id).update();
        Case after = summary(id);
        timeline(id, actor, "updated: " + changes(before, after));
        audit.append(actor, "incident.case.update", "incident-case", id.toString(), before, after);
        return after;
    }

    @Transactional
    public Case changeStatus(Actor actor, UUID id, CaseViews.StatusChange in) {
        IncidentAccess.requireStaff(actor, "change a case's status");
        Case before = visible(actor, id);
        FieldCheck check = new FieldCheck();
        CaseStatus to = in == null ? null : check.oneOf("status", in.status(), CaseStatus.class, true);
        CaseStatus.ClosureReason closure = in == null ? null : check.oneOf("closureReason", in.closureReason(), CaseStatus.ClosureReason.class, false);
        String reason = in == null ? null : check.text("reason", in.reason(), 2000, false);
        if (in == null) {
            check.add("status", "required");
        }
        check.throwIfAny();
        if (before.mergedInto() != null) {
            throw InvalidInputException.of("status", "case was merged into " + before.mergedInto() + "; work on that case");
        }
        try {
            CaseStatus.valueOf(before.status()).checkTransition(to, closure, reason);
        } catch (CaseStatus.IllegalCaseTransitionException e) {
            throw InvalidInputException.of("status", e.getMessage());
        }
        Instant now = ReportService.now();
        jdbc.sql("UPDATE incident_cases SET status = ?, status_reason = ?, closure_reason = ?, closed_at = ?, updated_at = ? WHERE id = ?")
                .params(to.name(), reason, closure == null ? null : closure.name(), to == CaseStatus.CLOSED ? ts(now) : null,
                        ts(now), id).update();
        timeline(id, actor, "status " + before.status() + " -> " + to + (closure == null ? "" : " (" + closure + ")")
                + (reason == null ? "" : ": " + reason));
        Case after = summary(id);
        audit.append(actor, "incident.case.status", "incident-case", id.toString(), Map.of("status", before.status()),
                Map.of("status", to.name(), "reason", String.valueOf(reason)));
        return after;
    }

    /**
     * One action on many cases in one transaction: if any case refuses it (unknown, merged, illegal transition),
     * nothing changes and the answer names the case by its index in {@code caseIds}.
     */
    @Transactional
    public List<Case> bulk(Actor actor, CaseViews.BulkAction in) {
        IncidentAccess.requireStaff(actor, "change cases");
        if (in == null || in.caseIds() == null || in.caseIds().isEmpty()) {
            throw InvalidInputException.of("caseIds", "required: at least one case");
        }
        if (in.caseIds().size() > 200) {
            throw InvalidInputException.of("caseIds", "at most 200 cases at once");
        }
        String action = in.action() == null ? "" : in.action().strip().toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("assign", "status", "tag").contains(action)) {
            throw InvalidInputException.of("action", "one of assign, status, tag");
        }
        List<Case> out = new java.util.ArrayList<>();
        for (int i = 0; i < in.caseIds().size(); i++) {
            UUID id = in.caseIds().get(i);
            try {
                if (id == null) {
                    throw InvalidInputException.of("id", "missing");
                }
                Case c;
                try {
                    c = visible(actor, id);
                } catch (NotFoundException e) {
                    throw InvalidInputException.of("id", "no such case");
                }
                out.add(switch (action) {
                    case "assign" -> update(actor, id, new CaseUpdate(null, null, null, null, null, null, null, null, null,
                            in.assignee() == null ? "" : in.assignee(), null));
                    case "status" -> changeStatus(actor, id, new CaseViews.StatusChange(in.status(), in.closureReason(), in.reason()));
                    default -> {
                        List<String> tags = new java.util.ArrayList<>(c.tags());
                        tags.add(in.tag() == null ? "" : in.tag());
                        yield update(actor, id, new CaseUpdate(null, null, null, null, null, null, null, null, null, null, tags));
                    }
                });
            } catch (InvalidInputException e) {
                final int index = i;
                throw new InvalidInputException(e.fields().stream()
                        .map(f -> new InvalidInputException.FieldError("caseIds[" + index + "]." + f.field(), f.message())).toList());
            }
        }
        return out;
    }

    @Transactional
    public void link(Actor actor, UUID id, CaseViews.NewLink in) {
        IncidentAccess.requireStaff(actor, "link cases");
        visible(actor, id);
        FieldCheck check = new FieldCheck();
        if (in == null || in.otherCaseId() == null) {
            throw InvalidInputException.of("otherCaseId", "required");
        }
        if (in.otherCaseId().equals(id)) {
            throw InvalidInputException.of("otherCaseId", "a case cannot be linked to itself");
        }
        String relation = check.text("relation", in.relation() == null ? "related" : in.relation(), 30, true);
        check.throwIfAny();
        Case other = visibleOr400(actor, in.otherCaseId(), "otherCaseId");
        int exists = jdbc.sql("SELECT COUNT(*) FROM incident_case_links WHERE case_id = ? AND other_id = ?")
                .params(id, other.id()).query(Integer.class).single();
        if (exists > 0) {
            throw InvalidInputException.of("otherCaseId", "already linked");
        }
        Instant now = ReportService.now();
        jdbc.sql("INSERT INTO incident_case_links (case_id, other_id, relation, linked_at, linked_by) VALUES (?,?,?,?,?)")
                .params(id, other.id(), relation, ts(now), actor.username()).update();
        jdbc.sql("INSERT INTO incident_case_links (case_id, other_id, relation, linked_at, linked_by) VALUES (?,?,?,?,?)")
                .params(other.id(), id, relation, ts(now), actor.username()).update();
        timeline(id, actor, "linked to " + other.number() + " (" + relation + ")");
        timeline(other.id(), actor, "linked to " + summary(id).number() + " (" + relation + ")");
        audit.append(actor, "incident.case.link", "incident-case", id.toString(), null, Map.of("other", other.id().toString(), "relation", relation));
    }

    /**
     * Merges a duplicate into {@code into}: the duplicate's observables, tasks and evidence move over, the duplicate
     * is closed as DUPLICATE and points at the survivor. Nothing is deleted, so the audit trail stays whole.
     */
    @Transactional
    public Case merge(Actor actor, UUID id, CaseViews.Merge in) {
        IncidentAccess.requireStaff(actor, "merge cases");
        Case dup = visible(actor, id);
        if (in == null || in.intoCaseId() == null) {
            throw InvalidInputException.of("intoCaseId", "required");
        }
        if (in.intoCaseId().equals(id)) {
            throw InvalidInputException.of("intoCaseId", "a case cannot be merged into itself");
        }
        Case into = visibleOr400(actor, in.intoCaseId(), "intoCaseId");
        if (into.mergedInto() != null || dup.mergedInto() != null) {
            throw InvalidInputException.of("intoCaseId", "one of the cases is already merged");
        }
        jdbc.sql("""
                UPDATE incident_observables SET case_id = ? WHERE case_id = ? AND NOT EXISTS (SELECT 1 FROM incident_observables o
                  WHERE o.case_id = ? AND o.kind = incident_observables.kind AND o.obs_value = incident_observables.obs_value)""")
                .params(into.id(), id, into.id()).update();
        jdbc.sql("UPDATE incident_tasks SET case_id = ? WHERE case_id = ?").params(into.id(), id).update();
        jdbc.sql("UPDATE incident_evidence SET case_id = ? WHERE case_id = ?").params(into.id(), id).update();
        Instant now = ReportService.now();
        jdbc.sql("UPDATE incident_cases SET status = 'CLOSED', closure_reason = 'DUPLICATE', merged_into = ?, closed_at = ?, updated_at = ? WHERE id = ?")
                .params(into.id(), ts(now), ts(now), id).update();
        timeline(id, actor, "merged into " + into.number());
        timeline(into.id(), actor, "absorbed duplicate " + dup.number());
        audit.append(actor, "incident.case.merge", "incident-case", id.toString(), Map.of("status", dup.status()),
                Map.of("mergedInto", into.id().toString()));
        return summary(into.id());
    }

    @Transactional
    public Case share(Actor actor, UUID id, CaseViews.Share in) {
        IncidentAccess.requireStaff(actor, "share cases");
        visible(actor, id);
        if (in == null || in.organisationId() == null) {
            throw InvalidInputException.of("organisationId", "required");
        }
        var org = organisations.find(new OrganisationId(in.organisationId()))
                .orElseThrow(() -> InvalidInputException.of("organisationId", "no such organisation"));
        if (org.kind() == OrganisationKind.NATIONAL_AUTHORITY) {
            throw InvalidInputException.of("organisationId", "the authority sees every case already");
        }
        int exists = jdbc.sql("SELECT COUNT(*) FROM incident_case_shares WHERE case_id = ? AND organisation_id = ?")
                .params(id, org.id().value()).query(Integer.class).single();
        if (exists == 0) {
            jdbc.sql("INSERT INTO incident_case_shares (case_id, organisation_id, shared_at, shared_by) VALUES (?,?,?,?)")
                    .params(id, org.id().value(), ts(ReportService.now()), actor.username()).update();
            timeline(id, actor, "shared with " + org.name());
            audit.append(actor, "incident.case.share", "incident-case", id.toString(), null, Map.of("organisation", org.id().toString()));
        }
        return summary(id);
    }

    public List<Case> list(Actor actor, String status) {
        IncidentAccess.requireScope(actor, false);
        if (status != null && Arrays.stream(CaseStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw InvalidInputException.of("status", "one of " + Arrays.toString(CaseStatus.values()));
        }
        List<UUID> ids = status == null
                ? jdbc.sql("SELECT id FROM incident_cases ORDER BY updated_at DESC LIMIT 1000").query(UUID.class).list()
                : jdbc.sql("SELECT id FROM incident_cases WHERE status = ? ORDER BY updated_at DESC LIMIT 1000")
                        .param(status).query(UUID.class).list();
        return ids.stream().map(this::summary).filter(c -> IncidentAccess.canSeeCase(actor, c.organisationId(), Set.copyOf(c.sharedWith()))).toList();
    }

    /** The case if the actor may see it; 404 otherwise. */
    public Case visible(Actor actor, UUID id) {
        Case c = jdbc.sql("SELECT COUNT(*) FROM incident_cases WHERE id = ?").param(id).query(Integer.class).single() == 0
                ? null : summary(id);
        if (c == null || !IncidentAccess.canSeeCase(actor, c.organisationId(), Set.copyOf(c.sharedWith()))) {
            throw new NotFoundException("case " + id);
        }
        return c;
    }

    private Case visibleOr400(Actor actor, UUID id, String field) {
        try {
            return visible(actor, id);
        } catch (NotFoundException e) {
            throw InvalidInputException.of(field, "no such case");
        }
    }

    Case summary(UUID id) {
        List<UUID> shares = jdbc.sql("SELECT organisation_id FROM incident_case_shares WHERE case_id = ?").param(id).query(UUID.class).list();
        return jdbc.sql("SELECT * FROM incident_cases WHERE id = ?").param(id).query((rs, n) -> map(rs, shares)).single();
    }

    private static Case map(ResultSet rs, List<UUID> shares) throws SQLException {
        String tech = rs.getString("attack_techniques");
        String tags = rs.getString("tags");
        return new Case(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
                rs.getString("description"), rs.getString("severity"), rs.getString("status"),
                rs.getString("status_reason"), rs.getString("closure_reason"), rs.getString("assignee"),
                rs.getObject("organisation_id", UUID.class), rs.getString("sector"), rs.getString("entity_class"),
                rs.getString("rsit_class"), rs.getString("rsit_type"),
                tech == null || tech.isEmpty() ? List.of() : List.of(tech.split(",")),
                tags == null || tags.isEmpty() ? List.of() : List.of(tags.split(",")), rs.getString("tlp"),
                rs.getString("pap"), rs.getBoolean("cross_border"), rs.getObject("merged_into", UUID.class),
                rs.getObject("report_id", UUID.class), rs.getString("source"), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "updated_at"), instant(rs, "closed_at"), shares);
    }

    /** An automatic timeline entry: what changed, by whom, now. */
    void timeline(UUID caseId, Actor actor, String text) {
        Instant now = ReportService.now();
        jdbc.sql("INSERT INTO incident_timeline (id, case_id, event_at, recorded_at, actor, automatic, text) VALUES (?,?,?,?,?,?,?)")
                .params(UUID.randomUUID(), caseId, ts(now), ts(now), actor.username(), true,
                        text.length() > 4000 ? text.substring(0, 4000) : text).update();
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String changes(Case a, Case b) {
        Map<String, String> m = new LinkedHashMap<>();
        diff(m, "title", a.title(), b.title());
        diff(m, "severity", a.severity(), b.severity());
        diff(m, "tlp", a.tlp(), b.tlp());
        diff(m, "pap", a.pap(), b.pap());
        diff(m, "rsit", a.rsitClass() + "/" + a.rsitType(), b.rsitClass() + "/" + b.rsitType());
        diff(m, "attackTechniques", a.attackTechniques().toString(), b.attackTechniques().toString());
        diff(m, "assignee", a.assignee(), b.assignee());
        diff(m, "tags", a.tags().toString(), b.tags().toString());
        diff(m, "crossBorder", String.valueOf(a.crossBorder()), String.valueOf(b.crossBorder()));
        diff(m, "description", a.description(), b.description());
        return m.isEmpty() ? "nothing" : String.join(", ", m.values());
    }

    private static void diff(Map<String, String> m, String field, String a, String b) {
        if (!java.util.Objects.equals(a, b)) {
            m.put(field, field.equals("description") ? "description changed" : field + " " + a + " -> " + b);
        }
    }
}
