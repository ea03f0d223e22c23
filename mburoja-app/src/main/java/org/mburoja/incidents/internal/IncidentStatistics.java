package org.mburoja.incidents.internal;

import static org.mburoja.incidents.internal.ReportService.instant;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.mburoja.incidents.reporting.ReportingSchedule;
import org.mburoja.incidents.reporting.ReportingStage;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Figures for the dashboards and the national report: reports by sector, entity class and month (of awareness, in
 * the jurisdiction's zone); cases by RSIT class and severity; the median time from awareness to each reporting
 * stage; and the share of deadlines met. An operator gets the same figures over its own organisation only.
 * Computed in memory from one pass over the period's rows: fine for the tens of thousands of reports a national
 * authority sees in a year, not meant for millions.
 */
@Service
public class IncidentStatistics {

    /** Deadlines of one stage in the period: met on time, submitted late, still overdue. */
    public record DeadlineFigures(long met, long late, long overdue, Double shareMet) {
    }

    public record Figures(Instant from, Instant to, long reports, long cases, Map<String, Long> reportsBySector,
                          Map<String, Long> reportsByEntityClass, Map<String, Long> reportsByMonth,
                          Map<String, Long> casesByRsitClass, Map<String, Long> casesBySeverity,
                          Map<ReportingStage, Double> medianHoursToStage,
                          Map<ReportingStage, DeadlineFigures> deadlines) {
    }

    private final JdbcClient jdbc;
    private final ReportingSchedule schedule;

    public IncidentStatistics(JdbcClient jdbc, ReportingSchedule schedule) {
        this.jdbc = jdbc;
        this.schedule = schedule;
    }

    private record ReportRow(UUID id, UUID organisation, String sector, String entityClass, Instant awareAt) {
    }

    public Figures compute(Actor actor, Instant from, Instant to) {
        IncidentAccess.requireScope(actor, false);
        UUID only;
        if (IncidentAccess.staff(actor)) {
            only = null;
        } else if (actor.organisationKind() == OrganisationKind.OPERATOR && actor.organisation() != null) {
            only = actor.organisation().value();
        } else {
            throw new ForbiddenException("statistics are for the authority and operators");
        }
        Instant end = to == null ? ReportService.now() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(365)) : from;
        if (!start.isBefore(end)) {
            throw InvalidInputException.of("from", "must be before 'to'");
        }
        List<ReportRow> reports = jdbc.sql("SELECT id, organisation_id, sector, entity_class, aware_at FROM incident_reports WHERE aware_at >= ? AND aware_at < ?")
                .params(ReportService.ts(start), ReportService.ts(end))
                .query((rs, n) -> new ReportRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), instant(rs, "aware_at"))).list()
                .stream().filter(r -> only == null || only.equals(r.organisation())).toList();
        Map<UUID, ReportRow> byId = new HashMap<>();
        reports.forEach(r -> byId.put(r.id(), r));

        Map<String, Long> sector = new TreeMap<>();
        Map<String, Long> cls = new TreeMap<>();
        Map<String, Long> month = new TreeMap<>();
        for (ReportRow r : reports) {
            sector.merge(r.sector(), 1L, Long::sum);
            cls.merge(r.entityClass(), 1L, Long::sum);
            month.merge(YearMonth.from(r.awareAt().atZone(schedule.policy().zone())).toString(), 1L, Long::sum);
        }

        Map<ReportingStage, List<Double>> hours = new EnumMap<>(ReportingStage.class);
        jdbc.sql("SELECT report_id, stage, MIN(submitted_at) AS first_at FROM incident_submissions GROUP BY report_id, stage")
                .query((rs, n) -> {
                    ReportRow r = byId.get(rs.getObject("report_id", UUID.class));
                    if (r != null) {
                        ReportingStage stage = ReportingStage.valueOf(rs.getString("stage"));
                        Instant at = instant(rs, "first_at");
                        hours.computeIfAbsent(stage, k -> new ArrayList<>()).add(Duration.between(r.awareAt(), at).toMillis() / 3_600_000.0);
                    }
                    return null;
                }).list();
        Map<ReportingStage, Double> medians = new EnumMap<>(ReportingStage.class);
        hours.forEach((s, list) -> medians.put(s, median(list)));

        Instant now = ReportService.now();
        Map<ReportingStage, long[]> counts = new EnumMap<>(ReportingStage.class);
        jdbc.sql("SELECT report_id, stage, due_at, submitted_at FROM incident_deadlines WHERE due_at IS NOT NULL")
                .query((rs, n) -> {
                    if (byId.containsKey(rs.getObject("report_id", UUID.class))) {
                        Instant due = instant(rs, "due_at");
                        Instant sub = instant(rs, "submitted_at");
                        long[] c = counts.computeIfAbsent(ReportingStage.valueOf(rs.getString("stage")), k -> new long[3]);
                        if (sub != null) {
                            c[sub.isAfter(due) ? 1 : 0]++;
                        } else if (now.isAfter(due)) {
                            c[2]++;
                        }
                    }
                    return null;
                }).list();
        Map<ReportingStage, DeadlineFigures> deadlines = new EnumMap<>(ReportingStage.class);
        counts.forEach((s, c) -> {
            long decided = c[0] + c[1] + c[2];
            deadlines.put(s, new DeadlineFigures(c[0], c[1], c[2], decided == 0 ? null : (double) c[0] / decided));
        });

        Map<String, Long> rsit = new TreeMap<>();
        Map<String, Long> severity = new TreeMap<>();
        long[] caseCount = {0};
        jdbc.sql("SELECT organisation_id, rsit_class, severity FROM incident_cases WHERE created_at >= ? AND created_at < ? AND merged_into IS NULL")
                .params(ReportService.ts(start), ReportService.ts(end))
                .query((rs, n) -> {
                    if (only == null || only.equals(rs.getObject(1, UUID.class))) {
                        caseCount[0]++;
                        rsit.merge(rs.getString(2) == null ? "unclassified" : rs.getString(2), 1L, Long::sum);
                        severity.merge(rs.getString(3), 1L, Long::sum);
                    }
                    return null;
                }).list();
        return new Figures(start, end, reports.size(), caseCount[0], sector, cls, month, rsit, severity, medians, deadlines);
    }

    static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        double m = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return Math.round(m * 100) / 100.0;
    }
}
