package org.mburoja.intel;

import java.time.Instant;
import java.util.UUID;

/**
 * A TAXII collection of this node: a set of STIX objects with its own sharing rules.
 *
 * @param apiRoot   the TAXII API root it belongs to
 * @param openRead  every organisation of this node may read it (what TLP allows) without an explicit grant
 * @param openWrite every organisation of this node may publish to it without an explicit grant
 */
public record IntelCollection(UUID id, String apiRoot, String alias, String title, String description,
                              boolean openRead, boolean openWrite, Instant createdAt) {
}
