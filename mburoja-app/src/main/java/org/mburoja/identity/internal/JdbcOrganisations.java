package org.mburoja.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.DuplicateOrganisationException;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcOrganisations implements Organisations {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    JdbcOrganisations(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    @Transactional
    public Organisation create(Actor actor, OrganisationKind kind, String name, String country) {
        String clean = requireName(name);
        if (findByName(clean).isPresent()) {
            throw new DuplicateOrganisationException(clean);
        }
        String cc = country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT);
        if (cc != null && !cc.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
        }
        Organisation org = new Organisation(new OrganisationId(UUID.randomUUID()), kind, clean, cc,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("INSERT INTO organisations (id, kind, name, name_key, country, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(org.id().value(), kind.name(), clean, key(clean), cc, Timestamp.from(org.createdAt()))
                .update();
        audit.append(actor, "organisation.create", "organisation", org.id().toString(), null, org);
        return org;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Organisation> find(OrganisationId id) {
        return jdbc.sql("SELECT * FROM organisations WHERE id = ?").param(id.value()).query(this::map).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Organisation> findByName(String name) {
        return jdbc.sql("SELECT * FROM organisations WHERE name_key = ?").param(key(name)).query(this::map).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Organisation> list(OrganisationKind kind) {
        if (kind == null) {
            return jdbc.sql("SELECT * FROM organisations ORDER BY name").query(this::map).list();
        }
        return jdbc.sql("SELECT * FROM organisations WHERE kind = ? ORDER BY name").param(kind.name())
                .query(this::map).list();
    }

    @Override
    @Transactional
    public Organisation rename(Actor actor, OrganisationId id, String newName) {
        Organisation before = find(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        String clean = requireName(newName);
        Optional<Organisation> other = findByName(clean);
        if (other.isPresent() && !other.get().id().equals(id)) {
            throw new DuplicateOrganisationException(clean);
        }
        jdbc.sql("UPDATE organisations SET name = ?, name_key = ? WHERE id = ?")
                .params(clean, key(clean), id.value()).update();
        Organisation after = new Organisation(id, before.kind(), clean, before.country(), before.createdAt());
        audit.append(actor, "organisation.update", "organisation", id.toString(), before, after);
        return after;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Organisation> nationalAuthority() {
        return jdbc.sql("SELECT * FROM organisations WHERE kind = ? ORDER BY created_at")
                .param(OrganisationKind.NATIONAL_AUTHORITY.name()).query(this::map).list().stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<OrganisationKind, Long> countByKind() {
        java.util.Map<OrganisationKind, Long> counts = new java.util.EnumMap<>(OrganisationKind.class);
        for (OrganisationKind k : OrganisationKind.values()) {
            counts.put(k, 0L);
        }
        jdbc.sql("SELECT kind, COUNT(*) AS n FROM organisations GROUP BY kind").query((ResultSet rs) -> {
            counts.put(OrganisationKind.valueOf(rs.getString("kind")), rs.getLong("n"));
        });
        return counts;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("organisation name must not be empty");
        }
        String clean = name.strip();
        if (clean.length() > 300) {
            throw new IllegalArgumentException("organisation name is longer than 300 characters");
        }
        return clean;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private Organisation map(ResultSet rs, int row) throws SQLException {
        return new Organisation(new OrganisationId(rs.getObject("id", UUID.class)),
                OrganisationKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("country"),
                rs.getTimestamp("created_at").toInstant());
    }
}
