package org.mburoja.intel.internal;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.mburoja.intel.CollectionAccess;
import org.mburoja.intel.StoredObject;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.marking.Recipient;
import org.mburoja.stix.marking.SharingDecision;
import org.mburoja.stix.marking.SharingScope;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.stix.marking.TlpMarkings;

/**
 * Whether one stored object may be released to one reader who has read access to its collection, decided by the
 * STIX engine's TLP 2.0 {@link SharingDecision} with this node's distribution:
 * <ul>
 *   <li>owner: the organisation that published the object here (it always sees its own objects);</li>
 *   <li>allowed organisations (who may receive TLP:RED and TLP:AMBER+STRICT): the owner and the national authority
 *       that runs this node, which every object on it was shared with;</li>
 *   <li>sharing group (who else receives TLP:AMBER): the organisations the collection's grants put in its group;</li>
 *   <li>community (who receives TLP:GREEN): every organisation registered on this node.</li>
 * </ul>
 * Unmarked objects are treated as TLP:AMBER. Authority staff are decided without parsing (they are always
 * allowed), so the common analyst read costs nothing; for other readers each object is parsed once per read.
 */
final class TlpRelease {

    private TlpRelease() {
    }

    static SharingDecision decide(StoredObject o, Actor reader, CollectionAccess access) {
        return decide(o.tlp(), o.owner(), reader, access, () -> TlpMarkings.effectiveTlp(StixObject.parse(o.json())));
    }

    /**
     * The same decision for an object known by its TLP (the store's {@code tlp} column: the most restrictive of its
     * object and granular markings, null when unmarked) and its publisher, without its JSON (the live index).
     */
    static SharingDecision decide(Tlp tlp, OrganisationId owner, Actor reader, CollectionAccess access) {
        return decide(tlp, owner, reader, access, () -> Optional.ofNullable(tlp));
    }

    private static SharingDecision decide(Tlp tlp, OrganisationId ownerId, Actor reader, CollectionAccess access,
                                          Supplier<Optional<Tlp>> marked) {
        if (!access.canRead()) {
            return new SharingDecision(false, tlp, "no read access to the collection");
        }
        if (reader.isAuthorityStaff()) {
            return new SharingDecision(true, tlp, "authority staff of this node");
        }
        if (reader.organisation() == null) {
            return new SharingDecision(false, tlp, "reader belongs to no organisation");
        }
        String group = "collection:" + access.collection();
        String me = reader.organisation().toString();
        String owner = ownerId == null ? "system" : ownerId.toString();
        Set<String> allowed = reader.organisationKind() == OrganisationKind.NATIONAL_AUTHORITY && !me.equals(owner)
                ? Set.of(owner, me) : Set.of(owner);
        return SharingDecision.decide(marked.get(),
                Recipient.member(me, access.sharingGroup() ? Set.of(group) : Set.of()),
                SharingScope.of(owner, Set.of(group), allowed));
    }

    static boolean releasable(StoredObject o, Actor reader, CollectionAccess access) {
        return decide(o, reader, access).allowed();
    }
}
