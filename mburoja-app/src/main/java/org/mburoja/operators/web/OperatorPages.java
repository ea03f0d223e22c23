package org.mburoja.operators.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.operators.Constituency;
import org.mburoja.operators.ConstituencyMatch;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.FieldProblem;
import org.mburoja.operators.InvalidOperatorException;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorNotFoundException;
import org.mburoja.operators.OperatorQuery;
import org.mburoja.operators.OperatorRegistry;
import org.mburoja.operators.Sector;
import org.mburoja.operators.Sectors;
import org.mburoja.operators.internal.DomainName;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;

/**
 * The registry's pages: list with search, filters and paging (htmx swaps the results as one types), detail,
 * create/edit form with field errors, CSV import with per-row results, and the constituency lookup.
 */
@Controller
@RequestMapping("/operators")
class OperatorPages {

    private static final Pattern ASN = Pattern.compile("(?i)as\\s?[0-9.]+|[0-9]{1,10}");

    private final OperatorRegistry registry;
    private final Sectors sectors;
    private final Constituency constituency;

    OperatorPages(OperatorRegistry registry, Sectors sectors, Constituency constituency) {
        this.registry = registry;
        this.sectors = sectors;
        this.constituency = constituency;
    }

    @ModelAttribute
    void common(Model model, @AuthenticationPrincipal Actor actor) {
        model.addAttribute("sectors", sectors.all());
        Map<String, Sector> byCode = new LinkedHashMap<>();
        Map<String, Sector.SubSector> subByCode = new LinkedHashMap<>();
        for (Sector s : sectors.all()) {
            byCode.put(s.code(), s);
            s.subSectors().forEach(sub -> subByCode.put(sub.code(), sub));
        }
        model.addAttribute("sectorByCode", byCode);
        model.addAttribute("subSectorByCode", subByCode);
        model.addAttribute("entityClasses", EntityClass.values());
        model.addAttribute("staff", actor != null && actor.isAuthorityStaff());
    }

    @GetMapping
    String list(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sector, @RequestParam(required = false) String entityClass,
                @RequestParam(defaultValue = "0") int page, Model model) {
        EntityClass cls = entityClass == null || entityClass.isBlank() ? null : parseClass(entityClass);
        model.addAttribute("page", registry.list(actor, new OperatorQuery(q, sector, cls, page, 25)));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("sector", sector == null ? "" : sector);
        model.addAttribute("entityClass", cls == null ? "" : cls.name());
        return "operators/list";
    }

    @GetMapping("/{id}")
    String detail(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        Operator o = registry.find(actor, new OrganisationId(id))
                .orElseThrow(() -> new OperatorNotFoundException(new OrganisationId(id)));
        model.addAttribute("operator", o);
        model.addAttribute("domainsUnicode", o.domains().stream().map(DomainName::toUnicode).toList());
        model.addAttribute("canEdit", actor.isAuthorityStaff() || (o.id().equals(actor.organisation())
                && actor.has(org.mburoja.kernel.Role.OPERATOR)));
        return "operators/detail";
    }

    @GetMapping("/new")
    String createForm(@AuthenticationPrincipal Actor actor, Model model) {
        if (actor == null || !actor.isAuthorityStaff()) {
            throw new AccessDeniedException("registering operators is for authority staff");
        }
        return form(model, OperatorForm.empty(), null, List.of());
    }

    @PostMapping
    String create(@AuthenticationPrincipal Actor actor, @ModelAttribute("form") OperatorForm form, Model model) {
        try {
            Operator o = registry.create(actor, form.toDraft());
            return "redirect:/operators/" + o.id();
        } catch (InvalidOperatorException e) {
            return form(model, form, null, e.problems());
        }
    }

    @GetMapping("/{id}/edit")
    String editForm(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        if (!actor.isAuthorityStaff() && !actor.has(org.mburoja.kernel.Role.OPERATOR)) {
            throw new org.springframework.security.access.AccessDeniedException("read-only users cannot edit records");
        }
        OrganisationId org = new OrganisationId(id);
        Operator o = registry.find(actor, org).orElseThrow(() -> new OperatorNotFoundException(org));
        return form(model, OperatorForm.of(o), o, List.of());
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
                  @ModelAttribute("form") OperatorForm form, Model model) {
        OrganisationId org = new OrganisationId(id);
        try {
            registry.update(actor, org, form.toDraft());
            return "redirect:/operators/" + id;
        } catch (InvalidOperatorException e) {
            return form(model, form, registry.find(actor, org).orElseThrow(() -> new OperatorNotFoundException(org)),
                    e.problems());
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        registry.delete(actor, new OrganisationId(id));
        return "redirect:/operators";
    }

    @GetMapping("/import")
    String importForm(@AuthenticationPrincipal Actor actor) {
        if (actor == null || !actor.isAuthorityStaff()) {
            throw new AccessDeniedException("import is for authority staff");
        }
        return "operators/import";
    }

    @PostMapping("/import")
    String importFile(@AuthenticationPrincipal Actor actor, @RequestParam("file") MultipartFile file,
                      @RequestParam(defaultValue = "all-or-nothing") String mode, Model model) throws IOException {
        try (InputStream in = file.getInputStream()) {
            model.addAttribute("report", registry.importCsv(actor, in, OperatorApi.mode(mode)));
        }
        model.addAttribute("mode", mode);
        return "operators/import";
    }

    @GetMapping("/lookup")
    String lookup(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String q, Model model) {
        if (!constituency.available(actor)) {
            throw new AccessDeniedException("constituency lookup is for the national authority's staff");
        }
        model.addAttribute("q", q == null ? "" : q);
        if (q == null || q.isBlank()) {
            return "operators/lookup";
        }
        String query = q.strip();
        try {
            List<ConstituencyMatch> matches;
            String kind;
            if (query.indexOf(':') >= 0 && !query.contains("://") || query.matches("[0-9.]+") && query.chars()
                    .filter(c -> c == '.').count() == 3) {
                kind = "ip";
                matches = constituency.byIp(actor, query);
            } else if (ASN.matcher(query).matches()) {
                kind = "asn";
                matches = constituency.byAsn(actor, query);
            } else {
                kind = "domain";
                matches = constituency.byDomain(actor, query);
            }
            model.addAttribute("kind", kind);
            model.addAttribute("matches", matches);
        } catch (IllegalArgumentException e) {
            model.addAttribute("lookupError", e.getMessage());
        }
        return "operators/lookup";
    }

    @ExceptionHandler(OperatorNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("sectors", sectors.all());
        return "operators/not-found";
    }

    private String form(Model model, OperatorForm form, Operator existing, List<FieldProblem> problems) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldProblem p : problems) {
            int bracket = p.field().indexOf('[');
            String field = bracket < 0 ? p.field() : p.field().substring(0, bracket);
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add(p.message());
        }
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        model.addAttribute("errors", errors);
        return "operators/form";
    }

    private static EntityClass parseClass(String s) {
        try {
            return EntityClass.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
