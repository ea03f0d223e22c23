package org.mburoja.intel;

import java.time.Instant;
import java.util.UUID;

/**
 * The record of one sync with a peer, over all its mapped collections.
 *
 * @param received   objects the peer sent
 * @param stored     new versions stored here
 * @param duplicates versions already stored (repeated syncs, overlapping collections)
 * @param rejected   objects the store refused as invalid STIX
 * @param refusedTlp objects whose TLP level this peer may not send here
 * @param error      why the run stopped early, or null
 */
public record FederationRun(UUID id, UUID peer, String trigger, Instant started, Instant finished, long received,
                            long stored, long duplicates, long rejected, long refusedTlp, String error) {
}
