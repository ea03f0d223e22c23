package org.mburoja.incidents.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.incidents.cases.CaseStatus;
import org.mburoja.incidents.cases.RsitTaxonomy;
import org.mburoja.incidents.internal.CaseService;
import org.mburoja.incidents.internal.CaseViews;
import org.mburoja.incidents.internal.CaseWorkService;
import org.mburoja.incidents.internal.EvidenceService;
import org.mburoja.incidents.internal.ForbiddenException;
import org.mburoja.incidents.internal.IncidentQueue;
import org.mburoja.incidents.internal.InvalidInputException;
import org.mburoja.incidents.internal.ReportService;
import org.mburoja.incidents.internal.ReportViews;
import org.mburoja.incidents.reporting.EntityType;
import org.mburoja.incidents.reporting.ReportingSchedule;
import org.mburoja.incidents.reporting.ReportingStage;
import org.mburoja.incidents.reporting.SignificanceAnswers;
import org.mburoja.kernel.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The incident pages: the queue (analysts) or portal (operators), the report form and page, the case page with tabs.
 * Forms post here and call the same services as the API, so rules, audit and authorisation are the same; field
 * errors are shown next to the form with what was typed kept.
 */
@Controller
class IncidentPages {

    private final ReportService reports;
    private final CaseService cases;
    private final CaseWorkService work;
    private final EvidenceService evidence;
    private final IncidentQueue queue;
    private final ReportingSchedule schedule;

    IncidentPages(ReportService reports, CaseService cases, CaseWorkService work, EvidenceService evidence,
                  IncidentQueue queue, ReportingSchedule schedule) {
        this.reports = reports;
        this.cases = cases;
        this.work = work;
        this.evidence = evidence;
        this.queue = queue;
        this.schedule = schedule;
    }

    @org.springframework.context.annotation.Bean
    org.mburoja.web.NavigationEntry incidentsNavigation() {
        return new org.mburoja.web.NavigationEntry("/incidents", "nav.incidents", 200, org.mburoja.web.NavigationEntry.Audience.EVERYONE);
    }

    @GetMapping("/incidents")
    String queue(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String kind,
                 @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String assignee,
                 Model model) {
        model.addAttribute("items", queue.items(actor, blank(kind), overdue, blank(assignee)));
        model.addAttribute("kind", kind);
        model.addAttribute("overdue", overdue);
        model.addAttribute("assignee", assignee);
        model.addAttribute("staff", actor.isAuthorityStaff());
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("closures", CaseStatus.ClosureReason.values());
        return "incidents/queue";
    }

