package org.mburoja.operators.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.DuplicateOrganisationException;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.operators.FieldProblem;
import org.mburoja.operators.ImportMode;
import org.mburoja.operators.ImportReport;
import org.mburoja.operators.InvalidOperatorException;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorChanged;
import org.mburoja.operators.OperatorDraft;
import org.mburoja.operators.OperatorNotFoundException;
import org.mburoja.operators.OperatorPage;
import org.mburoja.operators.OperatorQuery;
import org.mburoja.operators.OperatorRegistry;
import org.mburoja.operators.OperatorStatistics;
import org.mburoja.operators.Sectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The registry's rules: authorisation, validation, organisation link, audit, change events. */
@Service
class OperatorRegistryService implements OperatorRegistry {

    static final String AUDIT_TYPE = "operator";

    private final OperatorStore store;
    private final Organisations organisations;
    private final AuditLog audit;
    private final OperatorValidation validation;
    private final ApplicationEventPublisher events;
    private final CsvImport csvImport;
    private final Clock clock = Clock.systemUTC();

    OperatorRegistryService(OperatorStore store, Organisations organisations, AuditLog audit, Sectors sectors,
                            ApplicationEventPublisher events, @Lazy CsvImport csvImport) {
        this.store = store;
        this.organisations = organisations;
        this.audit = audit;
        this.validation = new OperatorValidation(sectors);
        this.events = events;
        this.csvImport = csvImport;
    }

