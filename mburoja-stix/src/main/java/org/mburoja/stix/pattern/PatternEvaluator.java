package org.mburoja.stix.pattern;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.mburoja.stix.pattern.StixPattern.FollowedBy;
import org.mburoja.stix.pattern.StixPattern.ObservationAnd;
import org.mburoja.stix.pattern.StixPattern.ObservationExpression;
import org.mburoja.stix.pattern.StixPattern.ObservationOr;
import org.mburoja.stix.pattern.StixPattern.Qualified;
import org.mburoja.stix.pattern.StixPattern.Repeats;
import org.mburoja.stix.pattern.StixPattern.StartStop;
import org.mburoja.stix.pattern.StixPattern.Within;

/**
 * Evaluates a parsed pattern over observations (specification 9.5-9.6), like OASIS's stix2-matcher.
 *
 * <p>Each sub-expression yields its bindings: sets of distinct observations that satisfy it together, with their time
 * span. {@code [..]} binds one observation; {@code AND} joins bindings of different observations; {@code OR} takes
 * either; {@code A FOLLOWEDBY B} joins when every observation of A started no later than every observation of B;
 * {@code WITHIN n SECONDS} keeps bindings whose span (first first_observed to last last_observed) is at most n;
 * {@code REPEATS n TIMES} joins n disjoint bindings; {@code START s STOP t} keeps bindings lying in [s, t).
 *
 * <p>Cost: joins are products, so at most {@link #MAX_BINDINGS} bindings per sub-expression are kept; beyond that
 * {@link EvaluationLimitException} is raised instead of silently missing a match.
 */
public final class PatternEvaluator {

    public static final int MAX_BINDINGS = 100_000;

    private final List<Observation> observations;

    private PatternEvaluator(List<Observation> observations) {
        this.observations = List.copyOf(observations);
    }

    /**
     * The observations of the first binding that satisfies the pattern, empty when none does.
     *
     * @throws EvaluationLimitException when evaluation would exceed its budgets
     */
    public static Optional<List<Observation>> match(StixPattern pattern, List<Observation> observations) {
        if (observations.size() > MAX_BINDINGS) {
            throw new EvaluationLimitException("more than " + MAX_BINDINGS + " observations");
        }
        PatternEvaluator e = new PatternEvaluator(observations);
        return e.bindings(pattern.root()).stream().findFirst()
                .map(b -> b.members.stream().mapToObj(e.observations::get).toList());
    }

    /** Whether the pattern matches the observations. */
    public static boolean matches(StixPattern pattern, List<Observation> observations) {
        return match(pattern, observations).isPresent();
    }

    /** A set of observations and the span they cover. */
    private record Binding(BitSet members, Instant minFirst, Instant maxFirst, Instant maxLast) {
        Binding join(Binding o) {
            BitSet m = (BitSet) members.clone();
            m.or(o.members);
            return new Binding(m, min(minFirst, o.minFirst), max(maxFirst, o.maxFirst), max(maxLast, o.maxLast));
        }

        boolean disjoint(Binding o) {
            return !members.intersects(o.members);
        }
    }

    private List<Binding> bindings(ObservationExpression e) {
        return switch (e) {
            case StixPattern.Observation obs -> {
                List<Binding> out = new ArrayList<>();
                for (int i = 0; i < observations.size(); i++) {
                    Observation o = observations.get(i);
                    if (ComparisonMatcher.matches(obs.comparison(), o)) {
                        BitSet b = new BitSet();
                        b.set(i);
                        out.add(new Binding(b, o.firstObserved(), o.firstObserved(), o.lastObserved()));
                    }
                }
                yield out;
            }
            case ObservationOr or -> {
                LinkedHashSet<Binding> out = new LinkedHashSet<>();
                for (ObservationExpression op : or.operands()) {
                    out.addAll(bindings(op));
                    limit(out.size());
                }
                yield new ArrayList<>(out);
            }
            case ObservationAnd and -> fold(and.operands(), false);
            case FollowedBy f -> fold(f.operands(), true);
            case Qualified q -> qualify(bindings(q.expression()), q.qualifier());
        };
    }

    private List<Binding> fold(List<ObservationExpression> operands, boolean ordered) {
        List<Binding> acc = bindings(operands.getFirst());
        for (int k = 1; k < operands.size() && !acc.isEmpty(); k++) {
            List<Binding> right = bindings(operands.get(k));
            List<Binding> joined = new ArrayList<>();
            for (Binding a : acc) {
                for (Binding b : right) {
                    if (a.disjoint(b) && (!ordered || !a.maxFirst().isAfter(b.minFirst()))) {
                        joined.add(a.join(b));
                        limit(joined.size());
                    }
                }
            }
            acc = joined;
        }
        return acc;
    }

    private List<Binding> qualify(List<Binding> in, StixPattern.Qualifier q) {
        return switch (q) {
            case Within w -> in.stream().filter(b -> spanSeconds(b).compareTo(w.seconds()) <= 0).toList();
            case StartStop s -> in.stream().filter(b -> !b.minFirst().isBefore(s.start())
                    && b.maxLast().isBefore(s.stop())).toList();
            case Repeats r -> repeats(in, r.times());
        };
    }

    private List<Binding> repeats(List<Binding> in, int times) {
        if (times > observations.size()) {
            return List.of();
        }
        List<Binding> acc = new ArrayList<>(in);
        for (int k = 1; k < times && !acc.isEmpty(); k++) {
            LinkedHashSet<Binding> next = new LinkedHashSet<>();
            for (Binding a : acc) {
                for (Binding b : in) {
                    if (a.disjoint(b) && a.members().nextSetBit(0) < b.members().nextSetBit(0)) {
                        next.add(a.join(b));
                        limit(next.size());
                    }
                }
            }
            acc = new ArrayList<>(next);
        }
        return acc;
    }

    private static BigDecimal spanSeconds(Binding b) {
        Duration d = Duration.between(b.minFirst(), b.maxLast());
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    }

    private static void limit(int size) {
        if (size > MAX_BINDINGS) {
            throw new EvaluationLimitException("pattern needs more than " + MAX_BINDINGS
                    + " combinations of observations");
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
