package org.mburoja.operators.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.operators.Contacts;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorPage;
import org.mburoja.operators.OperatorQuery;
import org.mburoja.operators.OperatorStatistics;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The operator tables. No authorisation, validation or audit here: {@link OperatorRegistryService} does those and
 * calls this inside its transaction. Asset lists are child tables written in JDBC batches and read for a whole page
 * of operators at once (one query per list, not per operator).
 */
@Repository
class OperatorStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    OperatorStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(Operator o) {
        jdbc.sql("""
                INSERT INTO operators (id, name, name_key, nipt, address, sector_code, subsector_code, entity_class,
                    security_email, security_phone, emergency_name, emergency_phone, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(o.id().value(), o.name(), key(o.name()), o.nipt(), o.address(), o.sector(), o.subSector(),
                        o.entityClass().name(), o.contacts().securityEmail(), o.contacts().securityPhone(),
                        o.contacts().emergencyName(), o.contacts().emergencyPhone(), Timestamp.from(o.createdAt()),
                        Timestamp.from(o.updatedAt()))
                .update();
        insertChildren(o);
    }

    void update(Operator o) {
        jdbc.sql("""
                UPDATE operators SET name = ?, name_key = ?, nipt = ?, address = ?, sector_code = ?, subsector_code = ?,
                    entity_class = ?, security_email = ?, security_phone = ?, emergency_name = ?, emergency_phone = ?,
                    updated_at = ?
                WHERE id = ?""")
                .params(o.name(), key(o.name()), o.nipt(), o.address(), o.sector(), o.subSector(),
                        o.entityClass().name(), o.contacts().securityEmail(), o.contacts().securityPhone(),
                        o.contacts().emergencyName(), o.contacts().emergencyPhone(), Timestamp.from(o.updatedAt()),
                        o.id().value())
                .update();
        deleteChildren(o.id());
        insertChildren(o);
    }

    void delete(OrganisationId id) {
        deleteChildren(id);
        jdbc.sql("DELETE FROM operators WHERE id = ?").param(id.value()).update();
    }

    /** The record, its row locked until the end of the transaction when {@code lock} is set. */
    Optional<Operator> find(OrganisationId id, boolean lock) {
        return jdbc.sql("SELECT * FROM operators WHERE id = ?" + (lock ? " FOR UPDATE" : "")).param(id.value())
                .query(OperatorStore::row).optional().map(r -> withAssets(List.of(r)).get(0));
    }

    Optional<OrganisationId> idOfNipt(String nipt) {
        return jdbc.sql("SELECT id FROM operators WHERE nipt = ?").param(nipt)
                .query((rs, n) -> new OrganisationId(rs.getObject(1, UUID.class))).optional();
    }

    OperatorPage page(OperatorQuery q, OrganisationId only) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, only, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM operators o" + where).params(params).query(Long.class).single();
        params.put("limit", q.size());
        params.put("offset", (long) q.page() * q.size());
        List<Operator> rows = jdbc.sql("SELECT * FROM operators o" + where
                        + " ORDER BY o.name_key, o.id LIMIT :limit OFFSET :offset")
                .params(params).query(OperatorStore::row).list();
        return new OperatorPage(withAssets(rows), q.page(), q.size(), total);
    }

    /** Every matching record, in name order, loaded {@code batch} at a time (for export). */
    void forEach(OperatorQuery q, OrganisationId only, Consumer<Operator> sink) {
        int page = 0;
        while (true) {
            OperatorPage p = page(new OperatorQuery(q.text(), q.sector(), q.entityClass(), page++, OperatorQuery.MAX_SIZE), only);
            p.items().forEach(sink);
            if (p.items().size() < OperatorQuery.MAX_SIZE) {
                return;
            }
        }
    }

    OperatorStatistics statistics(OrganisationId only) {
        Map<String, Object> params = new HashMap<>();
        String where = only == null ? "" : " WHERE o.id = :only";
        if (only != null) {
            params.put("only", only.value());
        }
        Map<String, Long> bySector = new LinkedHashMap<>();
        jdbc.sql("SELECT s.code, COUNT(o.id) FROM operator_sectors s LEFT JOIN (SELECT * FROM operators o" + where
                        + ") o ON o.sector_code = s.code GROUP BY s.code, s.position ORDER BY s.position")
                .params(params).query(rs -> {
                    bySector.put(rs.getString(1), rs.getLong(2));
                });
        Map<EntityClass, Long> byClass = new EnumMap<>(EntityClass.class);
        for (EntityClass c : EntityClass.values()) {
            byClass.put(c, 0L);
        }
        jdbc.sql("SELECT o.entity_class, COUNT(*) FROM operators o" + where + " GROUP BY o.entity_class")
                .params(params).query(rs -> {
                    byClass.put(EntityClass.valueOf(rs.getString(1)), rs.getLong(2));
                });
        long total = byClass.values().stream().mapToLong(Long::longValue).sum();
        return new OperatorStatistics(total, bySector, byClass);
    }

    /** Every operator's assets, for (re)building the constituency index. */
    Map<OrganisationId, Operator> allForIndex() {
        List<Operator> rows = jdbc.sql("SELECT * FROM operators").query(OperatorStore::row).list();
        Map<OrganisationId, Operator> out = new LinkedHashMap<>();
        for (Operator o : withAssets(rows, false)) {
            out.put(o.id(), o);
        }
        return out;
    }

    private static String where(OperatorQuery q, OrganisationId only, Map<String, Object> params) {
        List<String> conds = new ArrayList<>();
        if (only != null) {
            conds.add("o.id = :only");
            params.put("only", only.value());
        }
        if (q.text() != null) {
            conds.add("(o.name_key LIKE :text ESCAPE '\\' OR o.nipt = :nipt)");
            String t = q.text().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("text", "%" + t + "%");
            params.put("nipt", q.text().toUpperCase(Locale.ROOT).replace(" ", ""));
        }
        if (q.sector() != null) {
            conds.add("o.sector_code = :sector");
            params.put("sector", q.sector());
        }
        if (q.entityClass() != null) {
            conds.add("o.entity_class = :class");
            params.put("class", q.entityClass().name());
        }
        return conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
    }

    private List<Operator> withAssets(List<Operator> rows) {
        return withAssets(rows, true);
    }

    /** Fills the asset lists of rows read from {@code operators}; all of them when {@code byId} is false. */
    private List<Operator> withAssets(List<Operator> rows, boolean byId) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, Object> params = new HashMap<>();
        String where = "";
        if (byId) {
            params.put("ids", rows.stream().map(o -> o.id().value()).toList());
            where = " WHERE operator_id IN (:ids)";
        }
        Map<UUID, List<String>> states = children("country", "operator_service_states", where, params);
        Map<UUID, List<String>> ranges = children("cidr", "operator_ip_ranges", where, params);
        Map<UUID, List<String>> domains = children("domain", "operator_domains", where, params);
        Map<UUID, List<Long>> asns = new HashMap<>();
        jdbc.sql("SELECT operator_id, asn FROM operator_asns" + where + " ORDER BY operator_id, position")
                .params(params).query(rs -> {
                    asns.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        return rows.stream().map(o -> {
            UUID id = o.id().value();
            return new Operator(o.id(), o.name(), o.nipt(), o.address(), o.sector(), o.subSector(), o.entityClass(),
                    o.contacts(), states.getOrDefault(id, List.of()), ranges.getOrDefault(id, List.of()),
                    domains.getOrDefault(id, List.of()), asns.getOrDefault(id, List.of()), o.createdAt(),
                    o.updatedAt());
        }).toList();
    }

    private Map<UUID, List<String>> children(String column, String table, String where, Map<String, Object> params) {
        Map<UUID, List<String>> out = new HashMap<>();
        jdbc.sql("SELECT operator_id, " + column + " FROM " + table + where + " ORDER BY operator_id, position")
                .params(params).query(rs -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2).trim());
                });
        return out;
    }

    private void insertChildren(Operator o) {
        batch("INSERT INTO operator_service_states (operator_id, position, country) VALUES (?, ?, ?)", o.id(),
                o.serviceStates());
        batch("INSERT INTO operator_ip_ranges (operator_id, position, cidr) VALUES (?, ?, ?)", o.id(), o.ipRanges());
        batch("INSERT INTO operator_domains (operator_id, position, domain) VALUES (?, ?, ?)", o.id(), o.domains());
        batch("INSERT INTO operator_asns (operator_id, position, asn) VALUES (?, ?, ?)", o.id(), o.asns());
    }

    private void batch(String sql, OrganisationId id, List<?> values) {
        if (values.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            args.add(new Object[]{id.value(), i, values.get(i)});
        }
        template.batchUpdate(sql, args);
    }

    private void deleteChildren(OrganisationId id) {
        for (String table : List.of("operator_service_states", "operator_ip_ranges", "operator_domains", "operator_asns")) {
            jdbc.sql("DELETE FROM " + table + " WHERE operator_id = ?").param(id.value()).update();
        }
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static Operator row(ResultSet rs, int n) throws SQLException {
        return new Operator(new OrganisationId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getString("nipt").trim(), rs.getString("address"), rs.getString("sector_code"),
                rs.getString("subsector_code"), EntityClass.valueOf(rs.getString("entity_class")),
                new Contacts(rs.getString("security_email"), rs.getString("security_phone"),
                        rs.getString("emergency_name"), rs.getString("emergency_phone")),
                List.of(), List.of(), List.of(), List.of(), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
