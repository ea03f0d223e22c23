package org.mburoja.identity;

import java.util.List;
import java.util.Optional;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;

/** The organisations known to this node. Every change is audited. */
public interface Organisations {

    /** Creates an organisation; names are unique (case-insensitive). */
    Organisation create(Actor actor, OrganisationKind kind, String name, String country);

    Optional<Organisation> find(OrganisationId id);

    Optional<Organisation> findByName(String name);

    List<Organisation> list(OrganisationKind kind);

    /** Renames an organisation (e.g. when an operator's registered name changes). */
    Organisation rename(Actor actor, OrganisationId id, String newName);

    /** Number of organisations of each kind (every kind present, zero included). */
    java.util.Map<OrganisationKind, Long> countByKind();

    /** The national authority that runs this node (created on first start). */
    Optional<Organisation> nationalAuthority();
}
