package org.mburoja.audit;

import java.time.Instant;

/**
 * One entry of the audit chain: who did what, when, from where, with the state before and after.
 *
 * @param seq          position in the chain, from 1
 * @param at           when (truncated to microseconds so that it survives every database)
 * @param actor        username, {@code system:<job>} or, for unauthenticated events, what was presented
 * @param organisation the actor's organisation id, if any
 * @param action       dotted verb, e.g. {@code operator.create}, {@code login.failure}, {@code access.denied}
 * @param objectType   kind of object changed or accessed
 * @param objectId     its id
 * @param sourceIp     remote address of the request, or {@code cli} / {@code system}
 * @param before       canonical JSON of the state before (null for a creation)
 * @param after        canonical JSON of the state after (null for a deletion)
 * @param prevHash     hash of the previous entry (64 zeros for the first)
 * @param hash         SHA-256 over {@code prevHash + canonical JSON of this entry}
 */
public record AuditEntry(long seq, Instant at, String actor, String organisation, String action, String objectType,
                         String objectId, String sourceIp, String before, String after, String prevHash, String hash) {
}
