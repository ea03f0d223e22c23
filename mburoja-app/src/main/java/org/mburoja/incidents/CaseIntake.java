package org.mburoja.incidents;

import java.util.List;
import java.util.UUID;
import org.mburoja.kernel.Actor;

/**
 * How other modules open a CSIRT case: the detection module turns an alert into a case here, with the observables
 * that raised it. The case starts in {@code NEW}, lands in the analysts' queue and records where it came from.
 */
public interface CaseIntake {

    /**
     * An alert worth a case.
     *
     * @param source         where it came from, e.g. {@code sigma:win_susp_lsass_dump} (stored on the timeline)
     * @param severity       LOW, MEDIUM, HIGH or CRITICAL
     * @param organisationId the affected operator, when known
     * @param observables    kind (IP, DOMAIN, URL, HASH, EMAIL, ACCOUNT, FILE, OTHER) and value; malformed ones are
     *                       skipped and named on the timeline rather than failing the case
     */
    record Alert(String source, String title, String description, String severity, UUID organisationId,
                 List<String> attackTechniques, List<Observed> observables) {
    }

    record Observed(String kind, String value) {
    }

    /** Opens the case and returns its id. */
    UUID openFromAlert(Actor actor, Alert alert);
}
