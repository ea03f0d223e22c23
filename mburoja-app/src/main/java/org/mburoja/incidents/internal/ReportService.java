package org.mburoja.incidents.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.incidents.internal.ReportViews.Deadline;
import org.mburoja.incidents.internal.ReportViews.NewReport;
import org.mburoja.incidents.internal.ReportViews.NewSubmission;
import org.mburoja.incidents.internal.ReportViews.Receipt;
import org.mburoja.incidents.internal.ReportViews.Report;
import org.mburoja.incidents.internal.ReportViews.Submission;
import org.mburoja.incidents.reporting.EntityType;
import org.mburoja.incidents.reporting.ReportFacts;
import org.mburoja.incidents.reporting.ReportingSchedule;
import org.mburoja.incidents.reporting.ReportingStage;
import org.mburoja.incidents.reporting.SignificanceAnswers;
import org.mburoja.incidents.reporting.SignificanceAssessment;
import org.mburoja.incidents.reporting.SignificanceAssessor;
import org.mburoja.incidents.reporting.StageDeadline;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators' incident reports: opening, versioned immutable submissions with receipts, the authority's requests
 * and feedback, and the clocks kept in {@code incident_deadlines}. Every change is audited in the same transaction.
 */
@Service
public class ReportService {

    /** Above any entity's turnover; bounds what an amount can cost to compare, store and print. */
    private static final java.math.BigDecimal MAX_AMOUNT_EUR = java.math.BigDecimal.TEN.pow(15);


    enum EntityClass { ESSENTIAL, IMPORTANT }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Organisations organisations;
    private final JsonMapper json;
    private final ReportingSchedule schedule;
    private final SignificanceAssessor assessor = new SignificanceAssessor();

