package org.mburoja.stix.taxii;

/** A TAXII request that failed for good (after retries): the HTTP status (0 for I/O failures) and the reason. */
public final class TaxiiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public TaxiiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
