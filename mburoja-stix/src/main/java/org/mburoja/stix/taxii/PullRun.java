package org.mburoja.stix.taxii;

import java.time.Instant;
import java.util.Optional;

/**
 * The record of one pull from a remote collection, kept by the caller as the history of a federation peer.
 *
 * @param addedAfter  the {@code added_after} the run started from (empty: the whole collection)
 * @param nextAddedAfter where the next incremental pull starts: the last {@code X-TAXII-Date-Added-Last} seen
 * @param attempts    HTTP requests made, retries included
 */
public record PullRun(String collectionId, Instant started, Instant finished, Optional<String> addedAfter,
                      Optional<String> nextAddedAfter, int pages, long objects, int attempts) {
}
