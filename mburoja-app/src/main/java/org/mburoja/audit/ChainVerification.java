package org.mburoja.audit;

/**
 * Result of walking the audit chain.
 *
 * @param entries      how many entries were checked
 * @param intact       whether every entry's hash and link matched
 * @param firstBroken  sequence number of the first entry that does not verify, or 0 when intact
 * @param reason       why that entry fails (hash mismatch, broken link, gap in sequence), or null
 */
public record ChainVerification(long entries, boolean intact, long firstBroken, String reason) {
}
