package org.mburoja.incidents.internal;

import static org.mburoja.incidents.internal.ReportService.instant;
import static org.mburoja.incidents.internal.ReportService.ts;

import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.mburoja.audit.AuditLog;
import org.mburoja.incidents.internal.CaseViews.Case;
import org.mburoja.incidents.internal.CaseViews.CaseDetail;
import org.mburoja.incidents.internal.CaseViews.Comment;
import org.mburoja.incidents.internal.CaseViews.Link;
import org.mburoja.incidents.internal.CaseViews.Observable;
import org.mburoja.incidents.internal.CaseViews.Task;
import org.mburoja.incidents.internal.CaseViews.TimelineEntry;
import org.mburoja.kernel.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The work inside a case: tasks, observables, manual timeline entries, comments; and the whole case for its page. */
@Service
public class CaseWorkService {

    /** Observable kinds, with a linear-time shape check for each. */
    enum Kind { IP, DOMAIN, URL, HASH, EMAIL, ACCOUNT, FILE, OTHER }

    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9_](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[a-z0-9.-]{1,253}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CaseService cases;
    private final ObservableLookups lookups;

    public CaseWorkService(JdbcClient jdbc, AuditLog audit, CaseService cases, ObservableLookups lookups) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cases = cases;
        this.lookups = lookups;
    }

    @Transactional
    public Task addTask(Actor actor, UUID caseId, CaseViews.NewTask in) {
        IncidentAccess.requireStaff(actor, "add tasks");
        cases.visible(actor, caseId);
        FieldCheck check = new FieldCheck();
        String title = in == null ? null : check.text("title", in.title(), 300, true);
        String assignee = in == null ? null : check.text("assignee", in.assignee(), 200, false);
        if (in == null) {
            check.add("title", "required");
        }
        check.throwIfAny();
        UUID id = UUID.randomUUID();
        Instant now = ReportService.now();
        jdbc.sql("INSERT INTO incident_tasks (id, case_id, title, assignee, due_at, done, created_at, created_by) VALUES (?,?,?,?,?,?,?,?)")
                .params(id, caseId, title, assignee, ts(in.dueAt()), false, ts(now), actor.username()).update();
        cases.timeline(caseId, actor, "task added: " + title);
        Task t = task(id);
        audit.append(actor, "incident.task.add", "incident-case", caseId.toString(), null, t);
        return t;
    }

    @Transactional
    public Task updateTask(Actor actor, UUID caseId, UUID taskId, CaseViews.TaskUpdate in) {
        IncidentAccess.requireStaff(actor, "change tasks");
        cases.visible(actor, caseId);
        Task before = jdbc.sql("SELECT * FROM incident_tasks WHERE id = ? AND case_id = ?").params(taskId, caseId)
                .query((rs, n) -> taskOf(rs)).optional().orElseThrow(() -> new NotFoundException("task " + taskId));
        if (in == null) {
            throw InvalidInputException.of("body", "required");
        }
        FieldCheck check = new FieldCheck();
        String assignee = in.assignee() == null ? before.assignee() : check.text("assignee", in.assignee(), 200, false);
        check.throwIfAny();
        boolean done = in.done() == null ? before.done() : in.done();
        Instant doneAt = done ? (before.done() ? before.doneAt() : ReportService.now()) : null;
        jdbc.sql("UPDATE incident_tasks SET done = ?, done_at = ?, assignee = ?, due_at = ? WHERE id = ?")
                .params(done, ts(doneAt), assignee, ts(in.dueAt() == null ? before.dueAt() : in.dueAt()), taskId).update();
        Task after = task(taskId);
        if (done != before.done()) {
            cases.timeline(caseId, actor, (done ? "task done: " : "task reopened: ") + before.title());
        } else {
            cases.timeline(caseId, actor, "task changed: " + before.title());
        }
        audit.append(actor, "incident.task.update", "incident-case", caseId.toString(), before, after);
        return after;
    }

    @Transactional
    public Observable addObservable(Actor actor, UUID caseId, CaseViews.NewObservable in) {
        IncidentAccess.requireStaff(actor, "add observables");
        cases.visible(actor, caseId);
        FieldCheck check = new FieldCheck();
        Kind kind = in == null ? null : check.oneOf("kind", in.kind(), Kind.class, true);
        String value = in == null ? null : check.text("value", in.value(), 2048, true);
        String note = in == null ? null : check.text("note", in.note(), 2000, false);
        if (in == null) {
            check.add("kind", "required");
        }
        check.throwIfAny();
        String normal = normalise(kind, value);
        if (normal == null) {
            throw InvalidInputException.of("value", "not a valid " + kind.name().toLowerCase(Locale.ROOT));
        }
        int exists = jdbc.sql("SELECT COUNT(*) FROM incident_observables WHERE case_id = ? AND kind = ? AND obs_value = ?")
                .params(caseId, kind.name(), normal).query(Integer.class).single();
        if (exists > 0) {
            throw InvalidInputException.of("value", "already on this case");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO incident_observables (id, case_id, kind, obs_value, note, created_at, created_by) VALUES (?,?,?,?,?,?,?)")
                .params(id, caseId, kind.name(), normal, note, ts(ReportService.now()), actor.username()).update();
        cases.timeline(caseId, actor, "observable added: " + kind + " " + normal);
        Observable o = new Observable(id, kind.name(), normal, note, ReportService.now(), actor.username());
        audit.append(actor, "incident.observable.add", "incident-case", caseId.toString(), null, Map.of("kind", kind.name(), "value", normal));
        return lookups.lookUp(actor, o);
    }

    /** The canonical form of an observable, or null when it does not have the kind's shape. */
    static String normalise(Kind kind, String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case IP -> {
                if (IPV4.matcher(lower).matches()) {
                    yield lower;
                }
                if (lower.contains(":") && IPV6.matcher(lower).matches()) {
                    try {
                        yield InetAddress.getByName(lower).getHostAddress();
                    } catch (java.net.UnknownHostException e) {
                        yield null;
                    }
                }
                yield null;
            }
            case DOMAIN -> {
                String d = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
                try {
                    d = java.net.IDN.toASCII(d, java.net.IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    yield null;
                }
                yield DOMAIN.matcher(d).matches() ? d : null;
            }
            case URL -> {
                try {
                    URI u = new URI(v);
                    yield u.getScheme() != null && u.getHost() != null ? v : null;
                } catch (java.net.URISyntaxException e) {
                    yield null;
                }
            }
            case HASH -> HASH.matcher(lower).matches() ? lower : null;
            case EMAIL -> {
                // an internationalised domain is kept in its wire form, as for DOMAIN (the page shows its letters)
                int at = lower.lastIndexOf('@');
                String e = lower;
                if (at > 0 && at < lower.length() - 1) {
                    try {
                        e = lower.substring(0, at + 1) + java.net.IDN.toASCII(lower.substring(at + 1),
                                java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
                    } catch (IllegalArgumentException notAName) {
                        yield null;
                    }
                }
                yield EMAIL.matcher(e).matches() ? e : null;
            }
            case ACCOUNT, FILE, OTHER -> v;
        };
    }

    @Transactional
    public TimelineEntry addTimeline(Actor actor, UUID caseId, CaseViews.NewTimelineEntry in) {
        IncidentAccess.requireStaff(actor, "write the timeline");
        cases.visible(actor, caseId);
        FieldCheck check = new FieldCheck();
        String text = in == null ? null : check.text("text", in.text(), 4000, true);
        if (in == null || in.eventAt() == null) {
            check.add("eventAt", "required: when the event happened");
        } else if (in.eventAt().isAfter(ReportService.now().plusSeconds(300))) {
            check.add("eventAt", "lies in the future");
        }
        check.throwIfAny();
        UUID id = UUID.randomUUID();
        Instant now = ReportService.now();
        jdbc.sql("INSERT INTO incident_timeline (id, case_id, event_at, recorded_at, actor, automatic, text) VALUES (?,?,?,?,?,?,?)")
                .params(id, caseId, ts(in.eventAt()), ts(now), actor.username(), false, text).update();
        TimelineEntry e = new TimelineEntry(id, in.eventAt(), now, actor.username(), false, text);
        audit.append(actor, "incident.timeline.add", "incident-case", caseId.toString(), null, e);
        return e;
    }

    /** Comments are open to everyone who sees the case and may write (not viewers): the operator answers the CSIRT here. */
    @Transactional
    public Comment comment(Actor actor, UUID caseId, CaseViews.NewComment in) {
        IncidentAccess.requireScope(actor, true);
        cases.visible(actor, caseId);
        if (!IncidentAccess.staff(actor) && !actor.has(org.mburoja.kernel.Role.OPERATOR)
                && !actor.has(org.mburoja.kernel.Role.PARTNER)) {
            throw new ForbiddenException("read-only users do not comment");
        }
        FieldCheck check = new FieldCheck();
        String text = in == null ? null : check.text("text", in.text(), 10_000, true);
        if (in == null) {
            check.add("text", "required");
        }
        check.throwIfAny();
        UUID id = UUID.randomUUID();
        Instant now = ReportService.now();
        jdbc.sql("INSERT INTO incident_comments (id, case_id, at, author, organisation_id, text) VALUES (?,?,?,?,?,?)")
                .params(id, caseId, ts(now), actor.username(), actor.organisation() == null ? null : actor.organisation().value(), text)
                .update();
        cases.timeline(caseId, actor, "comment by " + actor.username());
        Comment c = new Comment(id, now, actor.username(), text);
        audit.append(actor, "incident.comment.add", "incident-case", caseId.toString(), null, c);
        return c;
    }

    public CaseDetail detail(Actor actor, UUID caseId, List<CaseViews.Evidence> evidence) {
        Case c = cases.visible(actor, caseId);
        List<Task> tasks = jdbc.sql("SELECT * FROM incident_tasks WHERE case_id = ? ORDER BY created_at").param(caseId)
                .query((rs, n) -> taskOf(rs)).list();
        List<Observable> obs = jdbc.sql("SELECT * FROM incident_observables WHERE case_id = ? ORDER BY created_at").param(caseId)
                .query((rs, n) -> new Observable(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("obs_value"),
                        rs.getString("note"), instant(rs, "created_at"), rs.getString("created_by"))).list();
        List<TimelineEntry> tl = jdbc.sql("SELECT * FROM incident_timeline WHERE case_id = ? ORDER BY event_at, recorded_at").param(caseId)
                .query((rs, n) -> new TimelineEntry(rs.getObject("id", UUID.class), instant(rs, "event_at"),
                        instant(rs, "recorded_at"), rs.getString("actor"), rs.getBoolean("automatic"), rs.getString("text"))).list();
        List<Comment> comments = jdbc.sql("SELECT * FROM incident_comments WHERE case_id = ? ORDER BY at").param(caseId)
                .query((rs, n) -> new Comment(rs.getObject("id", UUID.class), instant(rs, "at"), rs.getString("author"),
                        rs.getString("text"))).list();
        List<Link> links = jdbc.sql("""
                SELECT l.other_id, c.number, l.relation FROM incident_case_links l JOIN incident_cases c ON c.id = l.other_id
                WHERE l.case_id = ? ORDER BY l.linked_at""").param(caseId)
                .query((rs, n) -> new Link(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
        return new CaseDetail(c, tasks, lookups.lookUp(actor, obs), tl, comments, evidence, links);
    }

    private Task task(UUID id) {
        return jdbc.sql("SELECT * FROM incident_tasks WHERE id = ?").param(id).query((rs, n) -> taskOf(rs)).single();
    }

    private static Task taskOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Task(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("assignee"),
                instant(rs, "due_at"), rs.getBoolean("done"), instant(rs, "done_at"), instant(rs, "created_at"),
                rs.getString("created_by"));
    }
}
