package org.mburoja.intel.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.identity.Organisations;
import org.mburoja.intel.CollectionGrant;
import org.mburoja.intel.IngestReport;
import org.mburoja.intel.IntelCollection;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.UnknownCollection;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.Role;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.misp.MispImport;
import org.mburoja.stix.misp.MispImporter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Upload of a STIX bundle or a MISP event into a collection (per-object results: accepted, duplicate, rejected with
 * its reason), and the collections with their sharing rules; administrators of the authority edit the grants.
 * Files above {@code mburoja.intel.max-bundle-bytes} are refused before parsing; a MISP event goes through the
 * engine's {@link MispImporter} and is then stored like a bundle.
 */
@Controller
@RequestMapping("/intel")
class IntelUploadPages extends IntelPageErrors {

    private final StixStore store;
    private final IntelCollections collections;
    private final Organisations organisations;
    private final String apiRoot;
    private final long maxBytes;

    IntelUploadPages(StixStore store, IntelCollections collections, Organisations organisations,
                     @Value("${mburoja.taxii.api-root:intel}") String apiRoot,
                     @Value("${mburoja.intel.max-bundle-bytes:67108864}") long maxBytes) {
        this.store = store;
        this.collections = collections;
        this.organisations = organisations;
        this.apiRoot = apiRoot;
        this.maxBytes = maxBytes;
    }

    private List<IntelCollection> writable(Actor actor) {
        return collections.list(apiRoot).stream().filter(c -> collections.access(actor, c.id()).canWrite()).toList();
    }

    @GetMapping("/upload")
    String uploadForm(@AuthenticationPrincipal Actor actor, Model model) {
        IntelPages.require(actor);
        model.addAttribute("collections", writable(actor));
        model.addAttribute("maxBytes", maxBytes);
        return "intel/upload";
    }

    @PostMapping("/upload")
    String upload(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) UUID collection,
                  @RequestParam(defaultValue = "stix") String format,
                  @RequestParam(value = "file", required = false) MultipartFile file, Model model) throws IOException {
        IntelPages.require(actor);
        if (collection == null) {
            throw new IllegalArgumentException("collection: choose the collection to store the objects in");
        }
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("file: choose a non-empty JSON file");
        }
        if (file.getSize() > maxBytes) {
            throw new IllegalArgumentException("file: " + file.getSize() + " bytes is larger than the limit of "
                    + maxBytes + " bytes; split the bundle");
        }
        if (!format.equals("stix") && !format.equals("misp")) {
            throw new IllegalArgumentException("format: 'stix' or 'misp', not '" + format + "'");
        }
        collections.find(collection).orElseThrow(() -> new UnknownCollection(collection));
        JsonNode root;
        try (InputStream in = file.getInputStream()) {
            root = StixJson.MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("file: " + name(file) + " is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        List<JsonNode> objects = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (format.equals("stix")) {
            if (root == null || !root.isObject() || !root.path("objects").isArray()) {
                throw new IllegalArgumentException("file: " + name(file) + " is not a STIX bundle (no 'objects' list)");
            }
            if (root.has("type") && !"bundle".equals(root.get("type").asString(""))) {
                throw new IllegalArgumentException("file: type is '" + root.get("type").asString("")
                        + "', a bundle has type 'bundle'");
            }
            root.get("objects").forEach(objects::add);
        } else {
            if (root == null || !root.isObject() || !(root.has("Event") || root.has("response")
                    || root.has("Attribute") || root.has("info"))) {
                throw new IllegalArgumentException("file: " + name(file) + " is not a MISP event (expected an object "
                        + "with 'Event', 'response' or event fields such as 'info' and 'Attribute')");
            }
            MispImport imported = new MispImporter(Clock.systemUTC()).importDocument(root);
            for (StixObject o : imported.objects()) {
                objects.add(o.toTree());
            }
            notes.addAll(imported.problems());
        }
        IngestReport report = store.ingest(actor, collection, objects, "local");
        model.addAttribute("report", report);
        model.addAttribute("notes", notes);
        model.addAttribute("fileName", name(file));
        return uploadForm(actor, model);
    }

    private static String name(MultipartFile f) {
        return f.getOriginalFilename() == null || f.getOriginalFilename().isBlank() ? "the file" : f.getOriginalFilename();
    }

    @GetMapping("/collections")
    String collectionsPage(@AuthenticationPrincipal Actor actor, Model model) {
        IntelPages.require(actor);
        List<IntelCollection> all = collections.list(apiRoot);
        boolean staff = actor.isAuthorityStaff();
        List<IntelCollection> shown = staff ? all
                : all.stream().filter(c -> collections.access(actor, c.id()).canRead()
                || collections.access(actor, c.id()).canWrite()).toList();
        model.addAttribute("collections", shown);
        model.addAttribute("access", IntelPages.accessOf(collections, actor, shown));
        model.addAttribute("admin", staff && actor.has(Role.ADMIN));
        if (staff) {
            Map<String, List<CollectionGrant>> grants = new java.util.LinkedHashMap<>();
            Map<String, String> names = new java.util.HashMap<>();
            for (IntelCollection c : shown) {
                List<CollectionGrant> g = collections.grants(c.id());
                grants.put(c.id().toString(), g);
                g.forEach(x -> names.computeIfAbsent(x.organisation().toString(), k -> organisations
                        .find(x.organisation()).map(o -> o.name()).orElse(k)));
            }
            model.addAttribute("grants", grants);
            model.addAttribute("orgNames", names);
        }
        return "intel/collections";
    }

    @PostMapping("/collections/{collection}/grants")
    String grant(@AuthenticationPrincipal Actor actor, @PathVariable UUID collection,
                 @RequestParam(defaultValue = "") String organisation,
                 @RequestParam(defaultValue = "false") boolean canRead,
                 @RequestParam(defaultValue = "false") boolean canWrite,
                 @RequestParam(defaultValue = "false") boolean sharingGroup) {
        requireAdmin(actor);
        OrganisationId org;
        try {
            org = new OrganisationId(UUID.fromString(organisation.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("organisation: '" + organisation + "' is not an organisation id");
        }
        if (organisations.find(org).isEmpty()) {
            throw new IllegalArgumentException("organisation: no organisation " + org);
        }
        collections.find(collection).orElseThrow(() -> new UnknownCollection(collection));
        collections.grant(actor, new CollectionGrant(collection, org, canRead, canWrite, sharingGroup));
        return "redirect:/intel/collections";
    }

    @PostMapping("/collections/{collection}/grants/{organisation}/delete")
    String revokeGrant(@AuthenticationPrincipal Actor actor, @PathVariable UUID collection,
                       @PathVariable UUID organisation) {
        requireAdmin(actor);
        collections.find(collection).orElseThrow(() -> new UnknownCollection(collection));
        collections.revokeGrant(actor, collection, new OrganisationId(organisation));
        return "redirect:/intel/collections";
    }

    private static void requireAdmin(Actor actor) {
        if (actor == null || !actor.isAuthorityStaff() || !actor.has(Role.ADMIN)) {
            throw new AccessDeniedException("only administrators of the national authority edit sharing rules");
        }
    }
}
