package org.mburoja.intel.taxii;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.intel.IngestReport;
import org.mburoja.intel.ObjectOutcome;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The TAXII status resources of POSTed envelopes. Ingest is synchronous, so every status is {@code complete} when
 * it is created; it is kept so clients can fetch it again by id. Only the posting organisation and authority
 * staff may read a status.
 */
@Repository
class TaxiiStatusRecords {

    private final JdbcClient jdbc;

    TaxiiStatusRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The status resource as TAXII renders it. */
    Map<String, Object> save(Actor actor, IngestReport report, Instant requested) {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = render(id, requested, report);
        jdbc.sql("""
                INSERT INTO taxii_status (id, collection_id, organisation_id, requested_by, request_timestamp,
                    total_count, success_count, failure_count, outcome_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, report.collection(), actor.organisation() == null ? null : actor.organisation().value(),
                        actor.username(), Timestamp.from(requested), report.outcomes().size(),
                        body.get("success_count"), body.get("failure_count"), StixJson.MAPPER.writeValueAsString(body))
                .update();
        return body;
    }

    /** The stored status, if it exists and {@code actor} may read it. */
    Optional<StatusRow> find(UUID id) {
        return jdbc.sql("SELECT organisation_id, outcome_json FROM taxii_status WHERE id = ?").param(id)
                .query((rs, n) -> new StatusRow(rs.getObject(1, UUID.class), rs.getString(2))).optional();
    }

    record StatusRow(UUID organisation, String json) {
    }

    static Map<String, Object> render(UUID id, Instant requested, IngestReport report) {
        List<Map<String, Object>> successes = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (ObjectOutcome o : report.outcomes()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", o.id() == null ? "objects[" + o.index() + "]" : o.id());
            if (o.version() != null) {
                d.put("version", o.version());
            }
            if (o.message() != null) {
                d.put("message", o.message());
            }
            (o.success() ? successes : failures).add(d);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("status", "complete");
        body.put("request_timestamp", StixJson.timestamp(requested));
        body.put("total_count", report.outcomes().size());
        body.put("success_count", successes.size());
        if (!successes.isEmpty()) {
            body.put("successes", successes);
        }
        body.put("failure_count", failures.size());
        if (!failures.isEmpty()) {
            body.put("failures", failures);
        }
        body.put("pending_count", 0);
        return body;
    }
}
