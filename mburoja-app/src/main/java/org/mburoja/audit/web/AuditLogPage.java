package org.mburoja.audit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for administrators: filters by actor, action prefix, object type and id, and a date range (UTC
 * days), newest first, 50 per page; and a button that verifies the hash chain.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditLogPage {

    static final int PAGE_SIZE = 50;

    private final AuditLog audit;

    AuditLogPage(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String log(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
               @RequestParam(required = false) String objectType, @RequestParam(required = false) String objectId,
               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
               @RequestParam(defaultValue = "0") int page, Model model) {
        List<String> errors = new ArrayList<>();
        Instant fromAt = day(from, "from", errors, 0);
        Instant toAt = day(to, "to", errors, 1);
        AuditFilter filter = new AuditFilter(trim(actor, 200), trim(action, 100), trim(objectType, 100),
                trim(objectId, 200), fromAt, toAt);
        long total = audit.count(filter);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.max(0, Math.min(page, pages - 1));
        model.addAttribute("entries", audit.search(filter, current * PAGE_SIZE, PAGE_SIZE));
        model.addAttribute("total", total);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("filter", filter);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("errors", errors);
        return "audit/log";
    }

    @PostMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", audit.verify());
        return log(null, null, null, null, null, null, 0, model);
    }

    /** A UTC day as the start of the day ({@code plusDays} 0) or the start of the next one (1, for "to"). */
    private static Instant day(String s, String field, List<String> errors, int plusDays) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip()).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(field);
            return null;
        }
    }

    private static String trim(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }

    @Bean
    static NavigationEntry auditNavigation() {
        return new NavigationEntry("/audit", "nav.audit", 910, NavigationEntry.Audience.ADMIN);
    }
}
