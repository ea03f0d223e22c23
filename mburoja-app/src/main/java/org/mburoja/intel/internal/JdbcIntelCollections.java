package org.mburoja.intel.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.intel.CollectionAccess;
import org.mburoja.intel.CollectionGrant;
import org.mburoja.intel.IntelAccessDenied;
import org.mburoja.intel.IntelCollection;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.UnknownCollection;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Collections and grants in {@code intel_collections} / {@code intel_collection_rights}. */
@Service
class JdbcIntelCollections implements IntelCollections {

    static final String SCOPE = "intel";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    JdbcIntelCollections(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public List<IntelCollection> list(String apiRoot) {
        return jdbc.sql("SELECT * FROM intel_collections WHERE api_root = ? ORDER BY created_at, title")
                .param(apiRoot).query(JdbcIntelCollections::collection).list();
    }

    @Override
    public Optional<IntelCollection> find(UUID id) {
        return jdbc.sql("SELECT * FROM intel_collections WHERE id = ?").param(id)
                .query(JdbcIntelCollections::collection).optional();
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public IntelCollection create(Actor admin, String apiRoot, String alias, String title, String description,
                                  boolean openRead, boolean openWrite) {
        requireAdmin(admin, "intel.collection.create", null);
        if (title == null || title.isBlank() || title.length() > 300) {
            throw new IllegalArgumentException("title: required, at most 300 characters");
        }
        if (alias != null && !alias.matches("[a-z0-9][a-z0-9-]{0,99}")) {
            throw new IllegalArgumentException("alias: lower-case letters, digits and '-', at most 100");
        }
        if (description != null && description.length() > 2000) {
            throw new IllegalArgumentException("description: at most 2000 characters");
        }
        if (alias != null && list(apiRoot).stream().anyMatch(c -> alias.equals(c.alias()))) {
            throw new IllegalArgumentException("alias: '" + alias + "' is already used in API root " + apiRoot);
        }
        IntelCollection c = new IntelCollection(UUID.randomUUID(), apiRoot, alias, title, description, openRead,
                openWrite, Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                INSERT INTO intel_collections (id, api_root, alias, title, description, open_read, open_write,
                                               created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), apiRoot, alias, title, description, openRead, openWrite, Timestamp.from(c.createdAt()))
                .update();
        audit.append(admin, "intel.collection.create", "intel-collection", c.id().toString(), null, c);
        return c;
    }

    @Override
    public List<CollectionGrant> grants(UUID collection) {
        return jdbc.sql("SELECT * FROM intel_collection_rights WHERE collection_id = ? ORDER BY organisation_id")
                .param(collection).query((rs, n) -> grant(rs)).list();
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public CollectionGrant grant(Actor admin, CollectionGrant g) {
        requireAdmin(admin, "intel.grant.set", g.collection());
        find(g.collection()).orElseThrow(() -> new UnknownCollection(g.collection()));
        Optional<CollectionGrant> before = grant(g.collection(), g.organisation());
        if (before.isPresent()) {
            jdbc.sql("""
                    UPDATE intel_collection_rights SET can_read = ?, can_write = ?, sharing_group = ?
                    WHERE collection_id = ? AND organisation_id = ?""")
                    .params(g.canRead(), g.canWrite(), g.sharingGroup(), g.collection(), g.organisation().value())
                    .update();
        } else {
            jdbc.sql("""
                    INSERT INTO intel_collection_rights (collection_id, organisation_id, can_read, can_write,
                                                         sharing_group) VALUES (?, ?, ?, ?, ?)""")
                    .params(g.collection(), g.organisation().value(), g.canRead(), g.canWrite(), g.sharingGroup())
                    .update();
        }
        audit.append(admin, "intel.grant.set", "intel-collection", g.collection().toString(), before.orElse(null), g);
        return g;
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public void revokeGrant(Actor admin, UUID collection, OrganisationId organisation) {
        requireAdmin(admin, "intel.grant.revoke", collection);
        Optional<CollectionGrant> before = grant(collection, organisation);
        if (before.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM intel_collection_rights WHERE collection_id = ? AND organisation_id = ?")
                .params(collection, organisation.value()).update();
        audit.append(admin, "intel.grant.revoke", "intel-collection", collection.toString(), before.get(), null);
    }

    @Override
    public CollectionAccess access(Actor actor, UUID collection) {
        Optional<IntelCollection> c = find(collection);
        if (c.isEmpty()) {
            return CollectionAccess.none(collection);
        }
        boolean read;
        boolean write;
        boolean group;
        if (actor.isAuthorityStaff()) {
            read = write = group = true;
        } else if (actor.organisation() == null) {
            return CollectionAccess.none(collection);
        } else {
            Optional<CollectionGrant> g = grant(collection, actor.organisation());
            read = g.map(CollectionGrant::canRead).orElse(c.get().openRead());
            write = g.map(CollectionGrant::canWrite).orElse(c.get().openWrite()) && !actor.has(Role.VIEWER);
            group = g.map(CollectionGrant::sharingGroup).orElse(false);
        }
        return new CollectionAccess(collection, read && actor.hasScope(SCOPE, false),
                write && actor.hasScope(SCOPE, true), group);
    }

    private Optional<CollectionGrant> grant(UUID collection, OrganisationId organisation) {
        return jdbc.sql("SELECT * FROM intel_collection_rights WHERE collection_id = ? AND organisation_id = ?")
                .params(collection, organisation.value()).query((rs, n) -> grant(rs)).optional();
    }

    private void requireAdmin(Actor actor, String action, UUID collection) {
        if (!(actor.has(Role.ADMIN) && actor.isAuthorityStaff() && actor.hasScope(SCOPE, true))) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("action", action);
            details.put("reason", "only administrators of the national authority manage collections");
            audit.append(actor, "access.denied", "intel-collection",
                    collection == null ? null : collection.toString(), null, details);
            throw new IntelAccessDenied("only administrators of the national authority manage collections");
        }
    }

    private static IntelCollection collection(ResultSet rs, int n) throws SQLException {
        return new IntelCollection(rs.getObject("id", UUID.class), rs.getString("api_root"), rs.getString("alias"),
                rs.getString("title"), rs.getString("description"), rs.getBoolean("open_read"),
                rs.getBoolean("open_write"), rs.getTimestamp("created_at").toInstant());
    }

    private static CollectionGrant grant(ResultSet rs) throws SQLException {
        return new CollectionGrant(rs.getObject("collection_id", UUID.class),
                new OrganisationId(rs.getObject("organisation_id", UUID.class)), rs.getBoolean("can_read"),
                rs.getBoolean("can_write"), rs.getBoolean("sharing_group"));
    }
}
