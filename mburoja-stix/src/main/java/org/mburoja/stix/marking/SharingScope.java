package org.mburoja.stix.marking;

import java.util.Set;

/**
 * The distribution an object was published under: its owner, the sharing groups of the collection it lives in, and
 * the organisations named explicitly (the "participants" of TLP:RED, the organisations of TLP:AMBER+STRICT).
 *
 * @param unmarkedAs the level applied to objects without any TLP marking; AMBER by default, since treating unmarked
 *                   intelligence as CLEAR is the classic leak
 */
public record SharingScope(String owner, Set<String> sharingGroups, Set<String> allowedOrganisations,
                           Tlp unmarkedAs) {

    public SharingScope {
        sharingGroups = Set.copyOf(sharingGroups);
        allowedOrganisations = Set.copyOf(allowedOrganisations);
    }

    public static SharingScope of(String owner, Set<String> sharingGroups, Set<String> allowedOrganisations) {
        return new SharingScope(owner, sharingGroups, allowedOrganisations, Tlp.AMBER);
    }
}
