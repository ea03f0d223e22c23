package org.mburoja.operators.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.mburoja.operators.Contacts;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.FieldProblem;
import org.mburoja.operators.InvalidOperatorException;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorDraft;
import org.mburoja.operators.Sector;
import org.mburoja.operators.Sectors;

/**
 * Turns a draft into a normalised record or the complete list of what is wrong with it, field by field. Lists are
 * de-duplicated after normalisation ({@code Example.AL} and {@code example.al} are one domain) and sorted, so two
 * drafts that mean the same thing give equal records.
 *
 * <p>Limits per record keep a single write bounded: {@value #MAX_RANGES} IP ranges, {@value #MAX_DOMAINS} domains,
 * {@value #MAX_ASNS} AS numbers.
 */
final class OperatorValidation {

    static final int MAX_RANGES = 50_000;
    static final int MAX_DOMAINS = 10_000;
    static final int MAX_ASNS = 1_000;
    static final int MAX_STATES = 60;

    private final Sectors sectors;

    OperatorValidation(Sectors sectors) {
        this.sectors = sectors;
    }

    /** The normalised record (without id and timestamps), or {@link InvalidOperatorException}. */
    Operator validate(OperatorDraft d) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = text(problems, "name", d.name(), 300, true);
        String address = text(problems, "address", d.address(), 500, true);
        String emergencyName = text(problems, "emergencyName", d.emergencyName(), 200, false);
        String nipt = value(problems, "nipt", d.nipt(), Nipt::normalise);
        String email = value(problems, "securityEmail", d.securityEmail(), EmailAddress::normalise);
        String phone = value(problems, "securityPhone", d.securityPhone(), PhoneNumber::normalise);
        String emergencyPhone = value(problems, "emergencyPhone", d.emergencyPhone(), PhoneNumber::normalise);
        EntityClass entityClass = value(problems, "entityClass", d.entityClass(),
                s -> {
                    try {
                        return EntityClass.valueOf(s.strip().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("must be ESSENTIAL or IMPORTANT");
                    }
                });
        String sectorCode = null;
        String subSector = null;
        if (blank(d.sector())) {
            problems.add(new FieldProblem("sector", "is required"));
        } else {
            Optional<Sector> sector = sectors.find(d.sector().strip().toLowerCase(Locale.ROOT));
            if (sector.isEmpty()) {
                problems.add(new FieldProblem("sector", "'" + shorten(d.sector()) + "' is not a NIS2 sector code"));
            } else {
                String code = sector.get().code();
                sectorCode = code;
                List<Sector.SubSector> subs = sector.get().subSectors();
                if (subs.isEmpty() && !blank(d.subSector())) {
                    problems.add(new FieldProblem("subSector", "sector " + sectorCode + " has no sub-sectors"));
                } else if (!subs.isEmpty()) {
                    String wanted = blank(d.subSector()) ? null : d.subSector().strip().toLowerCase(Locale.ROOT);
                    subSector = subs.stream().map(Sector.SubSector::code)
                            .filter(c -> c.equals(wanted) || c.equals(code + "." + wanted)).findFirst()
                            .orElse(null);
                    if (subSector == null) {
                        problems.add(new FieldProblem("subSector", (wanted == null ? "is required"
                                : "'" + shorten(wanted) + "' is not a sub-sector") + " of sector " + sectorCode
                                + " (one of " + subs.stream().map(Sector.SubSector::code).toList() + ")"));
                    }
                }
            }
        }
        List<String> states = list(problems, "serviceStates", d.serviceStates(), MAX_STATES, CountryCode::normalise,
                Comparator.naturalOrder());
        if (states.isEmpty() && problems.stream().noneMatch(p -> p.field().startsWith("serviceStates"))) {
            states = List.of("AL");
        }
        List<IpBlock> blocks = list(problems, "ipRanges", d.ipRanges(), MAX_RANGES, IpBlock::parse,
                Comparator.comparing(IpBlock::v6).thenComparing((a, b) -> RangeTable.compare(a.hi(), a.lo(), b.hi(), b.lo()))
                        .thenComparingInt(IpBlock::prefix));
        List<String> domains = list(problems, "domains", d.domains(), MAX_DOMAINS, DomainName::toAscii,
                Comparator.naturalOrder());
        List<Long> asns = list(problems, "asns", d.asns(), MAX_ASNS, AsNumber::parse, Comparator.naturalOrder());
        if (!problems.isEmpty()) {
            throw new InvalidOperatorException(problems);
        }
        return new Operator(null, name, nipt, address, sectorCode, subSector, entityClass,
                new Contacts(email, phone, emergencyName, emergencyPhone), states,
                blocks.stream().map(IpBlock::toString).toList(), domains, asns, null, null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }

    private static String text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        if (blank(value)) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        String s = value.strip();
        if (s.length() > max) {
            problems.add(new FieldProblem(field, "is longer than " + max + " characters"));
            return null;
        }
        if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(new FieldProblem(field, "contains control characters"));
            return null;
        }
        return s;
    }

    private static <T> T value(List<FieldProblem> problems, String field, String value, Function<String, T> parse) {
        if (blank(value)) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, e.getMessage()));
            return null;
        }
    }

    private static <T> List<T> list(List<FieldProblem> problems, String field, List<String> values, int max,
                                    Function<String, T> parse, Comparator<T> order) {
        if (values.size() > max) {
            problems.add(new FieldProblem(field, "has " + values.size() + " entries; at most " + max + " per operator"));
            return List.of();
        }
        Set<T> out = new TreeSet<>(order);
        int problemsBefore = problems.size();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (blank(v)) {
                continue;
            }
            try {
                out.add(parse.apply(v));
            } catch (IllegalArgumentException e) {
                if (problems.size() - problemsBefore < 20) {
                    problems.add(new FieldProblem(field + "[" + i + "]", e.getMessage()));
                }
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(out));
    }
}
