package org.mburoja.audit;

import java.time.Instant;

/** Filter for browsing the audit log; {@code null} parts do not filter. */
public record AuditFilter(String actor, String actionPrefix, String objectType, String objectId, Instant from,
                          Instant to) {

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}
