package org.mburoja.operators;

/** How a CSV import treats bad rows. */
public enum ImportMode {
    /** Default: one bad row and nothing at all is written. */
    ALL_OR_NOTHING,
    /** The good rows are written (each on its own), the bad ones reported. */
    PARTIAL
}
