package org.mburoja.operators;

import org.mburoja.kernel.OrganisationId;

/** No operator record with that id. */
public final class OperatorNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OperatorNotFoundException(OrganisationId id) {
        super("no operator record " + id);
    }
}