    public ReportService(JdbcClient jdbc, AuditLog audit, Organisations organisations, JsonMapper json,
                         ReportingSchedule schedule) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.organisations = organisations;
        this.json = json;
        this.schedule = schedule;
    }

    @Transactional
    public Report open(Actor actor, NewReport in) {
        IncidentAccess.requireScope(actor, true);
        if (!IncidentAccess.staff(actor) && !(actor.has(org.mburoja.kernel.Role.OPERATOR)
                && actor.organisationKind() == OrganisationKind.OPERATOR)) {
            throw new ForbiddenException("only an operator's reporters and authority analysts file reports");
        }
        FieldCheck check = new FieldCheck();
        if (in == null) {
            throw InvalidInputException.of("body", "required");
        }
        UUID org = in.organisationId() != null ? in.organisationId()
                : actor.organisation() == null ? null : actor.organisation().value();
        Organisation operator = null;
        if (org == null) {
            check.add("organisationId", "required");
        } else {
            operator = organisations.find(new org.mburoja.kernel.OrganisationId(org)).orElse(null);
            if (operator == null || operator.kind() != OrganisationKind.OPERATOR) {
                check.add("organisationId", "not an operator organisation");
            } else if (!IncidentAccess.canFile(actor, org)) {
                throw new ForbiddenException("you may file reports only for your own organisation");
            }
        }
        String sector = check.text("sector", in.sector(), 100, true);
        EntityClass cls = check.oneOf("entityClass", in.entityClass(), EntityClass.class, true);
        String title = check.text("title", in.title(), 300, true);
        String email = check.email("contactEmail", in.contactEmail(), false);
        Instant now = now();
        if (in.awareAt() == null) {
            check.add("awareAt", "required: when you became aware of the incident (ISO-8601 instant)");
        } else if (in.awareAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            check.add("awareAt", "lies in the future");
        } else if (in.awareAt().isBefore(now.minus(Duration.ofDays(3650)))) {
            check.add("awareAt", "more than ten years ago");
        }
        SignificanceAnswers answers = in.significance();
        if (answers == null) {
            check.add("significance", "required: the answers of the significance assessment");
        } else {
            if (answers.financialLossEur() != null && answers.financialLossEur().signum() < 0) {
                check.add("significance.financialLossEur", "must not be negative");
            }
            if (answers.annualTurnoverEur() != null && answers.annualTurnoverEur().signum() < 0) {
                check.add("significance.annualTurnoverEur", "must not be negative");
            }
            if (answers.recurrencesCollectiveLossEur() != null && answers.recurrencesCollectiveLossEur().signum() < 0) {
                check.add("significance.recurrencesCollectiveLossEur", "must not be negative");
            }
            Map<String, java.math.BigDecimal> amounts = new LinkedHashMap<>();
            amounts.put("financialLossEur", answers.financialLossEur());
            amounts.put("annualTurnoverEur", answers.annualTurnoverEur());
            amounts.put("recurrencesCollectiveLossEur", answers.recurrencesCollectiveLossEur());
            amounts.forEach((k, v) -> {
                if (v != null && v.compareTo(MAX_AMOUNT_EUR) > 0) {
                    check.add("significance." + k, "implausibly large (more than EUR 10^15)");
                }
            });
            Map<String, Number> counts = new LinkedHashMap<>();
            counts.put("recurrencesSameRootCause6Months", answers.recurrencesSameRootCause6Months());
            counts.put("completeUnavailabilityMinutes", answers.completeUnavailabilityMinutes());
            counts.put("degradedMinutes", answers.degradedMinutes());
            counts.put("weeklyUnavailabilityMinutes", answers.weeklyUnavailabilityMinutes());
            counts.put("affectedUsers", answers.affectedUsers());
            counts.put("totalUsers", answers.totalUsers());
            counts.put("affectedDomainNames", answers.affectedDomainNames());
            counts.put("managedDomainNames", answers.managedDomainNames());
            counts.forEach((k, v) -> {
                if (v != null && v.longValue() < 0) {
                    check.add("significance." + k, "must not be negative");
                }
            });
        }
        check.throwIfAny();
        Instant awareAt = in.awareAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        SignificanceAssessment assessment = assessor.assess(answers);
        UUID id = UUID.randomUUID();
        String number = nextNumber("report", "INC", now);
        EntityType type = answers.entityType();
        jdbc.sql("""
                INSERT INTO incident_reports (id, number, organisation_id, operator_name, sector, entity_class, entity_type,
                  trust_service_provider, title, contact_email, aware_at, significant, significance_json, created_at, created_by)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")
                .params(id, number, org, operator.name(), sector, cls.name(), type.name(),
                        type == EntityType.TRUST_SERVICE_PROVIDER, title, email, ts(awareAt),
                        assessment.significant(), json.writeValueAsString(new Significance(answers, assessment)),
                        ts(now), actor.username())
                .update();
        syncDeadlines(id);
        Report r = get(actor, id);
        audit.append(actor, "incident.report.open", "incident-report", id.toString(), null, summary(r));
        return r;
    }

    /** Answers and outcome, stored together so the assessment can be reviewed later. */
    record Significance(SignificanceAnswers answers, SignificanceAssessment result) {
    }

    @Transactional
    public Receipt submit(Actor actor, UUID reportId, NewSubmission in) {
        Row r = row(actor, reportId);
        if (!IncidentAccess.canFile(actor, r.organisationId())) {
            throw new ForbiddenException("you may not submit to this report");
        }
        if (in == null) {
            throw InvalidInputException.of("body", "required");
        }
        FieldCheck check = new FieldCheck();
        ReportingStage stage = check.oneOf("stage", in.stage(), ReportingStage.class, true);
        if (stage != null) {
            SubmissionContent.check(stage, in.content(), check);
            if (stage == ReportingStage.INTERMEDIATE && r.intermediateDueAt() == null) {
                check.add("stage", "no intermediate report was requested by the authority");
            }
        }
        check.throwIfAny();
        lock(reportId);
        Instant now = now();
        int version = jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM incident_submissions WHERE report_id = ? AND stage = ?")
                .params(reportId, stage.name()).query(Integer.class).single() + 1;
        String content = json.writeValueAsString(in.content());
        String sha = sha256(content.getBytes(StandardCharsets.UTF_8));
        String receipt = r.number() + "-" + code(stage) + "-v" + version;
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO incident_submissions (id, report_id, stage, version, receipt, submitted_at, submitted_by,
                  organisation_id, content_json, content_sha256) VALUES (?,?,?,?,?,?,?,?,?,?)""")
                .params(id, reportId, stage.name(), version, receipt, ts(now), actor.username(),
                        actor.organisation() == null ? null : actor.organisation().value(), content, sha)
                .update();
        syncDeadlines(reportId);
        Receipt receiptView = new Receipt(receipt, reportId, stage, version, now, sha);
        audit.append(actor, version == 1 ? "incident.report.submit" : "incident.report.correct", "incident-report",
                reportId.toString(), null, receiptView);
        return receiptView;
    }

    @Transactional
    public Report requestIntermediate(Actor actor, UUID reportId, ReportViews.IntermediateRequest in) {
        IncidentAccess.requireStaff(actor, "request an intermediate report");
        Row r = row(actor, reportId);
        FieldCheck check = new FieldCheck();
        String text = in == null ? null : check.text("text", in.text(), 4000, true);
        if (in == null || in.dueAt() == null) {
            check.add("dueAt", "required");
        } else if (!in.dueAt().isAfter(now())) {
            check.add("dueAt", "must lie in the future");
        }
        check.throwIfAny();
        jdbc.sql("UPDATE incident_reports SET intermediate_due_at = ?, intermediate_request = ? WHERE id = ?")
                .params(ts(in.dueAt()), text, reportId).update();
        syncDeadlines(reportId);
        audit.append(actor, "incident.report.request-intermediate", "incident-report", reportId.toString(),
                Map.of("dueAt", String.valueOf(r.intermediateDueAt())), Map.of("dueAt", in.dueAt().toString(), "text", text));
        return get(actor, reportId);
    }

    /** The CSIRT's initial feedback (Art. 23(5)); recorded as a submission of the authority so it is versioned too. */
    @Transactional
    public Receipt feedback(Actor actor, UUID reportId, ReportViews.Feedback in) {
        IncidentAccess.requireStaff(actor, "give feedback");
        Row r = row(actor, reportId);
        FieldCheck check = new FieldCheck();
        String text = in == null ? null : check.text("text", in.text(), SubmissionContent.TEXT_MAX, true);
        if (in == null) {
            check.add("text", "required");
        }
        check.throwIfAny();
        lock(reportId);
        Instant now = now();
        ReportingStage stage = ReportingStage.INITIAL_FEEDBACK;
        int version = jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM incident_submissions WHERE report_id = ? AND stage = ?")
                .params(reportId, stage.name()).query(Integer.class).single() + 1;
        String content = json.writeValueAsString(Map.of("text", text));
        String sha = sha256(content.getBytes(StandardCharsets.UTF_8));
        String receipt = r.number() + "-" + code(stage) + "-v" + version;
        jdbc.sql("""
                INSERT INTO incident_submissions (id, report_id, stage, version, receipt, submitted_at, submitted_by,
                  organisation_id, content_json, content_sha256) VALUES (?,?,?,?,?,?,?,?,?,?)""")
                .params(UUID.randomUUID(), reportId, stage.name(), version, receipt, ts(now), actor.username(),
                        actor.organisation() == null ? null : actor.organisation().value(), content, sha)
                .update();
        syncDeadlines(reportId);
        Receipt out = new Receipt(receipt, reportId, stage, version, now, sha);
        audit.append(actor, "incident.report.feedback", "incident-report", reportId.toString(), null, out);
        return out;
    }

    @Transactional
    public Report handlingEnded(Actor actor, UUID reportId, ReportViews.HandlingEnded in) {
        Row r = row(actor, reportId);
        if (!IncidentAccess.canFile(actor, r.organisationId())) {
            throw new ForbiddenException("you may not change this report");
        }
        if (in == null || in.endedAt() == null) {
            throw InvalidInputException.of("endedAt", "required");
        }
        if (in.endedAt().isBefore(r.awareAt()) || in.endedAt().isAfter(now().plus(Duration.ofMinutes(5)))) {
            throw InvalidInputException.of("endedAt", "must lie between awareness and now");
        }
        jdbc.sql("UPDATE incident_reports SET handling_ended_at = ? WHERE id = ?").params(ts(in.endedAt()), reportId).update();
        syncDeadlines(reportId);
        audit.append(actor, "incident.report.handling-ended", "incident-report", reportId.toString(),
                Map.of("handlingEndedAt", String.valueOf(r.handlingEndedAt())), Map.of("handlingEndedAt", in.endedAt().toString()));
        return get(actor, reportId);
    }

    public List<Report> list(Actor actor) {
        IncidentAccess.requireScope(actor, false);
        List<UUID> ids;
        if (IncidentAccess.staff(actor)) {
            ids = jdbc.sql("SELECT id FROM incident_reports ORDER BY created_at DESC LIMIT 500").query(UUID.class).list();
        } else if (actor.organisationKind() == OrganisationKind.OPERATOR && actor.organisation() != null) {
            ids = jdbc.sql("SELECT id FROM incident_reports WHERE organisation_id = ? ORDER BY created_at DESC LIMIT 500")
                    .param(actor.organisation().value()).query(UUID.class).list();
        } else {
            return List.of();
        }
        List<Report> out = new ArrayList<>();
        for (UUID id : ids) {
            out.add(get(actor, id));
        }
        return out;
    }

    public Report get(Actor actor, UUID id) {
        Row r = row(actor, id);
        List<Submission> subs = jdbc.sql("""
                SELECT id, stage, version, receipt, submitted_at, submitted_by, content_json, content_sha256
                FROM incident_submissions WHERE report_id = ? ORDER BY submitted_at, stage, version""")
                .param(id).query((rs, n) -> new Submission(rs.getObject("id", UUID.class),
                        ReportingStage.valueOf(rs.getString("stage")), rs.getInt("version"), rs.getString("receipt"),
                        instant(rs, "submitted_at"), rs.getString("submitted_by"),
                        json.readValue(rs.getString("content_json"), new TypeReference<Map<String, Object>>() { }),
                        rs.getString("content_sha256"))).list();
        Instant now = now();
        List<Deadline> deadlines = schedule.deadlines(facts(r, subs)).stream()
                .map(d -> new Deadline(d.stage(), d.dueAt(), d.provisional(), d.basis(), d.submittedAt(), d.state(now)))
                .toList();
        Significance sig = json.readValue(r.significanceJson(), Significance.class);
        return new Report(r.id(), r.number(), r.organisationId(), r.operatorName(), r.sector(), r.entityClass(),
                r.entityType(), r.trustServiceProvider(), r.title(), r.contactEmail(), r.awareAt(), sig.result(),
                r.intermediateDueAt(), r.intermediateRequest(), r.handlingEndedAt(), r.caseId(), r.createdAt(),
                r.createdBy(), deadlines, subs);
    }

    /** Recomputes a report's clocks into {@code incident_deadlines}, keeping the overdue mark of unchanged ones. */
    void syncDeadlines(UUID reportId) {
        Row r = rowUnchecked(reportId);
        List<Submission> subs = jdbc.sql("SELECT stage, MIN(submitted_at) AS first_at FROM incident_submissions WHERE report_id = ? GROUP BY stage")
                .param(reportId).query((rs, n) -> new Submission(null, ReportingStage.valueOf(rs.getString("stage")), 1,
                        null, instant(rs, "first_at"), null, null, null)).list();
        List<StageDeadline> computed = schedule.deadlines(facts(r, subs));
        jdbc.sql("DELETE FROM incident_deadlines WHERE report_id = ? AND overdue_at IS NULL").param(reportId).update();
        for (StageDeadline d : computed) {
            int updated = jdbc.sql("UPDATE incident_deadlines SET due_at = ?, submitted_at = ? WHERE report_id = ? AND stage = ?")
                    .params(ts(d.dueAt()), ts(d.submittedAt()), reportId, d.stage().name()).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO incident_deadlines (report_id, stage, due_at, submitted_at) VALUES (?,?,?,?)")
                        .params(reportId, d.stage().name(), ts(d.dueAt()), ts(d.submittedAt())).update();
            }
        }
    }

    private ReportFacts facts(Row r, List<Submission> subs) {
        Map<ReportingStage, Instant> first = new EnumMap<>(ReportingStage.class);
        for (Submission s : subs) {
            first.merge(s.stage(), s.submittedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return new ReportFacts(r.awareAt(), r.trustServiceProvider(), first, r.intermediateDueAt(), r.handlingEndedAt());
    }

    record Row(UUID id, String number, UUID organisationId, String operatorName, String sector, String entityClass,
               String entityType, boolean trustServiceProvider, String title, String contactEmail, Instant awareAt,
               String significanceJson, Instant intermediateDueAt, String intermediateRequest, Instant handlingEndedAt,
               UUID caseId, Instant createdAt, String createdBy) {
    }

    Row row(Actor actor, UUID id) {
        Row r = rowUnchecked(id);
        if (r == null || !IncidentAccess.canSeeReport(actor, r.organisationId())) {
            throw new NotFoundException("report " + id);
        }
        return r;
    }

    Row rowUnchecked(UUID id) {
        return jdbc.sql("SELECT * FROM incident_reports WHERE id = ?").param(id).query((rs, n) -> new Row(
                rs.getObject("id", UUID.class), rs.getString("number"), rs.getObject("organisation_id", UUID.class),
                rs.getString("operator_name"), rs.getString("sector"), rs.getString("entity_class"),
                rs.getString("entity_type"), rs.getBoolean("trust_service_provider"), rs.getString("title"),
                rs.getString("contact_email"), instant(rs, "aware_at"), rs.getString("significance_json"),
                instant(rs, "intermediate_due_at"), rs.getString("intermediate_request"),
                instant(rs, "handling_ended_at"), rs.getObject("case_id", UUID.class), instant(rs, "created_at"),
                rs.getString("created_by"))).optional().orElse(null);
    }

    /** Serialises submissions to one report (version numbers and receipts stay gapless and unique). */
    private void lock(UUID reportId) {
        jdbc.sql("SELECT id FROM incident_reports WHERE id = ? FOR UPDATE").param(reportId).query(UUID.class).single();
    }

    void linkCase(UUID reportId, UUID caseId) {
        jdbc.sql("UPDATE incident_reports SET case_id = ? WHERE id = ?").params(caseId, reportId).update();
    }

    private static Map<String, Object> summary(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", r.number());
        m.put("organisationId", r.organisationId().toString());
        m.put("title", r.title());
        m.put("awareAt", r.awareAt().toString());
        m.put("significant", r.significance().significant());
        return m;
    }

    String nextNumber(String counter, String prefix, Instant now) {
        jdbc.sql("UPDATE incident_counters SET counter_value = counter_value + 1 WHERE name = ?").param(counter).update();
        long v = jdbc.sql("SELECT counter_value FROM incident_counters WHERE name = ?").param(counter).query(Long.class).single();
        int year = now.atZone(schedule.policy().zone()).getYear();
        return String.format("%s-%d-%06d", prefix, year, v);
    }

    static String code(ReportingStage s) {
        return switch (s) {
            case EARLY_WARNING -> "EW";
            case NOTIFICATION -> "NT";
            case INTERMEDIATE -> "IR";
            case PROGRESS -> "PR";
            case FINAL -> "FR";
            case INITIAL_FEEDBACK -> "FB";
        };
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    /** Now at the precision the databases keep (H2 and PostgreSQL store microseconds; we keep milliseconds). */
    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
