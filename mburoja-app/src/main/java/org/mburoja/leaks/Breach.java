package org.mburoja.leaks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.mburoja.kernel.OrganisationId;

/**
 * A personal-data breach under handling: what leaked (source, scan results), who is the controller if known, and the
 * legal clock: the data-protection authority must be notified within 72 hours of discovery, and the data subjects
 * when the risk is high.
 */
public record Breach(UUID id, String title, String source, Instant discoveredAt, OrganisationId controller,
                     String controllerName, UUID scanJobId, String riskLevel, Long personsAffected,
                     List<String> specialCategories, Instant authorityDeadline, Instant authorityNotifiedAt,
                     boolean subjectsNotificationRequired, Instant subjectsNotifiedAt, Status status,
                     List<Decision> decisions) {

    /** GDPR Art. 33 and its Albanian counterpart. */
    public static final Duration AUTHORITY_DEADLINE = Duration.ofHours(72);

    public enum Status { OPEN, AUTHORITY_NOTIFIED, CLOSED }

    /** Kinds of decision recorded on a breach. */
    public enum DecisionKind { NOTE, AUTHORITY_NOTIFIED, SUBJECTS_NOTIFIED, SUBJECTS_NOT_NOTIFIED, CLOSED }

    public record Decision(Instant at, String by, DecisionKind kind, String note) {
    }

    /** Whether the authority deadline has passed without notification, at {@code now}. */
    public boolean authorityOverdue(Instant now) {
        return authorityNotifiedAt == null && now.isAfter(authorityDeadline);
    }

    /** Time left to notify the authority (negative when overdue; zero once notified). */
    public Duration authorityTimeLeft(Instant now) {
        return authorityNotifiedAt != null ? Duration.ZERO : Duration.between(now, authorityDeadline);
    }
}
