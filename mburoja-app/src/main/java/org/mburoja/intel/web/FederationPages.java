package org.mburoja.intel.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mburoja.intel.FederationPeer;
import org.mburoja.intel.FederationPeers;
import org.mburoja.intel.FederationRun;
import org.mburoja.intel.IntelCollection;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.NewFederationPeer;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.marking.Tlp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Federation peers as a page: each peer with its remote API root, collection mappings, schedule and last run (time,
 * result, objects stored and rejected, error), "sync now", enable/disable, and a form to add a peer. Everything goes
 * through {@link FederationPeers}, exactly as {@link FederationPeerController} does, so the same rule holds (admins
 * of the national authority only, a refusal audited as {@code access.denied}) and the same audit entries are written.
 *
 * <p>A refused configuration re-renders the form with the error next to its field and every value as typed, except
 * the peer's token, which is never written back into a page. The form maps one remote collection; a peer with more
 * mappings is configured over the API.
 */
@Controller
@RequestMapping("/intel/peers")
class FederationPages extends IntelPageErrors {

    /** The fields of the add form, as typed. */
    record PeerForm(String name, String apiRoot, String authKind, String authUser, List<String> allowedTlp,
                    String interval, String remoteCollection, String localCollection, boolean enabled) {

        static PeerForm blank() {
            return new PeerForm("", "", "BEARER", "", List.of("clear", "green"), "PT1H", "", "", true);
        }
    }

    /** A peer with its most recent run (null before the first one) and its mappings' local collection titles. */
    record PeerRow(FederationPeer peer, FederationRun lastRun, List<String> localTitles) {
    }

    private final FederationPeers peers;
    private final IntelCollections collections;
    private final String apiRoot;

    FederationPages(FederationPeers peers, IntelCollections collections,
                    @Value("${mburoja.taxii.api-root:intel}") String apiRoot) {
        this.peers = peers;
        this.collections = collections;
        this.apiRoot = apiRoot;
    }

    @GetMapping
    String list(@AuthenticationPrincipal Actor actor, Model model) {
        return page(IntelPages.require(actor), model, PeerForm.blank(), Map.of());
    }

    @PostMapping
    String create(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String apiRoot, @RequestParam(defaultValue = "") String authKind,
                  @RequestParam(defaultValue = "") String authUser, @RequestParam(defaultValue = "") String secret,
                  @RequestParam(required = false) List<String> allowedTlp,
                  @RequestParam(defaultValue = "") String interval,
                  @RequestParam(defaultValue = "") String remoteCollection,
                  @RequestParam(defaultValue = "") String localCollection,
                  @RequestParam(defaultValue = "false") boolean enabled, Model model, RedirectAttributes flash,
                  HttpServletResponse response) {
        IntelPages.require(actor);
        peers.list(actor); // the service's own check, audited on refusal, before any input is looked at
        PeerForm form = new PeerForm(name, apiRoot, authKind, authUser,
                allowedTlp == null ? List.of() : List.copyOf(allowedTlp), interval, remoteCollection,
                localCollection, enabled);
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Tlp> tlp = EnumSet.noneOf(Tlp.class);
        for (String level : form.allowedTlp()) {
            Tlp.ofLabel(level).ifPresentOrElse(tlp::add,
                    () -> errors.put("allowedTlp", "unknown TLP level '" + level + "'"));
        }
        Duration every = null;
        try {
            every = Duration.parse(interval.strip());
        } catch (DateTimeParseException e) {
            errors.put("interval", "not an ISO-8601 duration (e.g. PT15M): '" + interval + "'");
        }
        UUID local = null;
        try {
            local = UUID.fromString(localCollection.strip());
        } catch (IllegalArgumentException e) {
            errors.put("localCollection", "choose the local collection that receives the objects");
        }
        if (errors.isEmpty()) {
            try {
                FederationPeer created = peers.create(actor, new NewFederationPeer(name, apiRoot, authKind,
                        authUser.isBlank() ? null : authUser, secret, tlp, every, enabled,
                        List.of(new FederationPeer.Mapping(remoteCollection, local, null))));
                flash.addFlashAttribute("notice", created.name());
                return "redirect:/intel/peers";
            } catch (IllegalArgumentException e) {
                errors.put(field(e.getMessage()), detail(e.getMessage()));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return page(actor, model, form, errors);
    }

    @PostMapping("/{peer}/sync")
    String sync(@AuthenticationPrincipal Actor actor, @PathVariable UUID peer, RedirectAttributes flash) {
        IntelPages.require(actor);
        known(actor, peer);
        try {
            FederationRun run = peers.sync(actor, peer);
            flash.addFlashAttribute("synced", run);
        } catch (IllegalStateException e) {
            flash.addFlashAttribute("busy", String.valueOf(e.getMessage()));
        }
        return "redirect:/intel/peers#p-" + peer;
    }

    @PostMapping("/{peer}/enabled")
    String enable(@AuthenticationPrincipal Actor actor, @PathVariable UUID peer,
                  @RequestParam(required = false) Boolean enabled) {
        IntelPages.require(actor);
        known(actor, peer);
        if (enabled == null) {
            throw new IllegalArgumentException("enabled: required (true or false)");
        }
        peers.setEnabled(actor, peer, enabled);
        return "redirect:/intel/peers#p-" + peer;
    }

    private void known(Actor actor, UUID peer) {
        peers.find(actor, peer).orElseThrow(() -> new IntelPages.IntelPageNotFound("no federation peer " + peer));
    }

    private String page(Actor actor, Model model, PeerForm form, Map<String, String> errors) {
        List<FederationPeer> all = peers.list(actor);
        List<IntelCollection> local = collections.list(apiRoot);
        Map<UUID, String> titles = new LinkedHashMap<>();
        local.forEach(c -> titles.put(c.id(), c.title()));
        List<PeerRow> rows = new ArrayList<>();
        for (FederationPeer p : all) {
            List<FederationRun> last = peers.runs(actor, p.id(), 1);
            rows.add(new PeerRow(p, last.isEmpty() ? null : last.getFirst(), p.mappings().stream()
                    .map(m -> titles.getOrDefault(m.localCollection(), m.localCollection().toString())).toList()));
        }
        model.addAttribute("peers", rows);
        model.addAttribute("collections", local);
        model.addAttribute("tlps", Tlp.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "intel/peers";
    }

    /** The service names the field first ({@code "apiRoot: must be ..."}); mappings[0] is the one mapping here. */
    static String field(String message) {
        int colon = message == null ? -1 : message.indexOf(':');
        String f = colon > 0 ? message.substring(0, colon) : "form";
        return switch (f) {
            case "name", "apiRoot", "authKind", "authUser", "secret", "allowedTlp", "interval" -> f;
            default -> !f.startsWith("mappings") ? "form"
                    : message.contains("local collection") ? "localCollection" : "remoteCollection";
        };
    }

    static String detail(String message) {
        int colon = message == null ? -1 : message.indexOf(':');
        return colon > 0 ? message.substring(colon + 1).strip() : String.valueOf(message);
    }
}
