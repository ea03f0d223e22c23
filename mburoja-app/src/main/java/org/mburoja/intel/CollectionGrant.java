package org.mburoja.intel;

import java.util.UUID;
import org.mburoja.kernel.OrganisationId;

/** An explicit right of one organisation on one collection (overrides the collection's open rules). */
public record CollectionGrant(UUID collection, OrganisationId organisation, boolean canRead, boolean canWrite,
                              boolean sharingGroup) {
}
