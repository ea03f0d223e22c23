package org.mburoja.operators;

import org.mburoja.kernel.OrganisationId;

/**
 * Published after an operator record was created, updated or deleted (after commit), so that caches of its assets
 * (the constituency index, routing in other modules) can follow.
 *
 * @param operator the record after the change, or {@code null} when it was deleted
 */
public record OperatorChanged(OrganisationId id, Operator operator) {
}
