package org.mburoja.incidents.web;

import java.util.List;
import org.mburoja.incidents.internal.NotifyTargetService;
import org.mburoja.kernel.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Overdue-notice targets: {@code /api/v1/incidents/notification-targets}. */
@RestController
@RequestMapping("/api/v1/incidents/notification-targets")
class NotifyTargetController {

    private final NotifyTargetService targets;

    NotifyTargetController(NotifyTargetService targets) {
        this.targets = targets;
    }

    @PostMapping
    ResponseEntity<NotifyTargetService.TargetView> add(@AuthenticationPrincipal Actor actor,
                                                       @RequestBody(required = false) NotifyTargetService.NewTarget in) {
        return ResponseEntity.status(201).body(targets.add(actor, in));
    }

    @GetMapping
    List<NotifyTargetService.TargetView> list(@AuthenticationPrincipal Actor actor) {
        return targets.list(actor);
    }
}
