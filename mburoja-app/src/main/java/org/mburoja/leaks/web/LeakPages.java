package org.mburoja.leaks.web;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.leaks.Breach;
import org.mburoja.leaks.BreachRecords;
import org.mburoja.leaks.LeakScanJobs;
import org.mburoja.leaks.ScanJob;
import org.mburoja.leaks.ValuesUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The breach desk's pages: dump upload (the page's script streams the file to the API) and scans of the import
 * directory's files, the job list that htmx polls every two seconds, scan results with charts drawn by a static
 * script from the tables, breach records with the 72-hour clock and decisions, and the PDF of a record. Authority
 * analysts and administrators only: everyone else is refused before any service is called, so each refusal is
 * audited exactly once by the access-denied handler.
 */
@Controller
@RequestMapping("/leaks")
class LeakPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeakScanJobs scans;
    private final BreachRecords breaches;
    private final org.springframework.context.MessageSource messages;

    LeakPages(LeakScanJobs scans, BreachRecords breaches, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.scans = scans;
        this.breaches = breaches;
    }

    static void require(Actor actor) {
        if (actor == null || !actor.isAuthorityStaff() || !(actor.has(Role.ANALYST) || actor.has(Role.ADMIN))) {
            throw new AccessDeniedException("leak scans and breach records are for the authority's analysts");
        }
    }

    /** How many files of the import directory the page offers to scan. */
    static final int IMPORT_LISTING = 200;

    @GetMapping
    String home(@AuthenticationPrincipal Actor actor, Model model) {
        require(actor);
        model.addAttribute("jobs", scans.list(actor, 50));
        model.addAttribute("breaches", breaches.list(actor, 50));
        model.addAttribute("maxUploadBytes", scans.maxUploadBytes());
        model.addAttribute("maxUpload", size(scans.maxUploadBytes()));
        model.addAttribute("importConfigured", scans.hasImportDirectory());
        model.addAttribute("importFiles", scans.importFiles(actor, IMPORT_LISTING).stream()
                .map(f -> new ImportChoice(f.path(), size(f.bytes()))).toList());
        return "leaks/home";
    }

    /** A file of the import directory as the page lists it. */
    record ImportChoice(String path, String size) {
    }

    /** The job table alone, for htmx polling. */
    @GetMapping("/jobs")
    String jobs(@AuthenticationPrincipal Actor actor, Model model) {
        require(actor);
        model.addAttribute("jobs", scans.list(actor, 50));
        return "leaks/home :: jobs";
    }

    /*
     * (An upload from the page is no form post: the page's script sends the file as the raw body of
     * POST /api/v1/leaks/scans, which streams it to disk encrypted, whatever its size. A multipart post would be
     * written in clear to the servlet container's temporary directory first, and be bounded by the multipart limit.)
     */

    /** Scans a file of the import directory: the page's form for dumps too large to upload. */
    @PostMapping("/server-path")
    String serverPath(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String path) {
        require(actor);
        if (path.isBlank()) {
            throw new IllegalArgumentException("choose a file of the import directory to scan");
        }
        return "redirect:/leaks/scans/" + scans.submitServerPath(actor, path.strip()).id();
    }

    /** A size as the pages write it: bytes below a kilobyte, else kB, MB, GB or TB (decimal) with one decimal. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        do { // (a value that rounds to 1000.0 is written in the next unit)
            v /= 1000;
            u++;
        } while (Math.round(v * 10) >= 10_000 && u < units.length - 1);
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    @GetMapping("/scans/{id}")
    String scan(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        require(actor);
        ScanJob job = scans.find(actor, id).orElseThrow(() -> new NoSuchElementException("no scan job " + id));
        model.addAttribute("job", job);
        if (job.status() == ScanJob.Status.DONE) {
            scans.report(actor, id).ifPresent(json -> model.addAttribute("report", ScanResults.of(json)));
        }
        return "leaks/scan";
    }

    /**
     * The scan's values, unmasked, as a JSON-lines download (see {@link LeakScanJobs#values}): the form on the
     * results page, with the reason the audit log keeps.
     */
    @PostMapping("/scans/{id}/values")
    void values(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
                @RequestParam(defaultValue = "") String reason, jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        require(actor);
        download(id, scans.values(actor, id, reason), response);
    }

    /** The values as a JSON-lines attachment that no cache keeps (the page's form and the API). */
    static void download(UUID id, LeakScanJobs.ValueExport export, jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"scan-" + id + "-values.jsonl\"");
        response.setHeader("Cache-Control", "no-store");
        export.writeTo(response.getOutputStream());
    }

    /** The progress block alone, for htmx polling while the scan runs. */
    @GetMapping("/scans/{id}/progress")
    String progress(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model,
                    jakarta.servlet.http.HttpServletResponse response) {
        require(actor);
        ScanJob job = scans.find(actor, id).orElseThrow(() -> new NoSuchElementException("no scan job " + id));
        model.addAttribute("job", job);
        if (job.status() == ScanJob.Status.DONE || job.status() == ScanJob.Status.FAILED) {
            response.setHeader("HX-Refresh", "true");
        }
        return "leaks/scan :: progress";
    }

    @PostMapping("/breaches")
    String open(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String title,
                @RequestParam(defaultValue = "") String source, @RequestParam(defaultValue = "") String discoveredAt,
                @RequestParam(required = false) String controllerName, @RequestParam(required = false) UUID scanJobId) {
        require(actor);
        Instant discovered = parseInstant(discoveredAt);
        Breach b = breaches.open(actor, new BreachRecords.NewBreach(title.strip(), source.strip(), discovered, null,
                controllerName == null || controllerName.isBlank() ? null : controllerName.strip(), scanJobId));
        return "redirect:/leaks/breaches/" + b.id();
    }

    @GetMapping("/breaches/{id}")
    String breach(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        require(actor);
        Breach b = breaches.find(actor, id).orElseThrow(() -> new NoSuchElementException("no breach record " + id));
        model.addAttribute("breach", b);
        model.addAttribute("now", Instant.now());
        model.addAttribute("kinds", Breach.DecisionKind.values());
        return "leaks/breach";
    }

    @PostMapping("/breaches/{id}/decisions")
    String decide(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestParam String kind,
                  @RequestParam(defaultValue = "") String note) {
        require(actor);
        Breach.DecisionKind k;
        try {
            k = Breach.DecisionKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown decision '" + kind + "'; one of "
                    + List.of(Breach.DecisionKind.values()));
        }
        breaches.decide(actor, id, k, note.isBlank() ? null : note.strip());
        return "redirect:/leaks/breaches/" + id;
    }

    @GetMapping(path = "/breaches/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
                               java.util.Locale locale) {
        require(actor);
        Breach b = breaches.find(actor, id).orElseThrow(() -> new NoSuchElementException("no breach record " + id));
        ScanResults results = b.scanJobId() == null ? null
                : scans.report(actor, b.scanJobId()).map(ScanResults::of).orElse(null);
        byte[] pdf = BreachPdf.render(b, results, Instant.now(), messages, locale);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"breach-" + id + ".pdf\"")
                .contentType(MediaType.APPLICATION_PDF).body(pdf);
    }

    private static Instant parseInstant(String s) {
        if (s == null || s.isBlank()) {
            return Instant.now();
        }
        try {
            return java.time.LocalDateTime.parse(s.strip()).atZone(java.time.ZoneId.of("Europe/Tirane")).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s.strip());
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("discovery time '" + s + "' is not a date and time like "
                        + "2026-11-23T14:30");
            }
        }
    }

    @ExceptionHandler(NoSuchElementException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String missing(NoSuchElementException e, Model model) {
        model.addAttribute("problem", e.getMessage());
        return "leaks/problem";
    }

    @ExceptionHandler(ValuesUnavailable.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String unavailable(ValuesUnavailable e, Model model) {
        model.addAttribute("problem", e.getMessage());
        return "leaks/problem";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String bad(IllegalArgumentException e, Model model) {
        model.addAttribute("problem", e.getMessage());
        return "leaks/problem";
    }

    /**
     * What the pages show of a stored report: counts per entity type (non-zero first), special categories and the
     * risk with its reasons, and masked samples per file. Built from the JSON the engine wrote.
     */
    record ScanResults(long files, long bytes, Map<String, Long> entities, Map<String, Long> rejected,
                       long distinctNids, long distinctPersons, List<String> specialCategories, String risk,
                       boolean notifySubjects, List<Reason> reasons, List<FileSamples> perFile) {

        /**
         * A risk reason: its code and figures for the page's language ({@code leaks.reason.<code>}), and the English
         * sentence, shown as it is for a report stored before reasons had codes (its code is then empty).
         */
        record Reason(String code, List<Long> figures, String text) {
            /** The figures as message arguments. */
            public Object[] args() {
                return figures.toArray();
            }
        }

        /** The reasons in English (the PDF). */
        List<String> reasonTexts() {
            return reasons.stream().map(Reason::text).toList();
        }

        /** A file's masked samples, and what of it could not be read (its counts then cover the rest). */
        record FileSamples(String name, String format, long records, Map<String, List<String>> samples,
                           List<String> problems) {
        }

        /** The files that could not be read whole. */
        public List<FileSamples> filesWithProblems() {
            return perFile.stream().filter(f -> !f.problems().isEmpty()).toList();
        }

        static ScanResults of(String json) {
            try {
                JsonNode r = JSON.readTree(json);
                List<FileSamples> files = new ArrayList<>();
                for (JsonNode f : r.path("per_file")) {
                    Map<String, List<String>> samples = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : f.path("samples").properties()) {
                        samples.put(e.getKey(), strings(e.getValue()));
                    }
                    files.add(new FileSamples(f.path("name").asString(""), f.path("format").asString(""),
                            f.path("records").asLong(0), samples, strings(f.path("problems"))));
                }
                return new ScanResults(r.path("files").asLong(0), r.path("bytes").asLong(0),
                        counts(r.path("entities")), counts(r.path("rejected")), r.path("distinct_nids").asLong(0),
                        r.path("distinct_persons").asLong(0), strings(r.path("special_categories")),
                        r.path("risk").path("level").asString(""), r.path("risk").path("notify_data_subjects")
                        .asBoolean(false), reasons(r.path("risk")), files);
            } catch (JacksonException e) {
                throw new IllegalStateException("stored scan report is not readable JSON", e);
            }
        }

        private static Map<String, Long> counts(JsonNode n) {
            Map<String, Long> m = new LinkedHashMap<>();
            n.properties().stream().filter(e -> e.getValue().asLong(0) > 0)
                    .sorted((a, b) -> Long.compare(b.getValue().asLong(), a.getValue().asLong()))
                    .forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
            return m;
        }

        /** The reasons with their codes when the report has them, one for one with the English sentences. */
        private static List<Reason> reasons(JsonNode risk) {
            List<String> texts = strings(risk.path("reasons"));
            JsonNode codes = risk.path("reason_codes");
            boolean coded = codes.isArray() && codes.size() == texts.size();
            List<Reason> out = new ArrayList<>();
            for (int k = 0; k < texts.size(); k++) {
                List<Long> figures = new ArrayList<>();
                String code = "";
                if (coded) {
                    JsonNode c = codes.get(k);
                    code = c.path("code").asString("");
                    c.path("figures").forEach(f -> figures.add(f.asLong(0)));
                }
                out.add(new Reason(code.matches("[a-z0-9_]{1,40}") ? code : "", figures, texts.get(k)));
            }
            return out;
        }

        private static List<String> strings(JsonNode n) {
            List<String> l = new ArrayList<>();
            n.forEach(x -> l.add(x.asString("")));
            return l;
        }
    }
}
