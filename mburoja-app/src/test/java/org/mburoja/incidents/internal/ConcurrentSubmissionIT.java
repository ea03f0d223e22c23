package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.incidents.reporting.EntityType;
import org.mburoja.incidents.reporting.SignificanceAnswers;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class ConcurrentSubmissionIT {

    @Autowired ReportService reports;
    @Autowired Organisations organisations;

    @Test
    void concurrentCorrectionsGetDistinctGaplessVersions() throws Exception {
        Organisation op = organisations.create(Actor.system("t"), OrganisationKind.OPERATOR, "Telco " + UUID.randomUUID(), "AL");
        Actor reporter = new Actor(UUID.randomUUID(), "rep", op.id(), OrganisationKind.OPERATOR, Set.of(Role.OPERATOR), null);
        var report = reports.open(reporter, new ReportViews.NewReport(null, "digital infrastructure", "ESSENTIAL", "BGP leak",
                null, Instant.now().minusSeconds(600), SignificanceAnswers.none(EntityType.OTHER)));
        List<Callable<ReportViews.Receipt>> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            jobs.add(() -> reports.submit(reporter, report.id(), new ReportViews.NewSubmission("EARLY_WARNING",
                    Map.of("summary", "version from writer " + n, "suspectedMalicious", true, "crossBorder", false))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Integer> versions = new ArrayList<>();
        try {
            for (Future<ReportViews.Receipt> f : pool.invokeAll(jobs)) {
                versions.add(f.get().version());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }
}
