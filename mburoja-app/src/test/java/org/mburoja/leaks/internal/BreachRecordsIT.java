package org.mburoja.leaks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.leaks.Breach;
import org.mburoja.leaks.BreachRecords;
import org.mburoja.leaks.LeakAccessDenied;
import org.mburoja.leaks.LeakActors;
import org.mburoja.leaks.LeakScanJobs;
import org.mburoja.leaks.ScanJob;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class BreachRecordsIT {

    @Autowired
    BreachRecords breaches;

    @Autowired
    LeakScanJobs scans;

    @Autowired
    AuditLog audit;

    private Breach openFromScan(Actor analyst, Instant discovered) throws Exception {
        ScanJob job = LeakActors.awaitFinished(scans, analyst,
                scans.submitUpload(analyst, "voters.csv", LeakScanJobsIT.voters(), false).id());
        return breaches.open(analyst, new BreachRecords.NewBreach("Lista e votuesve", "Telegram channel",
                discovered, null, "Bashkia X", job.id()));
    }

    @Test
    void startsThe72HourClockAtDiscoveryAndRequiresTellingSubjectsForHighRisk() throws Exception {
        Actor analyst = LeakActors.analyst();
        Instant discovered = Instant.now().minus(Duration.ofHours(80)).truncatedTo(ChronoUnit.SECONDS);
        Breach b = openFromScan(analyst, discovered);
        assertThat(b.authorityDeadline()).isEqualTo(discovered.plus(Duration.ofHours(72)));
        assertThat(b.authorityOverdue(Instant.now())).isTrue();
        assertThat(b.riskLevel()).isEqualTo("HIGH");
        assertThat(b.personsAffected()).isEqualTo(2);
        assertThat(b.specialCategories()).containsExactly("political_opinion");
        assertThat(b.subjectsNotificationRequired()).isTrue();
        assertThat(b.status()).isEqualTo(Breach.Status.OPEN);
    }

    @Test
    void recordsDecisionsStopsTheClockAndClosesOnlyAfterNotifyingTheAuthority() throws Exception {
        Actor analyst = LeakActors.analyst();
        Breach b = openFromScan(analyst, Instant.now().minus(Duration.ofHours(2)));
        assertThatThrownBy(() -> breaches.decide(analyst, b.id(), Breach.DecisionKind.CLOSED, "done"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before closing");
        assertThatThrownBy(() -> breaches.decide(analyst, b.id(), Breach.DecisionKind.SUBJECTS_NOT_NOTIFIED, "no"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("justification");
        Breach notified = breaches.decide(analyst, b.id(), Breach.DecisionKind.AUTHORITY_NOTIFIED, "IDP ref 12/2026");
        assertThat(notified.status()).isEqualTo(Breach.Status.AUTHORITY_NOTIFIED);
        assertThat(notified.authorityOverdue(Instant.now().plus(Duration.ofDays(10)))).isFalse();
        breaches.decide(analyst, b.id(), Breach.DecisionKind.SUBJECTS_NOTIFIED, "SMS to all numbers");
        Breach closed = breaches.decide(analyst, b.id(), Breach.DecisionKind.CLOSED, "handled");
        assertThat(closed.status()).isEqualTo(Breach.Status.CLOSED);
        assertThat(closed.decisions()).extracting(Breach.Decision::kind).containsExactly(
                Breach.DecisionKind.AUTHORITY_NOTIFIED, Breach.DecisionKind.SUBJECTS_NOTIFIED,
                Breach.DecisionKind.CLOSED);
        assertThatThrownBy(() -> breaches.decide(analyst, b.id(), Breach.DecisionKind.NOTE, "late"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closed");
        assertThat(audit.search(new AuditFilter(analyst.username(), "leaks.breach-", "breach", b.id().toString(),
                null, null), 0, 20)).hasSize(4);
    }

    @Test
    void rejectsBadInputAndOtherOrganisations() {
        Actor analyst = LeakActors.analyst();
        assertThatThrownBy(() -> breaches.open(analyst, new BreachRecords.NewBreach(" ", "x", null, null, null,
                null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
        assertThatThrownBy(() -> breaches.open(analyst, new BreachRecords.NewBreach("t", "x",
                Instant.now().plus(Duration.ofDays(2)), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future");
        assertThatThrownBy(() -> breaches.open(analyst, new BreachRecords.NewBreach("t", "x", null, null, null,
                java.util.UUID.randomUUID()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> breaches.list(LeakActors.operator(), 10)).isInstanceOf(LeakAccessDenied.class);
    }
}
