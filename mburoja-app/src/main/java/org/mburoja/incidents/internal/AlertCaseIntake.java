package org.mburoja.incidents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mburoja.incidents.CaseIntake;
import org.mburoja.kernel.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link CaseIntake} on top of the case services: one transaction for the case, its observables and timeline. */
@Service
class AlertCaseIntake implements CaseIntake {

    private final CaseService cases;
    private final CaseWorkService work;

    AlertCaseIntake(CaseService cases, CaseWorkService work) {
        this.cases = cases;
        this.work = work;
    }

    @Override
    @Transactional
    public UUID openFromAlert(Actor actor, Alert alert) {
        if (alert == null) {
            throw InvalidInputException.of("alert", "required");
        }
        FieldCheck check = new FieldCheck();
        String source = check.text("source", alert.source(), 200, true);
        check.throwIfAny();
        CaseViews.Case c = cases.open(actor, new CaseViews.NewCase(alert.title(), alert.description(), alert.severity(),
                alert.organisationId(), null, null, null, null, alert.attackTechniques(), null, null, false, null), "ALERT");
        cases.timeline(c.id(), actor, "opened from alert " + source);
        List<String> skipped = new ArrayList<>();
        if (alert.observables() != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Observed o : alert.observables()) {
                // checked here, not by catching: an exception out of a transactional call would doom this transaction
                String problem = problem(o, seen);
                if (problem != null) {
                    skipped.add(o.kind() + " " + FieldCheck.abbreviate(String.valueOf(o.value())) + " (" + problem + ")");
                } else {
                    work.addObservable(actor, c.id(), new CaseViews.NewObservable(o.kind(), o.value(), "from alert " + source));
                }
            }
        }
        if (!skipped.isEmpty()) {
            cases.timeline(c.id(), actor, "observables not added: " + String.join("; ", skipped));
        }
        return c.id();
    }

    private static String problem(Observed o, java.util.Set<String> seen) {
        if (o == null || o.value() == null || o.value().isBlank() || o.value().length() > 2048) {
            return "empty or longer than 2048 characters";
        }
        CaseWorkService.Kind kind;
        try {
            kind = CaseWorkService.Kind.valueOf(String.valueOf(o.kind()).strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return "unknown kind";
        }
        String normal = CaseWorkService.normalise(kind, o.value().strip());
        if (normal == null) {
            return "not a valid " + kind.name().toLowerCase(java.util.Locale.ROOT);
        }
        return seen.add(kind + " " + normal) ? null : "duplicate";
    }
}
