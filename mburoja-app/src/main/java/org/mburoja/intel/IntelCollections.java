package org.mburoja.intel;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;

/**
 * The TAXII collections of this node and who may read and write them. Authority staff (admins and analysts of the
 * national authority) may read and write every collection; everybody else needs a grant or an open collection,
 * and an API token also needs the {@code intel:read} / {@code intel:write} scope. Every change is audited; only
 * admins change collections and grants.
 */
public interface IntelCollections {

    List<IntelCollection> list(String apiRoot);

    Optional<IntelCollection> find(UUID id);

    IntelCollection create(Actor admin, String apiRoot, String alias, String title, String description,
                           boolean openRead, boolean openWrite);

    List<CollectionGrant> grants(UUID collection);

    CollectionGrant grant(Actor admin, CollectionGrant grant);

    void revokeGrant(Actor admin, UUID collection, OrganisationId organisation);

    /** What {@code actor} may do with the collection (no rights at all when it does not exist). */
    CollectionAccess access(Actor actor, UUID collection);
}
