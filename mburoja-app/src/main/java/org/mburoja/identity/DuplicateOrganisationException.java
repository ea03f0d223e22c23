package org.mburoja.identity;

/** An organisation with that name exists already. */
public final class DuplicateOrganisationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DuplicateOrganisationException(String name) {
        super("an organisation named '" + name + "' exists already");
    }
}
