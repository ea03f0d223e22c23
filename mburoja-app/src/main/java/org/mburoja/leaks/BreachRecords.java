package org.mburoja.leaks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.Actor;

/** Breach records with their 72-hour clock; authority analysts and administrators only, every change audited. */
public interface BreachRecords {

    /** What an analyst knows when opening a record; {@code scanJobId} links a finished scan (optional). */
    record NewBreach(String title, String source, Instant discoveredAt, OrganisationId controller,
                     String controllerName, UUID scanJobId) {
    }

    Breach open(Actor actor, NewBreach breach);

    /**
     * Records a decision. {@code AUTHORITY_NOTIFIED} stops the clock; {@code SUBJECTS_NOT_NOTIFIED} on a breach whose
     * risk requires it needs a justification in the note; {@code CLOSED} needs the authority to have been notified.
     */
    Breach decide(Actor actor, UUID id, Breach.DecisionKind kind, String note);

    Optional<Breach> find(Actor actor, UUID id);

    List<Breach> list(Actor actor, int limit);
}
