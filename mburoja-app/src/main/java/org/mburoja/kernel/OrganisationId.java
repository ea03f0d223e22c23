package org.mburoja.kernel;

import java.util.Objects;
import java.util.UUID;

/** Identity of an organisation: the national authority, an operator, or a partner agency. */
public record OrganisationId(UUID value) {

    public OrganisationId {
        Objects.requireNonNull(value, "value");
    }

    public static OrganisationId of(String s) {
        return new OrganisationId(UUID.fromString(s));
    }

    public static OrganisationId random() {
        return new OrganisationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
