package org.mburoja.audit;

import java.util.List;
import org.mburoja.kernel.Actor;

/**
 * The append-only, hash-chained audit log. Every change of any record, every login and failed login, MFA event,
 * token creation and permission denial is appended here, in the caller's transaction: a change that rolls back
 * leaves no entry, and an entry cannot exist without its change.
 *
 * <p>Each entry stores {@code SHA-256(previous hash + canonical JSON of the entry)}; {@link #verify()} walks the
 * chain and reports the first entry whose stored hash or link does not match. Appends are serialised by a lock on
 * the chain head, so throughput is bounded by one commit at a time (enough for human-driven changes; bulk imports
 * append one summary entry per batch plus one per record).
 */
public interface AuditLog {

    /**
     * Appends an entry. {@code before} and {@code after} are serialised as JSON (records, maps, strings); properties
     * whose names look like secrets (password, secret, token, totp...) are redacted before hashing and storing.
     *
     * @return the stored entry with its sequence number and hash
     */
    AuditEntry append(Actor actor, String action, String objectType, String objectId, Object before, Object after);

    /** Appends an entry for an action by someone who is not (yet) authenticated, e.g. a failed login. */
    AuditEntry appendAnonymous(String who, String action, String objectType, String objectId, Object details);

    /** Walks the whole chain from the first entry. */
    ChainVerification verify();

    /** Entries matching the filter, newest first. */
    List<AuditEntry> search(AuditFilter filter, int offset, int limit);

    /** Number of entries matching the filter. */
    long count(AuditFilter filter);
}
