package org.mburoja.operators;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Optional;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;

/**
 * The operator registry. Authority staff (admin, analyst) see and change every record; a user with the
 * {@code operator} role sees its own organisation's record and may change only its contacts and assets; a
 * {@code viewer} reads its own; partners see nothing. API tokens also need the scope {@code operators:read} or
 * {@code operators:write}. Refusals throw {@link org.springframework.security.access.AccessDeniedException}.
 *
 * <p>Every change is validated ({@link InvalidOperatorException} lists each bad field), written in one transaction
 * with its audit entry (before and after), and announced by {@link OperatorChanged} after commit.
 */
public interface OperatorRegistry {

    OperatorPage list(Actor actor, OperatorQuery query);

    Optional<Operator> find(Actor actor, OrganisationId id);

    /** Creates the record and its organisation (or takes over an operator organisation of that name without one). */
    Operator create(Actor actor, OperatorDraft draft);

    Operator update(Actor actor, OrganisationId id, OperatorDraft draft);

    /** Deletes the record; the organisation, its users and its history stay. */
    void delete(Actor actor, OrganisationId id);

    /** Imports operators from CSV (format in {@code docs/operators-csv.md}); rows are matched to records by NIPT. */
    ImportReport importCsv(Actor actor, InputStream csv, ImportMode mode) throws IOException;

    /** Writes every record matching the query's filters (all pages) as CSV, formula-like cells escaped. */
    void exportCsv(Actor actor, OperatorQuery filter, Writer out) throws IOException;

    /** Counts by sector and entity class of the records the actor may see. */
    OperatorStatistics statistics(Actor actor);
}
