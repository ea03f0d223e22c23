package org.mburoja.intel.taxii;

/** A request the TAXII adapter refuses, rendered as a TAXII error object with this HTTP status. */
class TaxiiException extends RuntimeException {

    private final int status;
    private final String title;

    TaxiiException(int status, String title, String description) {
        super(description, null, false, false);
        this.status = status;
        this.title = title;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    static TaxiiException badRequest(String description) {
        return new TaxiiException(400, "Bad request", description);
    }

    static TaxiiException notFound(String description) {
        return new TaxiiException(404, "Not found", description);
    }
}
