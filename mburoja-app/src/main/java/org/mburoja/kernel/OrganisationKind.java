package org.mburoja.kernel;

/** The three kinds of organisation the platform knows. */
public enum OrganisationKind {
    /** The national cyber-security authority that runs the centre (CSIRT/SOC). */
    NATIONAL_AUTHORITY,
    /** A regulated operator of critical or important information infrastructure. */
    OPERATOR,
    /** Another country's authority or CSIRT in the cooperation network. */
    PARTNER
}
