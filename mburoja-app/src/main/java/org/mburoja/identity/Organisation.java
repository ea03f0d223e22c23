package org.mburoja.identity;

import java.time.Instant;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;

/**
 * An organisation: the national authority, an operator or a partner agency. Users belong to exactly one.
 *
 * @param country ISO 3166-1 alpha-2 code of the country it belongs to (AL for Albanian ones)
 */
public record Organisation(OrganisationId id, OrganisationKind kind, String name, String country, Instant createdAt) {
}
