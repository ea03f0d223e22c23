package org.mburoja.leaks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.leaks.Breach;
import org.mburoja.leaks.BreachRecords;
import org.mburoja.leaks.ScanJob;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Breach records in the database. The authority deadline is fixed at opening (discovery + 72 h) and stopped by the
 * {@code AUTHORITY_NOTIFIED} decision; whether data subjects must be told follows the risk of the linked scan (high
 * or critical), and deciding not to tell them when required needs a written justification, as the law asks.
 */
@Service
class JdbcBreachRecords implements BreachRecords {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final LeakAccess access;
    private final JdbcLeakScanJobs scans;

    JdbcBreachRecords(JdbcClient jdbc, AuditLog audit, LeakAccess access, JdbcLeakScanJobs scans) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.access = access;
        this.scans = scans;
    }

    @Override
    @Transactional
    public Breach open(Actor actor, NewBreach b) {
        access.require(actor, true, "open a breach record");
        if (b.title() == null || b.title().isBlank() || b.title().length() > 300) {
            throw new IllegalArgumentException("title: 1 to 300 characters required");
        }
        if (b.source() == null || b.source().isBlank() || b.source().length() > 1000) {
            throw new IllegalArgumentException("source: 1 to 1000 characters required (where the dump was found)");
        }
        Instant now = Instant.now();
        Instant discovered = b.discoveredAt() == null ? now : b.discoveredAt();
        if (discovered.isAfter(now.plusSeconds(300))) {
            throw new IllegalArgumentException("discoveredAt lies in the future");
        }
        String risk = null;
        Long persons = null;
        String special = null;
        if (b.scanJobId() != null) {
            ScanJob job = scans.load(b.scanJobId()).orElseThrow(() ->
                    new IllegalArgumentException("no scan job " + b.scanJobId()));
            if (job.status() != ScanJob.Status.DONE) {
                throw new IllegalArgumentException("scan job " + job.id() + " is " + job.status() + ", not DONE");
            }
            risk = job.riskLevel();
            persons = job.distinctPersons();
            String report = jdbc.sql("SELECT report_json FROM leak_scan_jobs WHERE id = ?").param(job.id())
                    .query(String.class).single();
            special = report.contains("\"special_categories\": [\"political_opinion\"") ? "political_opinion" : "";
        }
        boolean subjects = "HIGH".equals(risk) || "CRITICAL".equals(risk);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO breach_records (id, title, source, discovered_at, controller_organisation_id, "
                        + "controller_name, scan_job_id, risk_level, persons_affected, special_categories, "
                        + "authority_deadline, subjects_notification_required, status, created_by, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)")
                .params(id, b.title().strip(), b.source().strip(), Timestamp.from(discovered),
                        b.controller() == null ? null : b.controller().toString(), b.controllerName(), b.scanJobId(),
                        risk, persons, special, Timestamp.from(discovered.plus(Breach.AUTHORITY_DEADLINE)), subjects,
                        actor.username(), Timestamp.from(now), Timestamp.from(now))
                .update();
        Breach created = load(id).orElseThrow();
        audit.append(actor, "leaks.breach-opened", "breach", id.toString(), null, summary(created));
        return created;
    }

    @Override
    @Transactional
    public Breach decide(Actor actor, UUID id, Breach.DecisionKind kind, String note) {
        access.require(actor, true, "decide on a breach record");
        Breach before = load(id).orElseThrow(() -> new NoSuchElementException("no breach record " + id));
        String text = note == null ? "" : note.strip();
        if (text.length() > 4000) {
            throw new IllegalArgumentException("note: at most 4000 characters");
        }
        if (before.status() == Breach.Status.CLOSED) {
            throw new IllegalArgumentException("breach record " + id + " is closed");
        }
        Instant now = Instant.now();
        switch (kind) {
            case AUTHORITY_NOTIFIED -> {
                if (before.authorityNotifiedAt() != null) {
                    throw new IllegalArgumentException("the authority was already notified");
                }
                jdbc.sql("UPDATE breach_records SET authority_notified_at = ?, status = 'AUTHORITY_NOTIFIED' "
                        + "WHERE id = ?").params(Timestamp.from(now), id).update();
            }
            case SUBJECTS_NOTIFIED -> jdbc.sql("UPDATE breach_records SET subjects_notified_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), id).update();
            case SUBJECTS_NOT_NOTIFIED -> {
                if (before.subjectsNotificationRequired() && text.length() < 20) {
                    throw new IllegalArgumentException("the risk requires telling the data subjects: not doing so "
                            + "needs a justification of at least 20 characters");
                }
            }
            case CLOSED -> {
                if (before.authorityNotifiedAt() == null) {
                    throw new IllegalArgumentException("notify the data-protection authority before closing");
                }
                jdbc.sql("UPDATE breach_records SET status = 'CLOSED' WHERE id = ?").param(id).update();
            }
            case NOTE -> {
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("a note needs text");
                }
            }
        }
        jdbc.sql("UPDATE breach_records SET updated_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
        jdbc.sql("INSERT INTO breach_decisions (id, breach_id, decided_at, decided_by, kind, note) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), id, Timestamp.from(now), actor.username(), kind.name(), text).update();
        Breach after = load(id).orElseThrow();
        audit.append(actor, "leaks.breach-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                "breach", id.toString(), summary(before), summary(after));
        return after;
    }

    @Override
    public Optional<Breach> find(Actor actor, UUID id) {
        access.require(actor, false, "read breach records");
        return load(id);
    }

    @Override
    public List<Breach> list(Actor actor, int limit) {
        access.require(actor, false, "read breach records");
        return jdbc.sql("SELECT id FROM breach_records ORDER BY authority_deadline LIMIT ?")
                .param(Math.max(1, Math.min(limit, 500))).query(UUID.class).list().stream()
                .map(i -> load(i).orElseThrow()).toList();
    }

    private Optional<Breach> load(UUID id) {
        List<Breach.Decision> decisions = jdbc.sql("SELECT decided_at, decided_by, kind, note FROM breach_decisions "
                        + "WHERE breach_id = ? ORDER BY decided_at, id").param(id)
                .query((rs, n) -> new Breach.Decision(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        Breach.DecisionKind.valueOf(rs.getString(3)), rs.getString(4))).list();
        return jdbc.sql("SELECT * FROM breach_records WHERE id = ?").param(id)
                .query((rs, n) -> map(rs, decisions)).optional();
    }

    private static Breach map(ResultSet rs, List<Breach.Decision> decisions) throws SQLException {
        String controller = rs.getString("controller_organisation_id");
        String special = rs.getString("special_categories");
        return new Breach(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("source"),
                instant(rs, "discovered_at"), controller == null ? null : OrganisationId.of(controller),
                rs.getString("controller_name"), rs.getObject("scan_job_id", UUID.class), rs.getString("risk_level"),
                rs.getObject("persons_affected", Long.class),
                special == null || special.isEmpty() ? List.of() : Arrays.asList(special.split(",")),
                instant(rs, "authority_deadline"), instant(rs, "authority_notified_at"),
                rs.getBoolean("subjects_notification_required"), instant(rs, "subjects_notified_at"),
                Breach.Status.valueOf(rs.getString("status")), decisions);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static Map<String, Object> summary(Breach b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", b.title());
        m.put("status", b.status().name());
        m.put("risk", b.riskLevel());
        m.put("personsAffected", b.personsAffected());
        m.put("authorityDeadline", b.authorityDeadline().toString());
        m.put("authorityNotifiedAt", b.authorityNotifiedAt() == null ? null : b.authorityNotifiedAt().toString());
        m.put("subjectsNotifiedAt", b.subjectsNotifiedAt() == null ? null : b.subjectsNotifiedAt().toString());
        return m;
    }
}
