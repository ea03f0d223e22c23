package org.mburoja.incidents.internal;

import static org.mburoja.incidents.internal.ReportService.instant;
import static org.mburoja.incidents.internal.ReportService.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.incidents.reporting.ReportingStage;
import org.mburoja.kernel.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks passed clocks overdue and sends the notices. Each stage is claimed by a conditional update
 * ({@code overdue_at IS NULL}), so two nodes running the sweep notify once; the mark and its audit entry commit
 * before any notice goes out, and notices are delivered outside the transaction (a slow SMTP server holds no lock).
 */
@Component
public class OverdueSweep {

    private static final Logger log = LoggerFactory.getLogger(OverdueSweep.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final OverdueNotices notices;

    public OverdueSweep(JdbcClient jdbc, AuditLog audit, TransactionTemplate tx, OverdueNotices notices) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.notices = notices;
    }

    @Scheduled(fixedDelayString = "${mburoja.incidents.overdue.interval:PT1M}",
            initialDelayString = "${mburoja.incidents.overdue.initial-delay:PT1M}")
    public void run() {
        List<OverdueStage> marked = markOverdue(Instant.now());
        for (OverdueStage s : marked) {
            notices.deliver(s);
        }
        if (!marked.isEmpty()) {
            log.info("marked {} reporting stage(s) overdue", marked.size());
        }
    }

    /** Marks every unsubmitted stage whose deadline is before {@code now}; returns those this call claimed. */
    public List<OverdueStage> markOverdue(Instant now) {
        List<OverdueStage> due = jdbc.sql("""
                SELECT d.report_id, d.stage, d.due_at, r.number, r.organisation_id, r.operator_name, r.title, r.contact_email
                FROM incident_deadlines d JOIN incident_reports r ON r.id = d.report_id
                WHERE d.submitted_at IS NULL AND d.overdue_at IS NULL AND d.due_at < ? ORDER BY d.due_at LIMIT 500""")
                .param(ts(now)).query((rs, n) -> new OverdueStage(rs.getObject("report_id", UUID.class),
                        rs.getString("number"), rs.getObject("organisation_id", UUID.class), rs.getString("operator_name"),
                        rs.getString("title"), rs.getString("contact_email"), ReportingStage.valueOf(rs.getString("stage")),
                        instant(rs, "due_at"), now)).list();
        List<OverdueStage> claimed = new ArrayList<>();
        Actor system = Actor.system("overdue-sweep");
        for (OverdueStage s : due) {
            Boolean won = tx.execute(status -> {
                int n = jdbc.sql("UPDATE incident_deadlines SET overdue_at = ? WHERE report_id = ? AND stage = ? AND overdue_at IS NULL AND submitted_at IS NULL")
                        .params(ts(now), s.reportId(), s.stage().name()).update();
                if (n == 1) {
                    audit.append(system, "incident.deadline.overdue", "incident-report", s.reportId().toString(), null,
                            Map.of("stage", s.stage().name(), "dueAt", s.dueAt().toString()));
                }
                return n == 1;
            });
            if (Boolean.TRUE.equals(won)) {
                claimed.add(s);
            }
        }
        return claimed;
    }
}
