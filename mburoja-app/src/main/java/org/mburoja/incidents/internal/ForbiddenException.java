package org.mburoja.incidents.internal;

import org.springframework.security.access.AccessDeniedException;

/**
 * The actor sees the object but may not do this to it (e.g. an operator changing a case's status). A Spring
 * Security {@link AccessDeniedException}, so the platform's access-denied handling answers 403 and appends the
 * {@code access.denied} audit entry, after this request's transaction has rolled back.
 */
public final class ForbiddenException extends AccessDeniedException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}
