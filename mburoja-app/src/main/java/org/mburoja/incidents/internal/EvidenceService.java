package org.mburoja.incidents.internal;

import static org.mburoja.incidents.internal.ReportService.instant;
import static org.mburoja.incidents.internal.ReportService.sha256;
import static org.mburoja.incidents.internal.ReportService.ts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.incidents.internal.CaseViews.Custody;
import org.mburoja.incidents.internal.CaseViews.Evidence;
import org.mburoja.kernel.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evidence files on cases and reports, with a chain of custody: each item records its SHA-256 when added, and every
 * download re-hashes the stored bytes and records who took it, when, and the hash seen. Files are kept in the
 * database (bounded by {@code mburoja.incidents.evidence.max-bytes}, default 25 MiB) so a backup of the database is a
 * backup of the evidence.
 */
@Service
public class EvidenceService {

    /** The stored bytes of an item, with what the download should say about them. */
    public record Download(String filename, String contentType, byte[] content, String sha256, boolean intact) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CaseService cases;
    private final ReportService reports;
    private final long maxBytes;

    public EvidenceService(JdbcClient jdbc, AuditLog audit, CaseService cases, ReportService reports,
                           @Value("${mburoja.incidents.evidence.max-bytes:26214400}") long maxBytes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cases = cases;
        this.reports = reports;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Transactional
    public Evidence addToCase(Actor actor, UUID caseId, String filename, String contentType, byte[] data, String description) {
        IncidentAccess.requireStaff(actor, "add evidence to cases");
        cases.visible(actor, caseId);
        Evidence e = insert(actor, caseId, null, filename, contentType, data, description);
        cases.timeline(caseId, actor, "evidence added: " + e.filename() + " sha256 " + e.sha256());
        return e;
    }

    /** An operator's attachment to its own report. */
    @Transactional
    public Evidence addToReport(Actor actor, UUID reportId, String filename, String contentType, byte[] data, String description) {
        ReportService.Row r = reports.row(actor, reportId);
        if (!IncidentAccess.canFile(actor, r.organisationId())) {
            throw new ForbiddenException("you may not add attachments to this report");
        }
        return insert(actor, null, reportId, filename, contentType, data, description);
    }

    private Evidence insert(Actor actor, UUID caseId, UUID reportId, String filename, String contentType, byte[] data,
                            String description) {
        FieldCheck check = new FieldCheck();
        String name = check.text("file.filename", filename, 255, true);
        if (name != null && (name.contains("/") || name.contains("\\"))) {
            check.add("file.filename", "must be a plain file name, without directories");
        }
        String desc = check.text("description", description, 2000, false);
        if (data == null || data.length == 0) {
            check.add("file", "empty file");
        } else if (data.length > maxBytes) {
            check.add("file", "larger than the limit of " + maxBytes + " bytes (got " + data.length + ")");
        } else {
            String problem = EvidenceCheck.problem(contentType, data);
            if (problem != null) {
                check.add("file.contentType", problem);
            }
        }
        check.throwIfAny();
        UUID id = UUID.randomUUID();
        Instant now = ReportService.now();
        String sha = sha256(data);
        String type = contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        jdbc.sql("""
                INSERT INTO incident_evidence (id, case_id, report_id, filename, content_type, size_bytes, sha256, content,
                  added_at, added_by, description) VALUES (?,?,?,?,?,?,?,?,?,?,?)""")
                .params(id, caseId, reportId, name, type, (long) data.length, sha, data, ts(now), actor.username(), desc)
                .update();
        custody(id, actor, "ADDED", sha);
        Evidence e = evidence(id);
        audit.append(actor, "incident.evidence.add", caseId != null ? "incident-case" : "incident-report",
                String.valueOf(caseId != null ? caseId : reportId), null,
                java.util.Map.of("evidence", id.toString(), "filename", name, "sha256", sha, "size", data.length));
        return e;
    }

    @Transactional
    public Download download(Actor actor, UUID evidenceId) {
        var owner = jdbc.sql("SELECT case_id, report_id FROM incident_evidence WHERE id = ?").param(evidenceId)
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
                .optional().orElseThrow(() -> new NotFoundException("evidence " + evidenceId));
        if (owner[0] != null) {
            cases.visible(actor, owner[0]);
        } else {
            reports.row(actor, owner[1]);
        }
        Download d = jdbc.sql("SELECT filename, content_type, content, sha256 FROM incident_evidence WHERE id = ?")
                .param(evidenceId).query((rs, n) -> {
                    byte[] bytes = rs.getBytes("content");
                    String stored = rs.getString("sha256");
                    return new Download(rs.getString("filename"), rs.getString("content_type"), bytes, stored,
                            sha256(bytes).equals(stored));
                }).single();
        String seen = sha256(d.content());
        custody(evidenceId, actor, d.intact() ? "DOWNLOADED" : "INTEGRITY_FAILED", seen);
        audit.append(actor, "incident.evidence.download", "incident-evidence", evidenceId.toString(), null,
                java.util.Map.of("sha256", seen, "intact", d.intact()));
        return d;
    }

    public List<Evidence> ofCase(UUID caseId) {
        return jdbc.sql("SELECT id FROM incident_evidence WHERE case_id = ? ORDER BY added_at").param(caseId)
                .query(UUID.class).list().stream().map(this::evidence).toList();
    }

    public List<Evidence> ofReport(Actor actor, UUID reportId) {
        reports.row(actor, reportId);
        return jdbc.sql("SELECT id FROM incident_evidence WHERE report_id = ? ORDER BY added_at").param(reportId)
                .query(UUID.class).list().stream().map(this::evidence).toList();
    }

    private void custody(UUID evidenceId, Actor actor, String action, String sha) {
        jdbc.sql("INSERT INTO incident_custody (id, evidence_id, at, actor, action, sha256) VALUES (?,?,?,?,?,?)")
                .params(UUID.randomUUID(), evidenceId, ts(ReportService.now()), actor.username(), action, sha).update();
    }

    private Evidence evidence(UUID id) {
        List<Custody> chain = jdbc.sql("SELECT at, actor, action, sha256 FROM incident_custody WHERE evidence_id = ? ORDER BY at")
                .param(id).query((rs, n) -> new Custody(instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                        rs.getString("sha256"))).list();
        return jdbc.sql("SELECT id, filename, content_type, size_bytes, sha256, added_at, added_by, description FROM incident_evidence WHERE id = ?")
                .param(id).query((rs, n) -> new Evidence(rs.getObject("id", UUID.class), rs.getString("filename"),
                        rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                        instant(rs, "added_at"), rs.getString("added_by"), rs.getString("description"), chain)).single();
    }
}
