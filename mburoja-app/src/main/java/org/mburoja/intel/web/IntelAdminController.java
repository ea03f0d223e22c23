package org.mburoja.intel.web;

import java.util.List;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.intel.CollectionGrant;
import org.mburoja.intel.IntelCollection;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.UnknownCollection;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administration of collections and their per-organisation rights (read, write, sharing group). Listing is for
 * authority staff; changes are for administrators of the national authority (enforced and audited by
 * {@link IntelCollections}).
 */
@RestController
@RequestMapping("/api/v1/intel/collections")
class IntelAdminController {

    private final IntelCollections collections;
    private final AuditLog audit;

    IntelAdminController(IntelCollections collections, AuditLog audit) {
        this.audit = audit;
        this.collections = collections;
    }

    record NewCollection(String apiRoot, String alias, String title, String description, boolean openRead,
                         boolean openWrite) {
    }

    record Rights(boolean read, boolean write, boolean sharingGroup) {
    }

    @GetMapping
    List<IntelCollection> list(@AuthenticationPrincipal Actor actor) {
        requireStaff(actor);
        return collections.list("intel");
    }

    @PostMapping
    ResponseEntity<IntelCollection> create(@AuthenticationPrincipal Actor actor, @RequestBody NewCollection c) {
        IntelApiErrors.requireActor(actor);
        IntelCollection created = collections.create(actor, c.apiRoot() == null ? "intel" : c.apiRoot(), c.alias(),
                c.title(), c.description(), c.openRead(), c.openWrite());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/{collection}/grants")
    List<CollectionGrant> grants(@AuthenticationPrincipal Actor actor, @PathVariable UUID collection) {
        requireStaff(actor);
        collections.find(collection).orElseThrow(() -> new UnknownCollection(collection));
        return collections.grants(collection);
    }

    @PutMapping("/{collection}/grants/{organisation}")
    CollectionGrant grant(@AuthenticationPrincipal Actor actor, @PathVariable UUID collection,
                          @PathVariable UUID organisation, @RequestBody Rights rights) {
        IntelApiErrors.requireActor(actor);
        return collections.grant(actor, new CollectionGrant(collection, new OrganisationId(organisation),
                rights.read(), rights.write(), rights.sharingGroup()));
    }

    @DeleteMapping("/{collection}/grants/{organisation}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Actor actor, @PathVariable UUID collection,
                                @PathVariable UUID organisation) {
        IntelApiErrors.requireActor(actor);
        collections.revokeGrant(actor, collection, new OrganisationId(organisation));
        return ResponseEntity.noContent().build();
    }

    private void requireStaff(Actor actor) {
        IntelApiErrors.requireActor(actor);
        if (!actor.isAuthorityStaff() && !actor.has(Role.ADMIN)) {
            audit.append(actor, "access.denied", "intel-collection", "collections",
                    null, java.util.Map.of("reason", "collections are administered by the national authority"));
            throw new org.mburoja.intel.IntelAccessDenied("collections are administered by the national authority");
        }
    }
}
