package org.mburoja.intel.internal;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.mburoja.audit.AuditLog;
import org.mburoja.intel.FederationPeer;
import org.mburoja.intel.FederationRun;
import org.mburoja.intel.IngestReport;
import org.mburoja.intel.ObjectOutcome;
import org.mburoja.intel.StixStore;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.stix.marking.TlpMarkings;
import org.mburoja.stix.taxii.PullRun;
import org.mburoja.stix.taxii.TaxiiClient;
import org.mburoja.stix.taxii.TaxiiCredentials;
import org.mburoja.stix.taxii.TaxiiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * One sync with a peer: for each mapped collection, pulls with the engine's {@link TaxiiClient} from the stored
 * {@code added_after} (paging, retries with backoff), refuses objects whose TLP this peer may not send, and ingests
 * the rest in batches of {@value #BATCH} as {@code system:federation} with source {@code peer:<name>}. Objects are
 * stored as received, so {@code created_by_ref} (the original author) stays intact; the store deduplicates
 * id + version, so repeated or overlapping pulls add nothing.
 *
 * <p>The cursor of a collection advances only after its pull finished and everything was stored: a run that fails
 * midway is repeated from the old cursor next time and the already-stored part counts as duplicates. One run per
 * peer at a time (in this JVM).
 */
@Component
class PeerSync {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(PeerSync.class);

    private final StixStore store;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    PeerSync(StixStore store, JdbcClient jdbc, AuditLog audit) {
        this.store = store;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Counters of a run, filled as batches are stored. */
    static final class Tally {
        long received;
        long stored;
        long duplicates;
        long rejected;
        long refusedTlp;

        void add(IngestReport r) {
            stored += r.count(ObjectOutcome.Status.ACCEPTED);
            duplicates += r.count(ObjectOutcome.Status.DUPLICATE);
            rejected += r.count(ObjectOutcome.Status.REJECTED);
        }
    }

    /** Whether an object of this TLP (unmarked counts as AMBER, as on this node) may come in from the peer. */
    static boolean admissible(StixObject o, Set<Tlp> allowed) {
        return allowed.contains(TlpMarkings.effectiveTlp(o).orElse(Tlp.AMBER));
    }

    FederationRun run(Actor trigger, FederationPeer peer, String secret) {
        if (!running.add(peer.id())) {
            throw new IllegalStateException("a sync with peer '" + peer.name() + "' is already running");
        }
        try {
            return runLocked(trigger, peer, secret);
        } finally {
            running.remove(peer.id());
        }
    }

    private FederationRun runLocked(Actor trigger, FederationPeer peer, String secret) {
        UUID runId = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO intel_peer_runs (id, peer_id, trigger_by, started_at, received, stored, duplicates, "
                + "rejected, refused_tlp) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0)")
                .params(runId, peer.id(), trigger.username(), started).update();
        TaxiiCredentials credentials = "BASIC".equals(peer.authKind())
                ? new TaxiiCredentials.Basic(peer.authUser(), secret) : new TaxiiCredentials.Bearer(secret);
        TaxiiClient client = TaxiiClient.of(credentials);
        Actor writer = Actor.system("federation");
        String source = "peer:" + peer.name();
        Tally tally = new Tally();
        String error = null;
        for (FederationPeer.Mapping m : peer.mappings()) {
            try {
                List<JsonNode> batch = new ArrayList<>();
                PullRun pulled = client.pull(URI.create(peer.apiRoot()), m.remoteCollection(),
                        Optional.ofNullable(m.addedAfter()), BATCH, o -> {
                            tally.received++;
                            if (!admissible(o, peer.allowedTlp())) {
                                tally.refusedTlp++;
                                return;
                            }
                            batch.add(o.toTree());
                            if (batch.size() >= BATCH) {
                                tally.add(store.ingest(writer, m.localCollection(), List.copyOf(batch), source));
                                batch.clear();
                            }
                        });
                if (!batch.isEmpty()) {
                    tally.add(store.ingest(writer, m.localCollection(), batch, source));
                }
                pulled.nextAddedAfter().ifPresent(next -> jdbc.sql("UPDATE intel_peer_collections SET "
                        + "added_after = ? WHERE peer_id = ? AND remote_collection = ?")
                        .params(next, peer.id(), m.remoteCollection()).update());
            } catch (TaxiiException | IllegalArgumentException | IllegalStateException e) {
                String problem = "collection " + m.remoteCollection() + ": " + e.getMessage();
                error = error == null ? problem : error + "; " + problem;
                log.warn("federation sync with peer '{}' failed: {}", peer.name(), problem);
            }
        }
        if (error != null && error.length() > 2000) {
            error = error.substring(0, 1997) + "...";
        }
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("UPDATE intel_peer_runs SET finished_at = ?, received = ?, stored = ?, duplicates = ?, "
                        + "rejected = ?, refused_tlp = ?, error = ? WHERE id = ?")
                .params(finished, tally.received, tally.stored, tally.duplicates, tally.rejected, tally.refusedTlp,
                        error, runId).update();
        FederationRun run = new FederationRun(runId, peer.id(), trigger.username(), started.toInstant(),
                finished.toInstant(), tally.received, tally.stored, tally.duplicates, tally.rejected,
                tally.refusedTlp, error);
        audit.append(trigger, "intel.peer.sync", "intel-peer", peer.id().toString(), null,
                JdbcFederationPeers.summary(run));
        return run;
    }
}
