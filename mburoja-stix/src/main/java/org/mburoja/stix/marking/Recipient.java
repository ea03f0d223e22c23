package org.mburoja.stix.marking;

import java.util.Set;

/**
 * Who would receive an object: an organisation (by its platform id), the sharing groups it belongs to, and whether it
 * belongs to the community at all (a registered organisation or federated peer node, as opposed to the public).
 */
public record Recipient(String organisation, Set<String> sharingGroups, boolean communityMember) {

    public Recipient {
        sharingGroups = Set.copyOf(sharingGroups);
    }

    /** A member of the community with its sharing groups. */
    public static Recipient member(String organisation, Set<String> sharingGroups) {
        return new Recipient(organisation, sharingGroups, true);
    }

    /** Someone outside the community (public web, unknown peer). */
    public static Recipient outsider(String organisation) {
        return new Recipient(organisation, Set.of(), false);
    }
}
