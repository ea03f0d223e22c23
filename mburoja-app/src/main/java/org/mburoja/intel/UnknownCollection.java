package org.mburoja.intel;

import java.util.UUID;

/** No collection with this id exists on this node. */
public class UnknownCollection extends RuntimeException {

    public UnknownCollection(UUID id) {
        super("no collection " + id);
    }
}
