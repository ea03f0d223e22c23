package org.mburoja.incidents.web;

import java.util.List;
import org.mburoja.incidents.internal.IncidentQueue;
import org.mburoja.kernel.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The work queue, most urgent first: {@code /api/v1/incidents/queue?kind=REPORT|CASE&overdue=true&assignee=...}. */
@RestController
@RequestMapping("/api/v1/incidents/queue")
class QueueController {

    private final IncidentQueue queue;

    QueueController(IncidentQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    List<IncidentQueue.Item> queue(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String kind,
                                   @RequestParam(required = false) Boolean overdue,
                                   @RequestParam(required = false) String assignee) {
        return queue.items(actor, kind, overdue, assignee);
    }
}
