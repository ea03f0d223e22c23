package org.mburoja.stix.index;

import java.util.ArrayList;
import java.util.List;
import org.mburoja.stix.pattern.StixPattern;
import org.mburoja.stix.pattern.StixPattern.Comparison;
import org.mburoja.stix.pattern.StixPattern.ComparisonExpression;
import org.mburoja.stix.pattern.StixPattern.ComparisonOr;
import org.mburoja.stix.pattern.StixPattern.Literal;
import org.mburoja.stix.pattern.StixPattern.Observation;
import org.mburoja.stix.pattern.StixPattern.ObservationExpression;
import org.mburoja.stix.pattern.StixPattern.ObservationOr;
import org.mburoja.stix.pattern.StixPattern.Operator;
import org.mburoja.stix.pattern.StixPattern.SetLiteral;
import org.mburoja.stix.pattern.StixPattern.StringLiteral;

/**
 * Which single-value lookups a STIX pattern reduces to.
 *
 * <p>Only patterns that one observed value can satisfy on its own are indexed: one observation or an OR of
 * observations, each an OR of {@code =}, {@code IN} or {@code ISSUBSET} comparisons on the paths below, without
 * qualifiers. An AND, a FOLLOWEDBY or a qualifier needs more than one value, so a single-value hit would be a false
 * positive: such indicators are reported as not indexable (they go to the pattern evaluator instead). Branches of an
 * OR that are not indexable are skipped and reported as partial coverage.
 */
public final class IndicatorKeys {

    /** A value to index under a kind. */
    public record Key(ObservableKind kind, String value) {
    }

    /** The keys of a pattern and whether all of it was covered. */
    public record Extraction(List<Key> keys, boolean complete) {
    }

    private IndicatorKeys() {
    }

    public static Extraction extract(StixPattern pattern) {
        List<Key> keys = new ArrayList<>();
        boolean complete = observation(pattern.root(), keys);
        return new Extraction(List.copyOf(keys), complete && !keys.isEmpty());
    }

    private static boolean observation(ObservationExpression e, List<Key> keys) {
        return switch (e) {
            case Observation o -> comparison(o.comparison(), keys);
            case ObservationOr or -> {
                boolean all = true;
                for (ObservationExpression op : or.operands()) {
                    all &= observation(op, keys);
                }
                yield all;
            }
            default -> false;
        };
    }

    private static boolean comparison(ComparisonExpression e, List<Key> keys) {
        return switch (e) {
            case ComparisonOr or -> {
                boolean all = true;
                for (ComparisonExpression op : or.operands()) {
                    all &= comparison(op, keys);
                }
                yield all;
            }
            case Comparison c -> {
                if (c.negated() || c.operator() != Operator.EQ && c.operator() != Operator.IN
                        && c.operator() != Operator.ISSUBSET) {
                    yield false;
                }
                ObservableKind kind = kindOf(c.path().toString());
                if (kind == null) {
                    yield false;
                }
                boolean ok = true;
                for (Literal l : c.value() instanceof SetLiteral s ? s.values() : List.of(c.value())) {
                    if (l instanceof StringLiteral str) {
                        ObservableKind k = kind == ObservableKind.IPV4 && str.value().contains(":")
                                ? ObservableKind.IPV6 : kind;
                        keys.add(new Key(k, str.value()));
                    } else {
                        ok = false;
                    }
                }
                yield ok;
            }
            default -> false;
        };
    }

    private static ObservableKind kindOf(String path) {
        return switch (path) {
            case "ipv4-addr:value", "network-traffic:dst_ref.value", "network-traffic:src_ref.value" ->
                    ObservableKind.IPV4;
            case "ipv6-addr:value" -> ObservableKind.IPV6;
            case "domain-name:value" -> ObservableKind.DOMAIN;
            case "url:value" -> ObservableKind.URL;
            case "file:hashes.MD5", "artifact:hashes.MD5" -> ObservableKind.MD5;
            case "file:hashes.SHA-1", "artifact:hashes.SHA-1" -> ObservableKind.SHA1;
            case "file:hashes.SHA-256", "artifact:hashes.SHA-256" -> ObservableKind.SHA256;
            case "email-addr:value", "email-message:from_ref.value", "email-message:sender_ref.value" ->
                    ObservableKind.EMAIL;
            default -> null;
        };
    }
}
