package org.mburoja.intel.internal;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.mburoja.audit.AuditLog;
import org.mburoja.intel.FederationPeer;
import org.mburoja.intel.FederationPeers;
import org.mburoja.intel.FederationRun;
import org.mburoja.intel.IntelAccessDenied;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.NewFederationPeer;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.stix.marking.Tlp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Peer configuration in {@code intel_peers}/{@code intel_peer_collections} and the run history in
 * {@code intel_peer_runs}. Only administrators of the national authority configure, list or sync peers (a denial
 * is audited as {@code access.denied}); the scheduler syncs as {@code system:federation}. The credential is
 * encrypted by {@link PeerSecrets} and appears in no record, log line or audit entry.
 */
@Service
class JdbcFederationPeers implements FederationPeers {

    static final int MIN_INTERVAL_SECONDS = 60;

    private final JdbcClient jdbc;
    private final PeerSecrets secrets;
    private final PeerSync sync;
    private final IntelCollections collections;
    private final AuditLog audit;

    JdbcFederationPeers(JdbcClient jdbc, PeerSecrets secrets, PeerSync sync, IntelCollections collections,
                        AuditLog audit) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.sync = sync;
        this.collections = collections;
        this.audit = audit;
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public List<FederationPeer> list(Actor admin) {
        requireAdmin(admin, "list");
        return jdbc.sql("SELECT * FROM intel_peers ORDER BY name").query(this::peer).list();
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public Optional<FederationPeer> find(Actor admin, UUID id) {
        requireAdmin(admin, id.toString());
        return load(id);
    }

    Optional<FederationPeer> load(UUID id) {
        return jdbc.sql("SELECT * FROM intel_peers WHERE id = ?").param(id).query(this::peer).optional();
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public FederationPeer create(Actor admin, NewFederationPeer p) {
        requireAdmin(admin, "create");
        validate(p);
        if (jdbc.sql("SELECT COUNT(*) FROM intel_peers WHERE name = ?").param(p.name().trim()).query(Long.class)
                .single() > 0) {
            throw new IllegalArgumentException("name: a peer named '" + p.name().trim() + "' already exists");
        }
        UUID id = UUID.randomUUID();
        String kind = p.authKind().trim().toUpperCase(java.util.Locale.ROOT);
        jdbc.sql("""
                INSERT INTO intel_peers (id, name, api_root_url, auth_kind, auth_user, secret_encrypted, allowed_tlp,
                  interval_seconds, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, p.name().trim(), p.apiRoot().trim(), kind, "BASIC".equals(kind) ? p.authUser() : null,
                        secrets.encrypt(p.secret()), tlpText(p.allowedTlp()), (int) p.interval().toSeconds(),
                        p.enabled(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS))
                .update();
        for (FederationPeer.Mapping m : p.mappings()) {
            jdbc.sql("INSERT INTO intel_peer_collections (peer_id, remote_collection, local_collection) "
                    + "VALUES (?, ?, ?)").params(id, m.remoteCollection().trim(), m.localCollection()).update();
        }
        FederationPeer created = load(id).orElseThrow();
        audit.append(admin, "intel.peer.create", "intel-peer", id.toString(), null, created);
        return created;
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public FederationPeer setEnabled(Actor admin, UUID id, boolean enabled) {
        requireAdmin(admin, id.toString());
        FederationPeer before = load(id).orElseThrow(() -> new IllegalArgumentException("no peer " + id));
        jdbc.sql("UPDATE intel_peers SET enabled = ? WHERE id = ?").params(enabled, id).update();
        FederationPeer after = load(id).orElseThrow();
        audit.append(admin, "intel.peer.update", "intel-peer", id.toString(), before, after);
        return after;
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public void delete(Actor admin, UUID id) {
        requireAdmin(admin, id.toString());
        FederationPeer before = load(id).orElseThrow(() -> new IllegalArgumentException("no peer " + id));
        jdbc.sql("DELETE FROM intel_peers WHERE id = ?").param(id).update();
        audit.append(admin, "intel.peer.delete", "intel-peer", id.toString(), before, null);
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public List<FederationRun> runs(Actor admin, UUID id, int limit) {
        requireAdmin(admin, id.toString());
        return jdbc.sql("SELECT * FROM intel_peer_runs WHERE peer_id = ? ORDER BY started_at DESC")
                .param(id).query(JdbcFederationPeers::run).list().stream()
                .limit(Math.max(1, Math.min(limit, 1000))).toList();
    }

    @Override
    public FederationRun sync(Actor actor, UUID id) {
        if (actor == null || actor.userId() != null || !actor.username().equals("system:federation")) {
            requireAdmin(actor, id.toString());
        }
        FederationPeer peer = load(id).orElseThrow(() -> new IllegalArgumentException("no peer " + id));
        String row = jdbc.sql("SELECT secret_encrypted FROM intel_peers WHERE id = ?").param(id)
                .query(String.class).single();
        return sync.run(actor, peer, secrets.decrypt(row));
    }

    private void requireAdmin(Actor actor, String target) {
        if (actor == null || !(actor.isAuthorityStaff() && actor.has(Role.ADMIN) && actor.hasScope("intel", true))) {
            if (actor != null) {
                audit.append(actor, "access.denied", "intel-peer", target, null,
                        Map.of("reason", "federation peers are administered by admins of the national authority "
                                + "(tokens need the intel:write scope)"));
            }
            throw new IntelAccessDenied("federation peers are administered by admins of the national authority");
        }
    }

    private void validate(NewFederationPeer p) {
        if (p.name() == null || p.name().isBlank() || p.name().length() > 100) {
            throw new IllegalArgumentException("name: required, at most 100 characters");
        }
        if (p.apiRoot() == null || p.apiRoot().length() > 1000) {
            throw new IllegalArgumentException("apiRoot: required, at most 1000 characters");
        }
        URI uri;
        try {
            uri = URI.create(p.apiRoot().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("apiRoot: not a URL: " + e.getMessage());
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("apiRoot: must be an absolute http(s) URL of the peer's TAXII API root");
        }
        String kind = p.authKind() == null ? "" : p.authKind().trim().toUpperCase(java.util.Locale.ROOT);
        if (!kind.equals("BEARER") && !kind.equals("BASIC")) {
            throw new IllegalArgumentException("authKind: must be BEARER or BASIC");
        }
        if (kind.equals("BASIC") && (p.authUser() == null || p.authUser().isBlank() || p.authUser().length() > 200)) {
            throw new IllegalArgumentException("authUser: required for BASIC, at most 200 characters");
        }
        if (p.secret() == null || p.secret().isBlank() || p.secret().length() > 1000) {
            throw new IllegalArgumentException("secret: the peer's API token is required (at most 1000 characters)");
        }
        if (p.allowedTlp() == null || p.allowedTlp().isEmpty()) {
            throw new IllegalArgumentException("allowedTlp: name at least one TLP level that may flow in");
        }
        if (p.interval() == null || p.interval().toSeconds() < MIN_INTERVAL_SECONDS
                || p.interval().compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("interval: between PT1M and P7D");
        }
        if (p.mappings() == null || p.mappings().isEmpty() || p.mappings().size() > 50) {
            throw new IllegalArgumentException("mappings: between 1 and 50 remote collections");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < p.mappings().size(); i++) {
            FederationPeer.Mapping m = p.mappings().get(i);
            if (m == null || m.remoteCollection() == null || m.remoteCollection().isBlank()
                    || m.remoteCollection().length() > 100 || m.localCollection() == null) {
                throw new IllegalArgumentException("mappings[" + i + "]: remoteCollection and localCollection "
                        + "are required");
            }
            if (!seen.add(m.remoteCollection().trim())) {
                throw new IllegalArgumentException("mappings[" + i + "]: remote collection mapped twice");
            }
            if (collections.find(m.localCollection()).isEmpty()) {
                throw new IllegalArgumentException("mappings[" + i + "]: no local collection "
                        + m.localCollection());
            }
        }
    }

    static String tlpText(Set<Tlp> tlp) {
        return tlp.stream().sorted().map(Tlp::level).collect(Collectors.joining(","));
    }

    private FederationPeer peer(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Set<Tlp> tlp = EnumSet.noneOf(Tlp.class);
        Arrays.stream(rs.getString("allowed_tlp").split(",")).filter(s -> !s.isBlank())
                .forEach(s -> Tlp.ofLabel(s).ifPresent(tlp::add));
        List<FederationPeer.Mapping> mappings = jdbc.sql("SELECT remote_collection, local_collection, added_after "
                        + "FROM intel_peer_collections WHERE peer_id = ? ORDER BY remote_collection").param(id)
                .query((r, i) -> new FederationPeer.Mapping(r.getString(1), r.getObject(2, UUID.class),
                        r.getString(3))).list();
        return new FederationPeer(id, rs.getString("name"), rs.getString("api_root_url"), rs.getString("auth_kind"),
                rs.getString("auth_user"), tlp, Duration.ofSeconds(rs.getInt("interval_seconds")),
                rs.getBoolean("enabled"), rs.getObject("created_at", OffsetDateTime.class).toInstant(), mappings);
    }

    private static FederationRun run(ResultSet rs, int n) throws SQLException {
        OffsetDateTime fin = rs.getObject("finished_at", OffsetDateTime.class);
        return new FederationRun(rs.getObject("id", UUID.class), rs.getObject("peer_id", UUID.class),
                rs.getString("trigger_by"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                fin == null ? null : fin.toInstant(), rs.getLong("received"), rs.getLong("stored"),
                rs.getLong("duplicates"), rs.getLong("rejected"), rs.getLong("refused_tlp"), rs.getString("error"));
    }

    static Map<String, Object> summary(FederationRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", r.id().toString());
        m.put("received", r.received());
        m.put("stored", r.stored());
        m.put("duplicates", r.duplicates());
        m.put("rejected", r.rejected());
        m.put("refusedTlp", r.refusedTlp());
        m.put("error", r.error());
        return m;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
