package org.mburoja.operators.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.operators.FieldProblem;
import org.mburoja.operators.ImportMode;
import org.mburoja.operators.ImportReport;
import org.mburoja.operators.ImportReport.Outcome;
import org.mburoja.operators.InvalidOperatorException;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorDraft;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of operators from CSV. The whole file is read and every row validated before anything is written;
 * rows are matched to stored records by NIPT (create or update). In {@link ImportMode#ALL_OR_NOTHING} one bad row
 * rejects the file and all rows are written in one transaction, so a failure while writing row 900 also undoes rows
 * 1-899. In {@link ImportMode#PARTIAL} each good row is written in its own transaction and bad rows are reported.
 * A file that is not CSV (bad quoting, not UTF-8, too large, bad header) is refused whole in both modes, because
 * row boundaries after such an error cannot be trusted.
 *
 * <p>Limits: {@value #MAX_BYTES} bytes, {@value #MAX_ROWS} rows, {@value #MAX_CELL} characters per cell. Each row
 * gets its own audit entry (from the registry) and the import one summary entry.
 */
@Component
class CsvImport {

    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final int MAX_ROWS = 20_000;
    static final int MAX_CELL = 1_048_576;

    private final OperatorRegistryService registry;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    CsvImport(OperatorRegistryService registry, AuditLog audit, PlatformTransactionManager transactions) {
        this.registry = registry;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A data row, its draft (or why it has none), its normalised form and the record it updates, if any. */
    private static final class Row {
        final long line;
        final OperatorDraft draft;
        final List<FieldProblem> problems = new ArrayList<>();
        Operator valid;
        Operator existing;
        Outcome outcome;

        Row(long line, OperatorDraft draft) {
            this.line = line;
            this.draft = draft;
        }

        String nipt() {
            return valid != null ? valid.nipt() : draft == null ? null : draft.nipt();
        }
    }

    ImportReport run(Actor actor, InputStream input, ImportMode mode) throws IOException {
        List<Row> rows = new ArrayList<>();
        try {
            read(input, rows);
        } catch (CsvReader.CsvFormatException | IllegalArgumentException e) {
            return refused(mode, e.getMessage(), rows);
        } catch (CharacterCodingException e) {
            return refused(mode, "the file is not UTF-8 text", rows);
        }
        if (rows.isEmpty()) {
            return refused(mode, "the file has a header but no operator rows", rows);
        }
        check(rows);
        long bad = rows.stream().filter(r -> !r.problems.isEmpty()).count();
        if (mode == ImportMode.ALL_OR_NOTHING) {
            if (bad > 0) {
                return report(mode, false, bad + " of " + rows.size() + " rows are invalid; nothing was imported",
                        rows);
            }
            Row[] failed = {null};
            tx.executeWithoutResult(status -> {
                for (Row r : rows) {
                    if (!write(actor, r)) {
                        failed[0] = r;
                        status.setRollbackOnly();
                        return;
                    }
                }
                audit.append(actor, "operator.import", OperatorRegistryService.AUDIT_TYPE, null, null, summary(mode, rows));
            });
            if (failed[0] != null) {
                rows.stream().filter(r -> r != failed[0]).forEach(r -> r.outcome = Outcome.NOT_WRITTEN);
                return report(mode, false, "line " + failed[0].line + " could not be written; nothing was imported",
                        rows);
            }
            return report(mode, true, null, rows);
        }
        for (Row r : rows) {
            if (r.problems.isEmpty()) {
                write(actor, r);
            }
        }
        boolean any = rows.stream().anyMatch(r -> r.outcome == Outcome.CREATED || r.outcome == Outcome.UPDATED);
        if (any) {
            tx.executeWithoutResult(s -> audit.append(actor, "operator.import", OperatorRegistryService.AUDIT_TYPE,
                    null, null, summary(mode, rows)));
        }
        return report(mode, any, null, rows);
    }

    private void read(InputStream input, List<Row> rows) throws IOException, CsvReader.CsvFormatException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        InputStream checked = new Utf8Check(new LimitedInput(input, MAX_BYTES));
        CsvReader csv = new CsvReader(new BufferedReader(new InputStreamReader(checked, decoder)), MAX_CELL,
                OperatorCsv.COLUMNS.size() * 4);
        CsvReader.Record head = csv.next();
        if (head == null) {
            throw new IllegalArgumentException("the file is empty; the first row must name the columns: "
                    + String.join(",", OperatorCsv.COLUMNS));
        }
        Map<String, Integer> header;
        try {
            header = OperatorCsv.header(head.cells());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + head.line() + ": " + e.getMessage());
        }
        for (CsvReader.Record rec = csv.next(); rec != null; rec = csv.next()) {
            if (rows.size() == MAX_ROWS) {
                throw new IllegalArgumentException("more than " + MAX_ROWS + " rows; split the file");
            }
            try {
                rows.add(new Row(rec.line(), OperatorCsv.draft(header, rec.cells())));
            } catch (IllegalArgumentException e) {
                Row r = new Row(rec.line(), null);
                r.problems.add(new FieldProblem("row", e.getMessage()));
                rows.add(r);
            }
        }
    }

    /** Validation, duplicates inside the file, and create-or-update by NIPT. */
    private void check(List<Row> rows) {
        Map<String, Long> niptLines = new HashMap<>();
        Map<String, Long> nameLines = new HashMap<>();
        for (Row r : rows) {
            if (r.draft == null) {
                continue;
            }
            try {
                r.valid = registry.validate(r.draft);
            } catch (InvalidOperatorException e) {
                e.problems().forEach(p -> r.problems.add(new FieldProblem(OperatorCsv.column(p.field()), p.message())));
                continue;
            }
            Long seen = niptLines.putIfAbsent(r.valid.nipt(), r.line);
            if (seen != null) {
                r.problems.add(new FieldProblem("nipt", "NIPT " + r.valid.nipt() + " is also on line " + seen));
            }
            Long named = nameLines.putIfAbsent(r.valid.name().toLowerCase(java.util.Locale.ROOT), r.line);
            if (named != null) {
                r.problems.add(new FieldProblem("name", "the same name is also on line " + named));
            }
            Optional<Operator> existing = registry.findByNipt(r.valid.nipt());
            r.existing = existing.orElse(null);
        }
        rows.stream().filter(r -> !r.problems.isEmpty()).forEach(r -> r.outcome = Outcome.REJECTED);
        rows.stream().filter(r -> r.problems.isEmpty()).forEach(r -> r.outcome = Outcome.NOT_WRITTEN);
    }

    /** Writes one row through the registry (audit, events); false with the reason recorded when it fails. */
    private boolean write(Actor actor, Row r) {
        try {
            if (r.existing == null) {
                registry.create(actor, r.draft);
                r.outcome = Outcome.CREATED;
            } else {
                Operator after = registry.update(actor, r.existing.id(), r.draft);
                r.outcome = after.updatedAt().equals(r.existing.updatedAt()) ? Outcome.UNCHANGED : Outcome.UPDATED;
            }
            return true;
        } catch (InvalidOperatorException e) {
            e.problems().forEach(p -> r.problems.add(new FieldProblem(OperatorCsv.column(p.field()), p.message())));
        } catch (DataAccessException e) {
            r.problems.add(new FieldProblem("row", "the database refused the row (changed concurrently?)"));
        }
        r.outcome = Outcome.REJECTED;
        return false;
    }

    private static Map<String, Object> summary(ImportMode mode, List<Row> rows) {
        Map<String, Object> s = new HashMap<>();
        s.put("mode", mode.name());
        s.put("rows", rows.size());
        for (Outcome o : Outcome.values()) {
            s.put(o.name().toLowerCase(java.util.Locale.ROOT), rows.stream().filter(r -> r.outcome == o).count());
        }
        return s;
    }

    private static ImportReport refused(ImportMode mode, String error, List<Row> rows) {
        rows.forEach(r -> r.outcome = r.problems.isEmpty() ? Outcome.NOT_WRITTEN : Outcome.REJECTED);
        return report(mode, false, error, rows);
    }

    private static ImportReport report(ImportMode mode, boolean committed, String error, List<Row> rows) {
        List<ImportReport.Row> out = rows.stream()
                .map(r -> new ImportReport.Row(r.line, r.nipt(), r.outcome, r.problems)).toList();
        return new ImportReport(mode, committed, rows.size(), count(rows, Outcome.CREATED),
                count(rows, Outcome.UPDATED), count(rows, Outcome.UNCHANGED), count(rows, Outcome.REJECTED), error,
                out);
    }

    private static int count(List<Row> rows, Outcome o) {
        return (int) rows.stream().filter(r -> r.outcome == o).count();
    }

    /** Stops reading with a clear error once more than {@code max} bytes came in. */
    private static final class LimitedInput extends java.io.FilterInputStream {
        private final long max;
        private long count;

        LimitedInput(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                tally(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                tally(n);
            }
            return n;
        }

        private void tally(int n) {
            count += n;
            if (count > max) {
                throw new FileTooLarge(max);
            }
        }
    }

    /** Raised while reading a file over the size limit. */
    static final class FileTooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        FileTooLarge(long max) {
            super("the file is larger than " + (max / (1024 * 1024)) + " MB; split it into smaller files");
        }
    }
}
