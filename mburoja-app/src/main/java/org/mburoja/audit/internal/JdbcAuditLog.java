package org.mburoja.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mburoja.audit.AuditEntry;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.audit.ChainVerification;
import org.mburoja.kernel.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JDBC implementation of the audit chain; works on H2 and PostgreSQL alike. */
@Service
class JdbcAuditLog implements AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final String REDACTED = "[redacted]";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    private final boolean tool;

    JdbcAuditLog(JdbcClient jdbc, @Value("${mburoja.tool:false}") boolean tool) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
        this.tool = tool;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry append(Actor actor, String action, String objectType, String objectId, Object before,
                             Object after) {
        String org = actor.organisation() == null ? null : actor.organisation().toString();
        return write(actor.username(), org, action, objectType, objectId, canonical(before), canonical(after));
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry appendAnonymous(String who, String action, String objectType, String objectId, Object details) {
        return write(who == null ? "anonymous" : who, null, action, objectType, objectId, null, canonical(details));
    }

    private AuditEntry write(String actor, String org, String action, String objectType, String objectId,
                             String before, String after) {
        // the head row is the chain's lock: one append at a time, in the caller's transaction
        Map<String, Object> head = jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .query().singleRow();
        long seq = ((Number) head.get("seq")).longValue() + 1;
        String prev = ((String) head.get("hash")).trim();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String ip = sourceIp();
        AuditEntry unsigned = new AuditEntry(seq, at, actor, org, action, objectType, objectId, ip, before, after,
                prev, null);
        String hash = hashOf(unsigned);
        jdbc.sql("""
                INSERT INTO audit_log (seq, at, actor, organisation_id, action, object_type, object_id, source_ip,
                                       before_json, after_json, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, Timestamp.from(at), actor, org, action, objectType, objectId, ip, before, after, prev, hash)
                .update();
        jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").params(seq, hash).update();
        return new AuditEntry(seq, at, actor, org, action, objectType, objectId, ip, before, after, prev, hash);
    }

    @Override
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        String[] prev = {GENESIS};
        long[] expected = {1};
        long[] checked = {0};
        ChainVerification[] broken = {null};
        jdbc.sql("SELECT * FROM audit_log ORDER BY seq").query((ResultSet rs) -> {
            if (broken[0] != null) {
                return;
            }
            AuditEntry e = map(rs);
            checked[0]++;
            if (e.seq() != expected[0]) {
                broken[0] = new ChainVerification(checked[0], false, expected[0],
                        "entry " + expected[0] + " is missing (next stored entry is " + e.seq() + ")");
            } else if (!e.prevHash().equals(prev[0])) {
                broken[0] = new ChainVerification(checked[0], false, e.seq(),
                        "link broken: previous hash does not match entry " + (e.seq() - 1));
            } else if (!hashOf(e).equals(e.hash())) {
                broken[0] = new ChainVerification(checked[0], false, e.seq(),
                        "hash mismatch: the stored entry was altered");
            }
            prev[0] = e.hash();
            expected[0]++;
        });
        if (broken[0] != null) {
            return broken[0];
        }
        Map<String, Object> head = jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1").query().singleRow();
        long headSeq = ((Number) head.get("seq")).longValue();
        if (headSeq != checked[0] || !((String) head.get("hash")).trim().equals(prev[0])) {
            return new ChainVerification(checked[0], false, Math.min(headSeq, checked[0]) + 1,
                    "chain truncated: head says " + headSeq + " entries, " + checked[0] + " stored");
        }
        return new ChainVerification(checked[0], true, 0, null);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> search(AuditFilter f, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(Math.max(0, Math.min(limit, 1000)));
        params.add(Math.max(0, offset));
        return jdbc.sql("SELECT * FROM audit_log" + where + " ORDER BY seq DESC LIMIT ? OFFSET ?")
                .params(params).query((rs, n) -> map(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public long count(AuditFilter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return jdbc.sql("SELECT COUNT(*) FROM audit_log" + where).params(params).query(Long.class).single();
    }

    private static String where(AuditFilter f, List<Object> params) {
        List<String> conds = new ArrayList<>();
        if (f.actor() != null && !f.actor().isBlank()) {
            conds.add("actor = ?");
            params.add(f.actor());
        }
        if (f.actionPrefix() != null && !f.actionPrefix().isBlank()) {
            conds.add("action LIKE ?");
            params.add(f.actionPrefix().replace("%", "").replace("_", "") + "%");
        }
        if (f.objectType() != null && !f.objectType().isBlank()) {
            conds.add("object_type = ?");
            params.add(f.objectType());
        }
        if (f.objectId() != null && !f.objectId().isBlank()) {
            conds.add("object_id = ?");
            params.add(f.objectId());
        }
        if (f.from() != null) {
            conds.add("at >= ?");
            params.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            conds.add("at < ?");
            params.add(Timestamp.from(f.to()));
        }
        return conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("organisation_id"), rs.getString("action"), rs.getString("object_type"),
                rs.getString("object_id"), rs.getString("source_ip"), rs.getString("before_json"),
                rs.getString("after_json"), trim(rs.getString("prev_hash")), trim(rs.getString("hash")));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** SHA-256 over the previous hash and the canonical JSON of the entry's content. */
    String hashOf(AuditEntry e) {
        Map<String, Object> content = new TreeMap<>();
        content.put("seq", e.seq());
        content.put("at", e.at().toString());
        content.put("actor", e.actor());
        content.put("organisation", e.organisation());
        content.put("action", e.action());
        content.put("object_type", e.objectType());
        content.put("object_id", e.objectId());
        content.put("source_ip", e.sourceIp());
        content.put("before", e.before());
        content.put("after", e.after());
        String canonical = json.writeValueAsString(content);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(e.prevHash().getBytes(StandardCharsets.US_ASCII));
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    /** Canonical JSON: keys sorted at every level, no whitespace, secrets redacted. */
    String canonical(Object value) {
        if (value == null) {
            return null;
        }
        JsonNode tree = value instanceof String s ? json.getNodeFactory().textNode(s) : json.valueToTree(value);
        return json.writeValueAsString(sorted(tree, null));
    }

    private static Object sorted(JsonNode node, String key) {
        if (key != null && looksSecret(key)) {
            return node.isNull() ? null : REDACTED;
        }
        if (node.isObject()) {
            Map<String, Object> m = new TreeMap<>();
            for (Map.Entry<String, JsonNode> p : node.properties()) {
                m.put(p.getKey(), sorted(p.getValue(), p.getKey()));
            }
            return m;
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>();
            node.forEach(n -> l.add(sorted(n, null)));
            return l;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.equals("token") || k.endsWith("_token")
                || k.endsWith("token_value") || k.contains("totp") || k.contains("passwordhash")
                || k.contains("apikey") || k.contains("api_key") || k.contains("credential");
    }

    private String sourceIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes sra) {
            return sra.getRequest().getRemoteAddr();
        }
        return tool ? "cli" : "system";
    }
}
