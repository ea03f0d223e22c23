package org.mburoja.intel.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.mburoja.intel.FederationPeer;
import org.mburoja.intel.FederationPeers;
import org.mburoja.kernel.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pulls from every enabled peer whose interval has passed since its last run started. Checks once a minute
 * ({@code mburoja.intel.federation.tick}); peers are synced one after the other on the scheduler thread, so a slow
 * peer delays the others but never runs twice. Off with {@code mburoja.intel.federation.schedule=false} (the tests
 * trigger syncs themselves).
 */
@Component
@ConditionalOnProperty(name = "mburoja.intel.federation.schedule", havingValue = "true", matchIfMissing = true)
class FederationSchedule {

    private static final Logger log = LoggerFactory.getLogger(FederationSchedule.class);

    private final JdbcFederationPeers peers;
    private final JdbcClient jdbc;

    FederationSchedule(JdbcFederationPeers peers, JdbcClient jdbc) {
        this.peers = peers;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${mburoja.intel.federation.tick:PT1M}",
            initialDelayString = "${mburoja.intel.federation.tick:PT1M}")
    void syncDuePeers() {
        Actor system = Actor.system("federation");
        for (UUID id : jdbc.sql("SELECT id FROM intel_peers WHERE enabled = TRUE").query(UUID.class).list()) {
            FederationPeer peer = peers.load(id).orElse(null);
            if (peer == null || !due(peer)) {
                continue;
            }
            try {
                peers.sync(system, id);
            } catch (RuntimeException e) {
                log.warn("scheduled federation sync with peer '{}' failed: {}", peer.name(), e.getMessage());
            }
        }
    }

    private boolean due(FederationPeer peer) {
        OffsetDateTime last = jdbc.sql("SELECT MAX(started_at) FROM intel_peer_runs WHERE peer_id = ?")
                .param(peer.id()).query(OffsetDateTime.class).optional().orElse(null);
        return last == null || !last.toInstant().plus(peer.interval()).isAfter(Instant.now());
    }
}
