package org.mburoja.kernel;

/** Roles of a user; a user belongs to exactly one organisation. */
public enum Role {
    /** Administers users, organisations and the platform (authority staff). */
    ADMIN,
    /** Analyst of the national centre: sees every operator's data. */
    ANALYST,
    /** Reporter for its own operator organisation only. */
    OPERATOR,
    /** Partner agency user: sees only what TLP and sharing rules allow. */
    PARTNER,
    /** Read-only access to its own organisation's data. */
    VIEWER;

    /** Whether this role needs TOTP multi-factor authentication. */
    public boolean requiresMfa() {
        return this == ADMIN || this == ANALYST;
    }

    /** The Spring Security authority name, {@code ROLE_ADMIN} etc. */
    public String authority() {
        return "ROLE_" + name();
    }
}
