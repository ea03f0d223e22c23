package org.mburoja.intel;

import java.util.UUID;

/**
 * What one actor may do with one collection, after grants, collection rules and token scopes.
 *
 * @param sharingGroup the actor's organisation is in the collection's sharing group, so it receives TLP:AMBER
 */
public record CollectionAccess(UUID collection, boolean canRead, boolean canWrite, boolean sharingGroup) {

    public static CollectionAccess none(UUID collection) {
        return new CollectionAccess(collection, false, false, false);
    }
}
