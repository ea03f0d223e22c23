package org.mburoja.intel;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.kernel.Actor;

/**
 * Federation with peer national nodes: their configuration (administrators of the national authority only, every
 * change audited) and pulling from them, incrementally and with a record of every run.
 */
public interface FederationPeers {

    List<FederationPeer> list(Actor admin);

    Optional<FederationPeer> find(Actor admin, UUID id);

    /** @throws IllegalArgumentException with what is wrong when the configuration is invalid */
    FederationPeer create(Actor admin, NewFederationPeer peer);

    FederationPeer setEnabled(Actor admin, UUID id, boolean enabled);

    void delete(Actor admin, UUID id);

    /** The most recent runs first, at most {@code limit}. */
    List<FederationRun> runs(Actor admin, UUID id, int limit);

    /**
     * Pulls every mapped collection of the peer now and records the run. A run already going for the same peer
     * makes this fail with {@link IllegalStateException} rather than pull twice.
     */
    FederationRun sync(Actor actor, UUID id);
}
