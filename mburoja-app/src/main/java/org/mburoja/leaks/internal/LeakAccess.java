package org.mburoja.leaks.internal;

import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.leaks.LeakAccessDenied;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may use the leak scanner and breach records: analysts and administrators of the national authority, with the
 * {@code leaks:read}/{@code leaks:write} scope when they come with an API token. A denial is audited in its own
 * transaction, so it stays recorded although the caller's transaction rolls back.
 */
@Component
class LeakAccess {

    private final AuditLog audit;
    private final TransactionTemplate separate;

    LeakAccess(AuditLog audit, PlatformTransactionManager tx) {
        this.audit = audit;
        this.separate = new TransactionTemplate(tx);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void require(Actor actor, boolean write, String what) {
        boolean ok = actor != null && actor.isAuthorityStaff() && (actor.has(Role.ANALYST) || actor.has(Role.ADMIN))
                && actor.hasScope("leaks", write);
        if (!ok) {
            String who = actor == null ? "anonymous" : actor.username();
            separate.executeWithoutResult(s -> {
                if (actor == null) {
                    audit.appendAnonymous(who, "access.denied", "leaks", what, null);
                } else {
                    audit.append(actor, "access.denied", "leaks", what, null, null);
                }
            });
            throw new LeakAccessDenied("only analysts and administrators of the national authority may " + what);
        }
    }
}
