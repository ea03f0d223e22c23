package org.mburoja.incidents.web;

import java.time.Instant;
import org.mburoja.incidents.internal.IncidentStatistics;
import org.mburoja.kernel.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incident statistics: {@code /api/v1/incidents/statistics?from=...&to=...} (ISO-8601 instants). */
@RestController
@RequestMapping("/api/v1/incidents/statistics")
class StatisticsController {

    private final IncidentStatistics statistics;

    StatisticsController(IncidentStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping
    IncidentStatistics.Figures figures(@AuthenticationPrincipal Actor actor,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return statistics.compute(actor, from, to);
    }
}