    @Override
    @Transactional(readOnly = true)
    public OperatorPage list(Actor actor, OperatorQuery query) {
        return store.page(query, OperatorAccess.readableScope(actor));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Operator> find(Actor actor, OrganisationId id) {
        OperatorAccess.requireRead(actor, id);
        return store.find(id, false);
    }

    @Override
    @Transactional
    public Operator create(Actor actor, OperatorDraft draft) {
        OperatorAccess.requireStaffWrite(actor);
        Operator valid = validation.validate(draft);
        List<FieldProblem> problems = new ArrayList<>();
        store.idOfNipt(valid.nipt()).ifPresent(other -> problems.add(
                new FieldProblem("nipt", "NIPT " + valid.nipt() + " is registered already (operator " + other + ")")));
        Optional<Organisation> existing = organisations.findByName(valid.name());
        if (existing.isPresent() && (existing.get().kind() != OrganisationKind.OPERATOR
                || store.find(existing.get().id(), false).isPresent())) {
            problems.add(new FieldProblem("name", "an organisation named '" + valid.name() + "' exists already"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidOperatorException(problems);
        }
        Organisation org = existing.orElseGet(() -> organisations.create(actor, OrganisationKind.OPERATOR,
                valid.name(), "AL"));
        Instant now = now();
        Operator created = with(valid, org.id(), now, now);
        store.insert(created);
        audit.append(actor, "operator.create", AUDIT_TYPE, org.id().toString(), null, created);
        events.publishEvent(new OperatorChanged(org.id(), created));
        return created;
    }

    @Override
    @Transactional
    public Operator update(Actor actor, OrganisationId id, OperatorDraft draft) {
        boolean limited = OperatorAccess.limitedEditor(actor, id);
        Operator before = store.find(id, true).orElseThrow(() -> new OperatorNotFoundException(id));
        Operator valid = validation.validate(limited ? keepAuthorityFields(draft, before) : draft);
        List<FieldProblem> problems = new ArrayList<>();
        if (limited) {
            authorityFieldsUnchanged(valid, before, problems);
        }
        store.idOfNipt(valid.nipt()).filter(other -> !other.equals(id)).ifPresent(other -> problems.add(
                new FieldProblem("nipt", "NIPT " + valid.nipt() + " is registered already (operator " + other + ")")));
        if (!problems.isEmpty()) {
            throw new InvalidOperatorException(problems);
        }
        Operator after = with(valid, id, before.createdAt(), before.updatedAt());
        if (after.equals(before)) {
            return before;
        }
        after = with(valid, id, before.createdAt(), now());
        if (!after.name().equals(before.name())) {
            try {
                organisations.rename(actor, id, after.name());
            } catch (DuplicateOrganisationException e) {
                throw new InvalidOperatorException(List.of(new FieldProblem("name", e.getMessage())));
            }
        }
        store.update(after);
        audit.append(actor, "operator.update", AUDIT_TYPE, id.toString(), before, after);
        events.publishEvent(new OperatorChanged(id, after));
        return after;
    }

    @Override
    @Transactional
    public void delete(Actor actor, OrganisationId id) {
        OperatorAccess.requireStaffWrite(actor);
        Operator before = store.find(id, true).orElseThrow(() -> new OperatorNotFoundException(id));
        store.delete(id);
        audit.append(actor, "operator.delete", AUDIT_TYPE, id.toString(), before, null);
        events.publishEvent(new OperatorChanged(id, null));
    }

    @Override
    public ImportReport importCsv(Actor actor, InputStream csv, ImportMode mode) throws IOException {
        OperatorAccess.requireStaffWrite(actor);
        return csvImport.run(actor, csv, mode);
    }

    @Override
    @Transactional(readOnly = true)
    public void exportCsv(Actor actor, OperatorQuery filter, Writer out) throws IOException {
        OrganisationId scope = OperatorAccess.readableScope(actor);
        OperatorCsv.Exporter exporter = new OperatorCsv.Exporter(out);
        exporter.header();
        IOException[] failure = {null};
        store.forEach(filter, scope, o -> {
            if (failure[0] == null) {
                try {
                    exporter.row(o);
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        out.flush();
    }

    @Override
    @Transactional(readOnly = true)
    public OperatorStatistics statistics(Actor actor) {
        return store.statistics(OperatorAccess.readableScope(actor));
    }

    /** The stored record with that NIPT, for the importer (which matches rows by NIPT). */
    @Transactional(readOnly = true)
    public Optional<Operator> findByNipt(String nipt) {
        return store.idOfNipt(nipt).flatMap(id -> store.find(id, false));
    }

    /** Validates without writing (the importer checks every row before it writes any). */
    Operator validate(OperatorDraft draft) {
        return validation.validate(draft);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Operator with(Operator v, OrganisationId id, Instant created, Instant updated) {
        return new Operator(id, v.name(), v.nipt(), v.address(), v.sector(), v.subSector(), v.entityClass(),
                v.contacts(), v.serviceStates(), v.ipRanges(), v.domains(), v.asns(), created, updated);
    }

    /** Fields an operator user leaves empty keep their stored values. */
    private static OperatorDraft keepAuthorityFields(OperatorDraft d, Operator before) {
        OperatorDraft stored = OperatorDraft.of(before);
        return new OperatorDraft(or(d.name(), stored.name()), or(d.nipt(), stored.nipt()),
                or(d.address(), stored.address()), or(d.sector(), stored.sector()),
                d.sector() == null || d.sector().isBlank() ? stored.subSector() : d.subSector(),
                or(d.entityClass(), stored.entityClass()), d.securityEmail(), d.securityPhone(), d.emergencyName(),
                d.emergencyPhone(), d.serviceStates().isEmpty() ? stored.serviceStates() : d.serviceStates(),
                d.ipRanges(), d.domains(), d.asns());
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void authorityFieldsUnchanged(Operator v, Operator before, List<FieldProblem> problems) {
        String why = "may be changed only by the national authority";
        check(problems, "name", v.name(), before.name(), why);
        check(problems, "nipt", v.nipt(), before.nipt(), why);
        check(problems, "address", v.address(), before.address(), why);
        check(problems, "sector", v.sector(), before.sector(), why);
        check(problems, "subSector", v.subSector(), before.subSector(), why);
        check(problems, "entityClass", v.entityClass(), before.entityClass(), why);
        check(problems, "serviceStates", v.serviceStates(), before.serviceStates(), why);
    }

    private static void check(List<FieldProblem> problems, String field, Object now, Object was, String why) {
        if (!Objects.equals(now, was)) {
            problems.add(new FieldProblem(field, why));
        }
    }
}
