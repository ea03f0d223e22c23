package org.mburoja.leaks;

import java.util.Set;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;

/** Actors for the leak tests, with unique names so tests can find their own audit entries; waiting for a scan. */
public final class LeakActors {

    private LeakActors() {
    }

    public static Actor analyst() {
        return new Actor(UUID.randomUUID(), "analyst-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ANALYST), null);
    }

    public static Actor operator() {
        return new Actor(UUID.randomUUID(), "operator-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.OPERATOR, Set.of(Role.OPERATOR), null);
    }

    /** Waits (60 s at most) until the scan is done or failed, and returns it. */
    public static ScanJob awaitFinished(LeakScanJobs scans, Actor actor, UUID id) throws InterruptedException {
        java.time.Instant until = java.time.Instant.now().plusSeconds(60);
        while (java.time.Instant.now().isBefore(until)) {
            ScanJob j = scans.find(actor, id).orElseThrow();
            if (j.status() == ScanJob.Status.DONE || j.status() == ScanJob.Status.FAILED) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("scan " + id + " did not finish in 60 s");
    }

    public static Actor readOnlyToken() {
        return new Actor(UUID.randomUUID(), "token-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ANALYST), Set.of("leaks:read"));
    }
}
