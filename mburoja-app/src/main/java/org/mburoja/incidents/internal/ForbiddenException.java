package org.mburoja.incidents.internal;

/** The actor sees the object but may not do this to it (e.g. an operator changing a case's status). */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
