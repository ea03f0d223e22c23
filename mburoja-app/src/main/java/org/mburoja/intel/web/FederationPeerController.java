package org.mburoja.intel.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mburoja.intel.FederationPeer;
import org.mburoja.intel.FederationPeers;
import org.mburoja.intel.FederationRun;
import org.mburoja.intel.NewFederationPeer;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.web.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Federation peers: configuration, on-demand sync and run history, for administrators of the national authority
 * (enforced and audited by {@link FederationPeers}). The peer's token goes in once, on creation, and never comes
 * back out.
 */
@RestController
@RequestMapping("/api/v1/intel/peers")
class FederationPeerController {

    private final FederationPeers peers;

    FederationPeerController(FederationPeers peers) {
        this.peers = peers;
    }

    /**
     * @param interval   ISO-8601 duration between scheduled pulls ({@code PT15M}); default one hour
     * @param allowedTlp TLP levels that may flow in ({@code clear}, {@code green}, {@code amber}, ...)
     */
    record PeerRequest(String name, String apiRoot, String authKind, String authUser, String secret,
                       List<String> allowedTlp, String interval, Boolean enabled,
                       List<FederationPeer.Mapping> mappings) {
    }

    record Enabled(Boolean enabled) {
    }

    @GetMapping
    List<FederationPeer> list(@AuthenticationPrincipal Actor actor) {
        IntelApiErrors.requireActor(actor);
        return peers.list(actor);
    }

    @PostMapping
    ResponseEntity<FederationPeer> create(@AuthenticationPrincipal Actor actor, @RequestBody PeerRequest r) {
        IntelApiErrors.requireActor(actor);
        Set<Tlp> tlp = EnumSet.noneOf(Tlp.class);
        for (String level : r.allowedTlp() == null ? List.<String>of() : r.allowedTlp()) {
            tlp.add(Tlp.ofLabel(level == null ? "" : level).orElseThrow(() ->
                    new IllegalArgumentException("allowedTlp: unknown TLP level '" + level + "'")));
        }
        Duration interval;
        try {
            interval = r.interval() == null ? Duration.ofHours(1) : Duration.parse(r.interval());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("interval: not an ISO-8601 duration (e.g. PT15M): " + r.interval());
        }
        FederationPeer created = peers.create(actor, new NewFederationPeer(r.name(), r.apiRoot(), r.authKind(),
                r.authUser(), r.secret(), tlp, interval, r.enabled() == null || r.enabled(),
                r.mappings() == null ? null : new ArrayList<>(r.mappings())));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/{peer}")
    FederationPeer get(@AuthenticationPrincipal Actor actor, @PathVariable UUID peer) {
        IntelApiErrors.requireActor(actor);
        return peers.find(actor, peer).orElseThrow(() -> new UnknownPeer(peer));
    }

    @PutMapping("/{peer}/enabled")
    FederationPeer enable(@AuthenticationPrincipal Actor actor, @PathVariable UUID peer, @RequestBody(required = false) Enabled e) {
        IntelApiErrors.requireActor(actor);
        peers.find(actor, peer).orElseThrow(() -> new UnknownPeer(peer));
        if (e == null || e.enabled() == null) {
            throw new IllegalArgumentException("enabled: required (true or false)");
        }
        return peers.setEnabled(actor, peer, e.enabled());
    }

    @DeleteMapping("/{peer}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID peer) {
        IntelApiErrors.requireActor(actor);
        peers.find(actor, peer).orElseThrow(() -> new UnknownPeer(peer));
        peers.delete(actor, peer);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{peer}/runs")
    List<FederationRun> runs(@AuthenticationPrincipal Actor actor, @PathVariable UUID peer,
                             @RequestParam(defaultValue = "50") int limit) {
        IntelApiErrors.requireActor(actor);
        peers.find(actor, peer).orElseThrow(() -> new UnknownPeer(peer));
        return peers.runs(actor, peer, limit);
    }

    @PostMapping("/{peer}/sync")
    FederationRun sync(@AuthenticationPrincipal Actor actor, @PathVariable UUID peer) {
        IntelApiErrors.requireActor(actor);
        peers.find(actor, peer).orElseThrow(() -> new UnknownPeer(peer));
        return peers.sync(actor, peer);
    }

    static final class UnknownPeer extends RuntimeException {
        UnknownPeer(UUID id) {
            super("no federation peer " + id, null, false, false);
        }
    }

    @ExceptionHandler(UnknownPeer.class)
    ResponseEntity<ApiError> unknown(UnknownPeer e, HttpServletRequest req) {
        return ApiError.answer(404, "not_found", e.getMessage(), req);
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ApiError> busy(IllegalStateException e, HttpServletRequest req) {
        return ApiError.answer(409, "conflict", String.valueOf(e.getMessage()), req);
    }
}
