package org.mburoja.intel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mburoja.stix.marking.Tlp;

/**
 * A peer national node this node pulls intelligence from over TAXII 2.1. The credential is write-only: it is
 * stored encrypted and never part of this record, so listing peers cannot leak it.
 *
 * @param apiRoot    the peer's TAXII API root URL
 * @param authKind   {@code BEARER} or {@code BASIC} (user + API token)
 * @param authUser   the user name for Basic, else null
 * @param allowedTlp the TLP levels that may flow in; objects with another level are refused and counted.
 *                   Unmarked objects count as AMBER, as everywhere on this node
 * @param interval   how often the scheduler pulls
 * @param mappings   which remote collection feeds which local collection, with the incremental cursor
 */
public record FederationPeer(UUID id, String name, String apiRoot, String authKind, String authUser,
                             Set<Tlp> allowedTlp, Duration interval, boolean enabled, Instant createdAt,
                             List<Mapping> mappings) {

    public FederationPeer {
        allowedTlp = Set.copyOf(allowedTlp);
        mappings = List.copyOf(mappings);
    }

    /** @param addedAfter the last {@code date_added} seen on the remote collection; null before the first pull */
    public record Mapping(String remoteCollection, UUID localCollection, String addedAfter) {
    }
}
