package org.mburoja.operators;

import org.mburoja.kernel.OrganisationId;

/**
 * An operator owning the looked-up address, domain or AS number, and the registered asset that matched (the most
 * specific CIDR block, or the registered domain the name lies under).
 */
public record ConstituencyMatch(OrganisationId operator, String name, EntityClass entityClass, String sector,
                                String matchedAsset) {
}
