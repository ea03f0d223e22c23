package org.mburoja.operators;

import java.util.List;

/**
 * The outcome of a CSV import, row by row.
 *
 * @param committed whether anything was written
 * @param error     why the whole file was refused (size, header, quoting, bad rows in all-or-nothing mode), or null
 */
public record ImportReport(ImportMode mode, boolean committed, int rows, int created, int updated, int unchanged,
                           int rejected, String error, List<Row> outcomes) {

    public ImportReport {
        outcomes = List.copyOf(outcomes);
    }

    /** What happened to the row starting at {@code line} (1 is the header). */
    public record Row(long line, String nipt, Outcome outcome, List<FieldProblem> problems) {

        public Row {
            problems = List.copyOf(problems);
        }
    }

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, REJECTED, NOT_WRITTEN
    }
}