    @PostMapping("/incidents/bulk")
    String bulk(@AuthenticationPrincipal Actor actor, @RequestParam(name = "caseId", required = false) List<UUID> ids,
                @RequestParam String action, @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String status, @RequestParam(required = false) String closureReason,
                @RequestParam(required = false) String reason, @RequestParam(required = false) String tag, Model model) {
        try {
            cases.bulk(actor, new CaseViews.BulkAction(ids == null ? List.of() : ids, action, blank(assignee), blank(status),
                    blank(closureReason), blank(reason), blank(tag)));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields());
            return queue(actor, null, null, null, model);
        }
        return "redirect:/incidents";
    }

    @GetMapping("/incidents/reports/new")
    String newReport(Model model) {
        form(model, Map.of(), List.of());
        return "incidents/report-new";
    }

    @PostMapping("/incidents/reports")
    String openReport(@AuthenticationPrincipal Actor actor, @RequestParam MultiValueMap<String, String> form, Model model) {
        if (!actor.isAuthorityStaff() && !actor.has(org.mburoja.kernel.Role.OPERATOR)) {
            throw new ForbiddenException("only an operator's reporters and authority analysts file reports");
        }
        List<InvalidInputException.FieldError> parseErrors = new ArrayList<>();
        Instant aware = localTime(form.getFirst("awareAt"), "awareAt", parseErrors);
        SignificanceAnswers answers = new SignificanceAnswers(
                enumOr(form.getFirst("entityType"), EntityType.OTHER), on(form, "severeOperationalDisruption"),
                decimal(form.getFirst("financialLossEur"), "significance.financialLossEur", parseErrors),
                decimal(form.getFirst("annualTurnoverEur"), "significance.annualTurnoverEur", parseErrors),
                on(form, "considerableDamageToOthers"), on(form, "tradeSecretsExfiltrated"), on(form, "deathCaused"),
                on(form, "considerableHealthDamage"), on(form, "maliciousUnauthorisedAccess"),
                asInt(whole(form, "recurrencesSameRootCause6Months", parseErrors)),
                decimal(form.getFirst("recurrencesCollectiveLossEur"), "significance.recurrencesCollectiveLossEur", parseErrors),
                on(form, "scheduledMaintenance"),
                asInt(whole(form, "completeUnavailabilityMinutes", parseErrors)),
                asInt(whole(form, "degradedMinutes", parseErrors)),
                whole(form, "affectedUsers", parseErrors), whole(form, "totalUsers", parseErrors),
                on(form, "dataCompromised"), on(form, "dataCompromiseSuspectedMalicious"),
                whole(form, "affectedDomainNames", parseErrors), whole(form, "managedDomainNames", parseErrors),
                on(form, "compromiseByMisconfiguration"), on(form, "physicalAccessCompromised"),
                asInt(whole(form, "weeklyUnavailabilityMinutes", parseErrors)));
        try {
            if (!parseErrors.isEmpty()) {
                throw new InvalidInputException(parseErrors);
            }
            String org = blank(form.getFirst("organisationId"));
            ReportViews.Report r = reports.open(actor, new ReportViews.NewReport(org == null ? null : UUID.fromString(org),
                    form.getFirst("sector"), form.getFirst("entityClass"), form.getFirst("title"),
                    blank(form.getFirst("contactEmail")), aware, answers));
            return "redirect:/incidents/reports/" + r.id();
        } catch (InvalidInputException e) {
            form(model, form.toSingleValueMap(), e.fields());
            return "incidents/report-new";
        } catch (IllegalArgumentException e) {
            form(model, form.toSingleValueMap(), List.of(new InvalidInputException.FieldError("organisationId", "not an id")));
            return "incidents/report-new";
        }
    }

    private void form(Model model, Map<String, String> values, List<InvalidInputException.FieldError> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("entityTypes", EntityType.values());
    }

    @GetMapping("/incidents/reports/{reportId}")
    String report(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id, Model model) {
        ReportViews.Report r = reports.get(actor, id);
        model.addAttribute("report", r);
        model.addAttribute("stages", List.of(ReportingStage.EARLY_WARNING, ReportingStage.NOTIFICATION,
                ReportingStage.INTERMEDIATE, ReportingStage.PROGRESS, ReportingStage.FINAL));
        model.addAttribute("zone", schedule.policy().zone());
        model.addAttribute("staff", actor.isAuthorityStaff());
        model.addAttribute("attachments", evidence.ofReport(actor, id));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "incidents/report";
    }

    @PostMapping("/incidents/reports/{reportId}/submissions")
    String submit(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id, @RequestParam MultiValueMap<String, String> form,
                  Model model) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String key : List.of("summary", "impact", "description", "rootCause", "mitigation", "severity")) {
            String v = blank(form.getFirst(key));
            if (v != null) {
                content.put(key, v);
            }
        }
        ReportingStage stage = stage(form.getFirst("stage"));
        if (stage == ReportingStage.EARLY_WARNING || stage == ReportingStage.NOTIFICATION || stage == ReportingStage.FINAL) {
            content.put("crossBorder", on(form, "crossBorder"));
        }
        if (stage == ReportingStage.EARLY_WARNING || stage == ReportingStage.NOTIFICATION) {
            content.put("suspectedMalicious", on(form, "suspectedMalicious"));
        }
        String indicators = blank(form.getFirst("indicators"));
        if (indicators != null && stage != ReportingStage.EARLY_WARNING && stage != ReportingStage.PROGRESS) {
            content.put("indicators", Arrays.stream(indicators.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        }
        try {
            ReportViews.Receipt receipt = reports.submit(actor, id, new ReportViews.NewSubmission(form.getFirst("stage"), content));
            return "redirect:/incidents/reports/" + id + "?receipt=" + receipt.receipt();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields());
            model.addAttribute("values", form.toSingleValueMap());
            return report(actor, id, model);
        }
    }

    @PostMapping("/incidents/reports/{reportId}/feedback")
    String feedback(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id, @RequestParam String text, Model model) {
        try {
            reports.feedback(actor, id, new ReportViews.Feedback(text));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields());
            return report(actor, id, model);
        }
        return "redirect:/incidents/reports/" + id;
    }

    @PostMapping("/incidents/reports/{reportId}/case")
    String openCase(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id) {
        return "redirect:/incidents/cases/" + cases.openFromReport(actor, id).id();
    }

    @GetMapping("/incidents/cases/{caseId}")
    String casePage(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id,
                    @RequestParam(defaultValue = "summary") String tab, Model model) {
        cases.visible(actor, id);
        CaseViews.CaseDetail d = work.detail(actor, id, evidence.ofCase(id));
        model.addAttribute("detail", d);
        model.addAttribute("c", d.summary());
        model.addAttribute("tab", List.of("summary", "tasks", "observables", "timeline", "evidence", "reports").contains(tab) ? tab : "summary");
        model.addAttribute("staff", actor.isAuthorityStaff());
        model.addAttribute("statuses", CaseStatus.valueOf(d.summary().status()).next());
        model.addAttribute("closures", CaseStatus.ClosureReason.values());
        model.addAttribute("rsit", RsitTaxonomy.standard().classes());
        model.addAttribute("zone", schedule.policy().zone());
        model.addAttribute("report", d.summary().reportId() == null ? null : reports.get(actor, d.summary().reportId()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "incidents/case";
    }

    @PostMapping("/incidents/cases/{caseId}/observables")
    String addObservable(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestParam String kind,
                         @RequestParam String value, @RequestParam(required = false) String note, Model model) {
        return act(actor, id, "observables", model, () -> work.addObservable(actor, id, new CaseViews.NewObservable(kind, value, blank(note))));
    }

    @PostMapping("/incidents/cases/{caseId}/tasks")
    String addTask(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestParam String title,
                   @RequestParam(required = false) String assignee, @RequestParam(required = false) String dueAt, Model model) {
        if (!actor.isAuthorityStaff()) {
            throw new ForbiddenException("only authority analysts may add tasks");
        }
        List<InvalidInputException.FieldError> errs = new ArrayList<>();
        Instant due = blank(dueAt) == null ? null : localTime(dueAt, "dueAt", errs);
        return act(actor, id, "tasks", model, () -> {
            if (!errs.isEmpty()) {
                throw new InvalidInputException(errs);
            }
            work.addTask(actor, id, new CaseViews.NewTask(title, blank(assignee), due));
        });
    }

    @PostMapping("/incidents/cases/{caseId}/tasks/{taskId}/done")
    String taskDone(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @PathVariable("taskId") UUID taskId, Model model) {
        return act(actor, id, "tasks", model, () -> work.updateTask(actor, id, taskId, new CaseViews.TaskUpdate(true, null, null)));
    }

    @PostMapping("/incidents/cases/{caseId}/status")
    String status(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestParam String status,
                  @RequestParam(required = false) String closureReason, @RequestParam(required = false) String reason, Model model) {
        return act(actor, id, "summary", model, () -> cases.changeStatus(actor, id,
                new CaseViews.StatusChange(status, blank(closureReason), blank(reason))));
    }

    @PostMapping("/incidents/cases/{caseId}/comments")
    String comment(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestParam String text, Model model) {
        return act(actor, id, "timeline", model, () -> work.comment(actor, id, new CaseViews.NewComment(text)));
    }

    @PostMapping("/incidents/cases/{caseId}/timeline")
    String timeline(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestParam String eventAt,
                    @RequestParam String text, Model model) {
        if (!actor.isAuthorityStaff()) {
            throw new ForbiddenException("only authority analysts may write the timeline");
        }
        List<InvalidInputException.FieldError> errs = new ArrayList<>();
        Instant at = localTime(eventAt, "eventAt", errs);
        return act(actor, id, "timeline", model, () -> {
            if (!errs.isEmpty()) {
                throw new InvalidInputException(errs);
            }
            work.addTimeline(actor, id, new CaseViews.NewTimelineEntry(at, text));
        });
    }

    private String act(Actor actor, UUID id, String tab, Model model, Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields());
            return casePage(actor, id, tab, model);
        }
        return "redirect:/incidents/cases/" + id + "?tab=" + tab;
    }

    /** A {@code datetime-local} value read on the jurisdiction's wall clock (Tirane), as the user typed it. */
    private Instant localTime(String value, String field, List<InvalidInputException.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new InvalidInputException.FieldError(field, "required"));
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(schedule.policy().zone()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new InvalidInputException.FieldError(field, "not a date and time"));
            return null;
        }
    }

    private static BigDecimal decimal(String v, String field, List<InvalidInputException.FieldError> errors) {
        if (v == null || v.isBlank()) {
            return null;
        }
        // amounts decide legal thresholds (EUR 500,000; 5% of turnover): accept only an unambiguous spelling
        String s = v.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
        if (s.length() > MAX_NUMBER_CHARS) {
            errors.add(new InvalidInputException.FieldError(field, "too long for a number"));
            return null;
        }
        if (!s.matches("-?[0-9]{1,15}([.,][0-9]{1,2})?")) {
            errors.add(new InvalidInputException.FieldError(field,
                    "write the amount in digits, optionally with a space between thousands and up to two decimals, e.g. 1 250 000 or 1250000,50"));
            return null;
        }
        try {
            return new BigDecimal(s.replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.add(new InvalidInputException.FieldError(field, "not a number"));
            return null;
        }
    }

    /** Longest number a form field may carry; anything longer is a mistake or an attack on the parser. */
    private static final int MAX_NUMBER_CHARS = 24;

    /**
     * A whole, non-negative number from the form (counts, minutes, users), or null when left empty ("unknown").
     * Spaces between thousands are accepted; commas and dots are not, since "1.250" means 1250 in Albanian and
     * 1.25 in English.
     */
    static Long whole(MultiValueMap<String, String> form, String key, List<InvalidInputException.FieldError> errors) {
        String v = form.getFirst(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        String field = "significance." + key;
        String s = v.strip();
        if (s.length() > MAX_NUMBER_CHARS) {
            errors.add(new InvalidInputException.FieldError(field, "too long for a number"));
            return null;
        }
        String digits = s.replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
        if (digits.startsWith("-") && digits.length() > 1 && digits.substring(1).chars().allMatch(Character::isDigit)) {
            errors.add(new InvalidInputException.FieldError(field, "must not be negative"));
            return null;
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            errors.add(new InvalidInputException.FieldError(field, "write a whole number in digits, e.g. 1500"));
            return null;
        }
        if (digits.length() > 15) {
            errors.add(new InvalidInputException.FieldError(field, "too large"));
            return null;
        }
        return Long.parseLong(digits.toString());
    }

    /** Minutes and recurrences are ints in the assessment; the form already bounds them to 15 digits. */
    private static Integer asInt(Long v) {
        return v == null ? null : (int) Math.min(v, Integer.MAX_VALUE);
    }

    private static boolean on(MultiValueMap<String, String> form, String key) {
        String v = form.getFirst(key);
        return "on".equals(v) || "true".equals(v);
    }

    private static EntityType enumOr(String v, EntityType dflt) {
        try {
            return v == null || v.isBlank() ? dflt : EntityType.valueOf(v.strip());
        } catch (IllegalArgumentException e) {
            return dflt;
        }
    }

    /** The stage chosen in the form, or null (the service then reports the field as required). */
    private static ReportingStage stage(String v) {
        try {
            return v == null || v.isBlank() ? null : ReportingStage.valueOf(v.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
