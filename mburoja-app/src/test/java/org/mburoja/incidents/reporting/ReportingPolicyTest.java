package org.mburoja.incidents.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportingPolicyTest {

    static ReportingPolicy load(String name) throws Exception {
        try (InputStream in = ReportingPolicyTest.class.getResourceAsStream(name)) {
            return ReportingPolicy.parse(in, name);
        }
    }

    @Test
    void defaultPolicyHoldsTheNis2Values() {
        ReportingPolicy p = ReportingPolicy.nis2();
        assertThat(p.zone()).isEqualTo(ZoneId.of("Europe/Tirane"));
        assertThat(p.earlyWarning()).isEqualTo(new ReportingPeriod.Elapsed(Duration.ofHours(24)));
        assertThat(p.notification()).isEqualTo(new ReportingPeriod.Elapsed(Duration.ofHours(72)));
        assertThat(p.notificationTrustServiceProvider()).isEqualTo(new ReportingPeriod.Elapsed(Duration.ofHours(24)));
        assertThat(p.finalReport()).isEqualTo(new ReportingPeriod.Calendar(Period.ofMonths(1)));
        assertThat(p.finalAfterHandling()).isEqualTo(new ReportingPeriod.Calendar(Period.ofMonths(1)));
        assertThat(p.initialFeedback()).isEqualTo(new ReportingPeriod.Elapsed(Duration.ofHours(24)));
    }

    @Test
    void anotherJurisdictionChangesDeadlinesWithoutCode() throws Exception {
        ReportingSchedule s = new ReportingSchedule(load("policy-longer-notification.yml"));
        Instant aware = Instant.parse("2026-05-01T08:00:00Z");
        assertThat(s.deadline(ReportFacts.awareAt(aware, false), ReportingStage.NOTIFICATION).orElseThrow().dueAt())
                .isEqualTo(aware.plus(Duration.ofHours(96)));
    }

    @Test
    void rejectsBrokenPolicyNamingEveryProblem() {
        assertThatThrownBy(() -> load("policy-broken.yml"))
                .isInstanceOf(ReportingPolicy.InvalidPolicyException.class)
                .satisfies(e -> assertThat(((ReportingPolicy.InvalidPolicyException) e).problems()).containsExactlyInAnyOrder(
                        "unknown key 'grace'",
                        "zone: unknown time zone 'Europe/Atlantis'",
                        "early-warning: not an ISO-8601 period: '24 hours' (e.g. PT24H or P1M)",
                        "notification: mixed calendar and clock period 'P1DT2H': write either PT..H (elapsed hours) or P..D/P..M (calendar days or months)",
                        "notification-trust-service-provider: missing"))
                .hasMessageContaining("policy-broken.yml");
    }

    @Test
    void rejectsTextThatIsNotYaml() {
        assertThatThrownBy(() -> load("policy-not-yaml.yml"))
                .isInstanceOf(ReportingPolicy.InvalidPolicyException.class).hasMessageContaining("not readable YAML");
    }

    @Test
    void rejectsZeroAndNegativePeriods() {
        assertThatThrownBy(() -> ReportingPeriod.parse("PT0H")).hasMessageContaining("positive");
        assertThatThrownBy(() -> ReportingPeriod.parse("P-1M")).hasMessageContaining("positive");
    }
}
