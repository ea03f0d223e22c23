package org.mburoja.incidents.internal;

import static org.mburoja.incidents.internal.ReportService.instant;
import static org.mburoja.incidents.internal.ReportService.ts;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where overdue notices go. An operator's user registers its organisation's e-mail addresses and webhooks; authority
 * staff register the duty analysts' targets ({@code organisationId} null) or any operator's. Webhook secrets are
 * write-only: they are never returned, logged or audited.
 */
@Service
public class NotifyTargetService {

    public record NewTarget(UUID organisationId, String channel, String address, String secret) {
    }

    public record TargetView(UUID id, UUID organisationId, String channel, String address, boolean signed,
                             Instant createdAt) {
    }

    enum Channel { EMAIL, WEBHOOK }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public NotifyTargetService(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public TargetView add(Actor actor, NewTarget in) {
        IncidentAccess.requireScope(actor, true);
        if (in == null) {
            throw InvalidInputException.of("body", "required");
        }
        UUID org = in.organisationId();
        if (!IncidentAccess.staff(actor)) {
            boolean ownOperator = actor.organisationKind() == OrganisationKind.OPERATOR && actor.has(Role.OPERATOR)
                    && actor.organisation() != null;
            if (!ownOperator || (org != null && !org.equals(actor.organisation().value()))) {
                throw new ForbiddenException("you may register targets only for your own organisation");
            }
            org = actor.organisation().value();
        }
        FieldCheck check = new FieldCheck();
        Channel channel = check.oneOf("channel", in.channel(), Channel.class, true);
        String address = null;
        String secret = null;
        if (channel == Channel.EMAIL) {
            address = check.email("address", in.address(), true);
        } else if (channel == Channel.WEBHOOK) {
            address = check.text("address", in.address(), 2048, true);
            if (address != null) {
                try {
                    URI u = URI.create(address);
                    if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                        check.add("address", "must be an http(s) URL");
                    }
                } catch (IllegalArgumentException e) {
                    check.add("address", "not a URL");
                }
            }
            secret = check.text("secret", in.secret(), 200, true);
            if (secret != null && secret.length() < 16) {
                check.add("secret", "at least 16 characters");
            }
        }
        check.throwIfAny();
        UUID id = UUID.randomUUID();
        Instant now = ReportService.now();
        jdbc.sql("INSERT INTO incident_notify_targets (id, organisation_id, channel, address, secret, created_at) VALUES (?,?,?,?,?,?)")
                .params(id, org, channel.name(), address, secret, ts(now)).update();
        TargetView v = new TargetView(id, org, channel.name(), address, secret != null, now);
        audit.append(actor, "incident.notify-target.add", "incident-notify-target", id.toString(), null,
                Map.of("organisation", String.valueOf(org), "channel", channel.name(), "address", address));
        return v;
    }

    public List<TargetView> list(Actor actor) {
        IncidentAccess.requireScope(actor, false);
        String sql = "SELECT id, organisation_id, channel, address, secret IS NOT NULL AS signed, created_at FROM incident_notify_targets";
        if (IncidentAccess.staff(actor)) {
            return jdbc.sql(sql + " ORDER BY created_at").query((rs, n) -> view(rs)).list();
        }
        if (actor.organisation() == null || actor.organisationKind() != OrganisationKind.OPERATOR) {
            return List.of();
        }
        return jdbc.sql(sql + " WHERE organisation_id = ? ORDER BY created_at").param(actor.organisation().value())
                .query((rs, n) -> view(rs)).list();
    }

    private static TargetView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TargetView(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getString("channel"), rs.getString("address"), rs.getBoolean("signed"), instant(rs, "created_at"));
    }
}
