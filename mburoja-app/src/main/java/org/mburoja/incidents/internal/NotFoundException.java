package org.mburoja.incidents.internal;

/**
 * The object does not exist, or the actor may not see it: both answer 404 so that an operator cannot learn that
 * another operator's report exists.
 */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " not found");
    }
}
