package org.mburoja.intel.internal;

import org.mburoja.intel.CollectionAccess;
import org.mburoja.intel.StoredObject;
import org.mburoja.intel.Tlp;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;

/**
 * Whether one stored object may be released to one reader who has read access to its collection. The rules, most
 * restrictive first:
 * <ul>
 *   <li>the publishing organisation always sees what it published;</li>
 *   <li>authority staff (admins and analysts of the national authority that runs this node) see everything: the
 *       node is theirs and every object on it was shared with them;</li>
 *   <li>TLP:RED goes to nobody else;</li>
 *   <li>TLP:AMBER+STRICT stays inside the national authority (any of its members);</li>
 *   <li>TLP:AMBER goes to the authority and to the collection's sharing group;</li>
 *   <li>TLP:GREEN and TLP:CLEAR go to every reader of the collection.</li>
 * </ul>
 * An object without a TLP marking is treated as TLP:AMBER: not knowing how far something may travel is no licence
 * to send it everywhere.
 */
final class TlpRelease {

    /** The level assumed for objects without a TLP marking. */
    static final Tlp UNMARKED = Tlp.AMBER;

    private TlpRelease() {
    }

    static boolean releasable(StoredObject o, Actor reader, CollectionAccess access) {
        if (!access.canRead()) {
            return false;
        }
        if (o.owner() != null && o.owner().equals(reader.organisation())) {
            return true;
        }
        if (reader.isAuthorityStaff()) {
            return true;
        }
        boolean authorityMember = reader.organisationKind() == OrganisationKind.NATIONAL_AUTHORITY
                && reader.organisation() != null;
        Tlp tlp = o.tlp() == null ? UNMARKED : o.tlp();
        return switch (tlp) {
            case RED -> false;
            case AMBER_STRICT -> authorityMember;
            case AMBER -> authorityMember || access.sharingGroup();
            case GREEN, CLEAR -> true;
        };
    }
}
