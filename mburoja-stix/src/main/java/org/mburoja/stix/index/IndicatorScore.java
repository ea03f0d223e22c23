package org.mburoja.stix.index;

import java.time.Duration;
import java.time.Instant;

/**
 * Indicator score with age decay, raised by sightings:
 *
 * <pre>
 *   score = min(1, c + 0.1 * ln(1 + s)) * 2^(-age / H)
 * </pre>
 * where {@code c} is the indicator's confidence / 100 (0.5 when absent), {@code s} the number of sightings,
 * {@code age} the time since the latest of valid_from, modified and the last sighting, and {@code H} the half-life
 * of the observable kind: IP addresses 30 days (they are re-assigned fast), URLs 60, domains 90, e-mail addresses
 * 180, file hashes 365 (a hash never stops meaning the same file). Indicators scoring below the index's threshold
 * are left out of the index. Scores are fixed when the index is built; rebuilding (merging) refreshes them.
 */
public final class IndicatorScore {

    private IndicatorScore() {
    }

    public static Duration halfLife(ObservableKind kind) {
        return Duration.ofDays(switch (kind) {
            case IPV4, IPV6 -> 30;
            case URL -> 60;
            case DOMAIN -> 90;
            case EMAIL -> 180;
            case MD5, SHA1, SHA256 -> 365;
        });
    }

    /** The score of an indicator with confidence (0-100, or -1 when absent) at {@code now}. */
    public static double score(int confidence, SightingSummary sightings, Instant reference, Instant now,
                               ObservableKind kind) {
        double c = confidence < 0 ? 0.5 : Math.min(100, confidence) / 100.0;
        double raised = Math.min(1.0, c + 0.1 * Math.log1p(sightings.count()));
        Instant ref = sightings.lastSeen().filter(reference::isBefore).orElse(reference);
        double ageSeconds = Math.max(0, Duration.between(ref, now).toSeconds());
        return raised * Math.pow(2, -ageSeconds / halfLife(kind).toSeconds());
    }
}
