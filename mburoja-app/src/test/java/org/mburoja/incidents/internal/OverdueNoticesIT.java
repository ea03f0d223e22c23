package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.incidents.reporting.ReportingStage;
import org.mburoja.incidents.reporting.SignificanceAnswers;
import org.mburoja.incidents.reporting.EntityType;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OverdueNoticesIT {

    @Autowired ReportService reports;
    @Autowired OverdueSweep sweep;
    @Autowired NotifyTargetService targets;
    @Autowired Organisations organisations;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;
    @Autowired JsonMapper json;

    record Hook(Map<String, String> headers, String body) {
    }

    @Test
    void flagsEarlyWarningOverdueAfter24HoursAndNotifiesByMailAndSignedWebhookWithRetries() throws Exception {
        Organisation op = organisations.create(Actor.system("t"), OrganisationKind.OPERATOR, "Water utility " + UUID.randomUUID(), "AL");
        Actor reporter = new Actor(UUID.randomUUID(), "rep-" + UUID.randomUUID(), op.id(), OrganisationKind.OPERATOR, Set.of(Role.OPERATOR), null);
        Instant aware = Instant.now().minus(Duration.ofHours(23));
        var report = reports.open(reporter, new ReportViews.NewReport(null, "drinking water", "ESSENTIAL",
                "SCADA intrusion", "soc@water.example", aware, SignificanceAnswers.none(EntityType.OTHER)));

        List<Hook> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Hook(Map.of("signature", ex.getRequestHeaders().getFirst("X-Mburoja-Signature"),
                    "timestamp", ex.getRequestHeaders().getFirst("X-Mburoja-Timestamp")), body));
            int status = calls.incrementAndGet() == 1 ? 503 : 204; // first delivery fails, the retry succeeds
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        hooks.start();
        String secret = "s3cret-for-hmac-0123456789";
        targets.add(reporter, new NotifyTargetService.NewTarget(null, "WEBHOOK",
                "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook", secret));

        try (SmtpSink smtp = new SmtpSink()) {
            JavaMailSenderImpl mail = new JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(smtp.port());
            OverdueNotices notices = new OverdueNotices(jdbc, () -> mail, json, List.of("duty@cesk.example"),
                    "mburoja@cesk.example", Duration.ZERO, 3);

            // 23 h after awareness nothing is overdue yet
            assertThat(sweep.markOverdue(Instant.now()).stream().filter(s -> s.reportId().equals(report.id()))).isEmpty();

            List<OverdueStage> marked = sweep.markOverdue(aware.plus(Duration.ofHours(24)).plusSeconds(1)).stream()
                    .filter(s -> s.reportId().equals(report.id())).toList();
            assertThat(marked).extracting(OverdueStage::stage).containsExactly(ReportingStage.EARLY_WARNING);
            // a second sweep does not claim it again
            assertThat(sweep.markOverdue(aware.plus(Duration.ofHours(25))).stream()
                    .filter(s -> s.reportId().equals(report.id()) && s.stage() == ReportingStage.EARLY_WARNING)).isEmpty();

            int reached = notices.deliver(marked.get(0));
            assertThat(reached).isEqualTo(3);
            assertThat(smtp.messages()).extracting(m -> m.recipients().get(0))
                    .containsExactlyInAnyOrder("soc@water.example", "duty@cesk.example");
            assertThat(smtp.messages().get(0).data()).contains(report.number()).contains("EARLY_WARNING overdue");
        } finally {
            hooks.stop(0);
        }

        assertThat(received).hasSize(2);
        Hook ok = received.get(1);
        assertThat(ok.body()).contains("\"stage\":\"EARLY_WARNING\"").contains(report.number());
        assertThat(ok.headers().get("signature"))
                .isEqualTo("sha256=" + OverdueNotices.sign(secret, ok.headers().get("timestamp") + "." + ok.body()));
        assertThat(ok.headers().get("signature"))
                .isNotEqualTo("sha256=" + OverdueNotices.sign("another-secret-0123456789", ok.headers().get("timestamp") + "." + ok.body()));

        List<Map<String, Object>> deliveries = jdbc.sql("SELECT channel, attempt, ok, detail FROM incident_deliveries WHERE report_id = ? ORDER BY channel, attempt")
                .param(report.id()).query().listOfRows();
        assertThat(deliveries).filteredOn(d -> "WEBHOOK".equals(d.get("channel")))
                .extracting(d -> d.get("attempt") + ":" + d.get("ok") + ":" + d.get("detail"))
                .containsExactly("1:false:HTTP 503", "2:true:null");
        assertThat(deliveries).filteredOn(d -> "EMAIL".equals(d.get("channel"))).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("ok")).isEqualTo(true));
        assertThat(audit.count(new AuditFilter(null, "incident.deadline.overdue", "incident-report", report.id().toString(), null, null)))
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE ?").param("%" + secret + "%").query(Long.class).single())
                .isZero();
    }

    @Test
    void unreachableTargetsAreRetriedAndEveryFailureRecorded() throws Exception {
        Organisation op = organisations.create(Actor.system("t"), OrganisationKind.OPERATOR, "Port " + UUID.randomUUID(), "AL");
        Actor reporter = new Actor(UUID.randomUUID(), "rep-" + UUID.randomUUID(), op.id(), OrganisationKind.OPERATOR, Set.of(Role.OPERATOR), null);
        var report = reports.open(reporter, new ReportViews.NewReport(null, "transport/water", "IMPORTANT", "Phishing wave",
                "it@port.example", Instant.now().minus(Duration.ofHours(1)), SignificanceAnswers.none(EntityType.OTHER)));
        int closedPort;
        try (var s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(closedPort);
        OverdueNotices notices = new OverdueNotices(jdbc, () -> mail, json, List.of(), "m@x.example", Duration.ZERO, 3);
        OverdueStage stage = new OverdueStage(report.id(), report.number(), op.id().value(), op.name(), "Phishing wave",
                "it@port.example", ReportingStage.EARLY_WARNING, Instant.now(), Instant.now());
        assertThat(notices.deliver(stage)).isZero();
        assertThat(jdbc.sql("SELECT attempt FROM incident_deliveries WHERE report_id = ? AND ok = FALSE ORDER BY attempt")
                .param(report.id()).query(Integer.class).list()).containsExactly(1, 2, 3);
    }

    @Test
    void csirtFeedbackClockNotifiesOnlyTheDutyAnalysts() {
        OverdueNotices notices = new OverdueNotices(jdbc, () -> null, json, List.of("duty@cesk.example"), "m@x.example", Duration.ZERO, 1);
        OverdueStage s = new OverdueStage(UUID.randomUUID(), "INC-x", UUID.randomUUID(), "Op", "t", "op@op.example",
                ReportingStage.INITIAL_FEEDBACK, Instant.now(), Instant.now());
        assertThat(notices.targets(s)).extracting(OverdueNotices.Target::address).contains("duty@cesk.example")
                .doesNotContain("op@op.example");
    }
}
