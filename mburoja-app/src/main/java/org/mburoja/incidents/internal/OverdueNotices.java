package org.mburoja.incidents.internal;

import static org.mburoja.incidents.internal.ReportService.ts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an overdue notice to everyone who must act: for an operator's stage, the report's contact and the
 * operator's registered targets, plus the duty analysts; for the CSIRT's own clock, the duty analysts only. Channels
 * are e-mail (SMTP through {@code spring.mail.*}) and webhooks, whose body is signed with HMAC-SHA256 over
 * {@code timestamp + "." + body} (header {@code X-Mburoja-Signature: sha256=<hex>}, {@code X-Mburoja-Timestamp}) so
 * a receiver can check origin and refuse replays. Each target gets up to {@code attempts} tries with doubling
 * back-off, and every try is recorded in {@code incident_deliveries}. Secrets are never logged or recorded.
 */
@Component
public class OverdueNotices {

    record Target(String channel, String address, String secret) {
    }

    private final JdbcClient jdbc;
    private final Supplier<JavaMailSender> mail;
    private final JsonMapper json;
    private final List<String> dutyEmails;
    private final String from;
    private final Duration backoff;
    private final int attempts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    public OverdueNotices(JdbcClient jdbc, ObjectProvider<JavaMailSender> mail, JsonMapper json,
                          @Value("${mburoja.incidents.duty-emails:}") List<String> dutyEmails,
                          @Value("${mburoja.incidents.mail-from:mburoja@localhost}") String from,
                          @Value("${mburoja.incidents.notify.backoff:PT2S}") Duration backoff,
                          @Value("${mburoja.incidents.notify.attempts:3}") int attempts) {
        this(jdbc, mail::getIfAvailable, json, dutyEmails, from, backoff, attempts);
    }

    OverdueNotices(JdbcClient jdbc, Supplier<JavaMailSender> mail, JsonMapper json, List<String> dutyEmails,
                   String from, Duration backoff, int attempts) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.json = json;
        this.dutyEmails = dutyEmails.stream().filter(s -> !s.isBlank()).toList();
        this.from = from;
        this.backoff = backoff;
        this.attempts = Math.max(1, attempts);
    }

    /** Delivers the notice to every target; returns the number of targets reached. */
    public int deliver(OverdueStage s) {
        int reached = 0;
        for (Target t : targets(s)) {
            if (deliverWithRetries(s, t)) {
                reached++;
            }
        }
        return reached;
    }

    List<Target> targets(OverdueStage s) {
        List<Target> out = new ArrayList<>();
        if (!s.stage().authorityDuty()) {
            if (s.contactEmail() != null) {
                out.add(new Target("EMAIL", s.contactEmail(), null));
            }
            out.addAll(jdbc.sql("SELECT channel, address, secret FROM incident_notify_targets WHERE organisation_id = ? ORDER BY created_at")
                    .param(s.organisationId()).query((rs, n) -> new Target(rs.getString(1), rs.getString(2), rs.getString(3))).list());
        }
        dutyEmails.forEach(e -> out.add(new Target("EMAIL", e, null)));
        out.addAll(jdbc.sql("SELECT channel, address, secret FROM incident_notify_targets WHERE organisation_id IS NULL ORDER BY created_at")
                .query((rs, n) -> new Target(rs.getString(1), rs.getString(2), rs.getString(3))).list());
        return out.stream().distinct().toList();
    }

    private boolean deliverWithRetries(OverdueStage s, Target t) {
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String failure;
            try {
                failure = "EMAIL".equals(t.channel()) ? email(s, t) : webhook(s, t);
            } catch (RuntimeException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            record(s, t, attempt, failure);
            if (failure == null) {
                return true;
            }
            if (attempt < attempts && !wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                wait = wait.multipliedBy(2);
            }
        }
        return false;
    }

    private String email(OverdueStage s, Target t) {
        JavaMailSender sender = mail.get();
        if (sender == null) {
            return "no SMTP server configured (spring.mail.host)";
        }
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom(from);
        m.setTo(t.address());
        m.setSubject("[Mburoja] " + s.reportNumber() + ": " + s.stage() + " overdue");
        m.setText(text(s));
        sender.send(m);
        return null;
    }

    private String webhook(OverdueStage s, Target t) {
        String body = json.writeValueAsString(payload(s));
        String timestamp = String.valueOf(ReportService.now().getEpochSecond());
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(t.address())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Mburoja-Event", "incident.deadline.overdue")
                .header("X-Mburoja-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (t.secret() != null) {
            req.header("X-Mburoja-Signature", "sha256=" + sign(t.secret(), timestamp + "." + body));
        }
        try {
            HttpResponse<Void> resp = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
            return resp.statusCode() / 100 == 2 ? null : "HTTP " + resp.statusCode();
        } catch (java.io.IOException e) {
            return "IOException: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** HMAC-SHA256 hex of {@code data} under {@code secret}; receivers recompute it the same way. */
    public static String sign(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> payload(OverdueStage s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "incident.deadline.overdue");
        m.put("report", s.reportNumber());
        m.put("reportId", s.reportId().toString());
        m.put("operator", s.operatorName());
        m.put("stage", s.stage().name());
        m.put("dueAt", s.dueAt().toString());
        m.put("markedAt", s.markedAt().toString());
        return m;
    }

    private static String text(OverdueStage s) {
        return "The " + s.stage().name().toLowerCase().replace('_', ' ') + " of incident report " + s.reportNumber()
                + " (" + s.operatorName() + ": " + s.title() + ") was due at " + s.dueAt() + " and has not been "
                + (s.stage().authorityDuty() ? "given" : "submitted") + ".\n"
                + "Rapporti " + s.reportNumber() + ": afati i " + s.stage().name() + " ka kaluar (" + s.dueAt() + ").\n";
    }

    private void record(OverdueStage s, Target t, int attempt, String failure) {
        String detail = failure == null ? null : failure.length() > 2000 ? failure.substring(0, 2000) : failure;
        jdbc.sql("INSERT INTO incident_deliveries (id, report_id, stage, channel, address, attempt, at, ok, detail) VALUES (?,?,?,?,?,?,?,?,?)")
                .params(UUID.randomUUID(), s.reportId(), s.stage().name(), t.channel(), t.address(), attempt,
                        ts(ReportService.now()), failure == null, detail).update();
    }
}
