package org.mburoja.stix.pattern;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.mburoja.stix.StixTimestamp;
import org.mburoja.stix.pattern.StixPattern.AnyIndex;
import org.mburoja.stix.pattern.StixPattern.BinaryLiteral;
import org.mburoja.stix.pattern.StixPattern.BoolLiteral;
import org.mburoja.stix.pattern.StixPattern.Comparison;
import org.mburoja.stix.pattern.StixPattern.ComparisonAnd;
import org.mburoja.stix.pattern.StixPattern.ComparisonExpression;
import org.mburoja.stix.pattern.StixPattern.ComparisonOr;
import org.mburoja.stix.pattern.StixPattern.Exists;
import org.mburoja.stix.pattern.StixPattern.FloatLiteral;
import org.mburoja.stix.pattern.StixPattern.HexLiteral;
import org.mburoja.stix.pattern.StixPattern.Index;
import org.mburoja.stix.pattern.StixPattern.IntLiteral;
import org.mburoja.stix.pattern.StixPattern.Literal;
import org.mburoja.stix.pattern.StixPattern.ObjectPath;
import org.mburoja.stix.pattern.StixPattern.Operator;
import org.mburoja.stix.pattern.StixPattern.PathStep;
import org.mburoja.stix.pattern.StixPattern.Property;
import org.mburoja.stix.pattern.StixPattern.SetLiteral;
import org.mburoja.stix.pattern.StixPattern.StringLiteral;
import org.mburoja.stix.pattern.StixPattern.TimestampLiteral;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates comparison expressions against the objects of one observation (specification 9.6-9.7): object paths
 * follow {@code *_ref}/{@code *_refs} into referenced objects, a comparison holds when any value on its path
 * satisfies it ({@code NOT} negates each value's test, so a missing property never matches), {@code AND} and
 * {@code OR} combine results over the whole observation.
 *
 * <p>MATCHES and LIKE run on {@link java.util.regex} with a step budget ({@link #REGEX_BUDGET} character reads per
 * test) so a backtracking expression from an untrusted pattern fails with {@link EvaluationLimitException} instead of
 * stalling the caller.
 */
final class ComparisonMatcher {

    static final long REGEX_BUDGET = 5_000_000;
    /**
     * Compiled expressions, one map per operator: the same text means different things to them (LIKE's translation
     * runs with DOTALL, MATCHES as written), so a MATCHES regex that reads like a translated LIKE must not share its
     * entry. Each map is emptied when it passes {@link #REGEX_CACHE} entries (patterns come from partners' feeds).
     */
    private static final Map<String, Pattern> LIKE_REGEX = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> MATCHES_REGEX = new ConcurrentHashMap<>();
    static final int REGEX_CACHE = 10_000;

    private ComparisonMatcher() {
    }

    static boolean matches(ComparisonExpression e, Observation o) {
        return switch (e) {
            case ComparisonAnd and -> and.operands().stream().allMatch(c -> matches(c, o));
            case ComparisonOr or -> or.operands().stream().anyMatch(c -> matches(c, o));
            case Exists ex -> o.objects().values().stream()
                    .anyMatch(obj -> isType(obj, ex.path()) && !values(obj, ex.path(), o).isEmpty());
            case Comparison c -> o.objects().values().stream()
                    .anyMatch(obj -> isType(obj, c.path()) && values(obj, c.path(), o).stream()
                            .anyMatch(v -> test(v, c, lastName(c.path())).map(r -> r != c.negated()).orElse(false)));
        };
    }

    private static boolean isType(JsonNode obj, ObjectPath path) {
        return path.objectType().equals(obj.path("type").asString(""));
    }

    private static String lastName(ObjectPath path) {
        for (int i = path.steps().size() - 1; i >= 0; i--) {
            if (path.steps().get(i) instanceof Property p) {
                return p.name();
            }
        }
        return "";
    }

    /** The values an object path reaches from one object, following references. */
    static List<JsonNode> values(JsonNode root, ObjectPath path, Observation o) {
        List<JsonNode> current = List.of(root);
        List<PathStep> steps = path.steps();
        for (int i = 0; i < steps.size() && !current.isEmpty(); i++) {
            PathStep step = steps.get(i);
            boolean more = i + 1 < steps.size();
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                switch (step) {
                    case Property p -> {
                        JsonNode v = n.isObject() ? n.get(p.name()) : null;
                        if (v == null) {
                            continue;
                        }
                        if (more && p.name().endsWith("_ref") && v.isString()) {
                            Optional.ofNullable(o.objects().get(v.stringValue())).ifPresent(next::add);
                        } else {
                            next.add(v);
                        }
                    }
                    case Index idx -> {
                        if (n.isArray() && idx.index() >= 0 && idx.index() < n.size()) {
                            next.add(deref(n.get(idx.index()), steps, i, more, o));
                        }
                    }
                    case AnyIndex any -> {
                        if (n.isArray()) {
                            for (JsonNode el : n) {
                                next.add(deref(el, steps, i, more, o));
                            }
                        }
                    }
                }
            }
            next.removeIf(java.util.Objects::isNull);
            current = next;
        }
        return current;
    }

    private static JsonNode deref(JsonNode el, List<PathStep> steps, int i, boolean more, Observation o) {
        if (more && el.isString() && i > 0 && steps.get(i - 1) instanceof Property p && p.name().endsWith("_refs")) {
            return o.objects().get(el.stringValue());
        }
        return el;
    }

    /** The outcome of one value's test, empty when value and literal are of kinds that cannot be compared. */
    private static Optional<Boolean> test(JsonNode v, Comparison c, String property) {
        Literal lit = c.value();
        return switch (c.operator()) {
            case EQ -> compare(v, lit, property).map(r -> r == 0);
            case NEQ -> compare(v, lit, property).map(r -> r != 0);
            case LT -> compare(v, lit, property).map(r -> r < 0);
            case LE -> compare(v, lit, property).map(r -> r <= 0);
            case GT -> compare(v, lit, property).map(r -> r > 0);
            case GE -> compare(v, lit, property).map(r -> r >= 0);
            case IN -> {
                List<Optional<Integer>> results = ((SetLiteral) lit).values().stream()
                        .map(m -> compare(v, m, property)).toList();
                yield results.stream().allMatch(Optional::isEmpty) ? Optional.empty()
                        : Optional.of(results.stream().anyMatch(r -> r.isPresent() && r.get() == 0));
            }
            case LIKE -> v.isString() ? Optional.of(regex(like(((StringLiteral) lit).value()), v.stringValue()))
                    : Optional.empty();
            case MATCHES -> text(v, property).map(s -> find(((StringLiteral) lit).value(), s));
            case ISSUBSET -> cidrs(v, lit).map(p -> p[0].within(p[1]));
            case ISSUPERSET -> cidrs(v, lit).map(p -> p[1].within(p[0]));
        };
    }

    /** Three-way comparison of a JSON value with a literal; empty when the kinds cannot be compared. */
    private static Optional<Integer> compare(JsonNode v, Literal lit, String property) {
        return switch (lit) {
            case StringLiteral s -> v.isString() ? Optional.of(Integer.signum(v.stringValue().compareTo(s.value())))
                    : Optional.empty();
            case IntLiteral i -> v.isNumber() ? Optional.of(v.decimalValue().compareTo(new BigDecimal(i.value())))
                    : Optional.empty();
            case FloatLiteral f -> v.isNumber() ? Optional.of(v.decimalValue().compareTo(f.value())) : Optional.empty();
            case BoolLiteral b -> v.isBoolean() ? Optional.of(v.booleanValue() == b.value() ? 0 : 1) : Optional.empty();
            case TimestampLiteral t -> instant(v).map(x -> x.compareTo(t.value()));
            case BinaryLiteral b -> bytes(v, property).map(x -> Arrays.compareUnsigned(x, b.bytes()));
            case HexLiteral h -> bytes(v, property).map(x -> Arrays.compareUnsigned(x, h.bytes()));
            case SetLiteral s -> Optional.empty();
        };
    }

    private static Optional<Instant> instant(JsonNode v) {
        return v.isString() && StixTimestamp.problem(v.stringValue()).isEmpty()
                ? Optional.of(StixTimestamp.parse(v.stringValue())) : Optional.empty();
    }

    /** Binary properties: {@code *_bin} are base64, {@code *_hex} are hex (specification 3.1). */
    private static Optional<byte[]> bytes(JsonNode v, String property) {
        if (!v.isString()) {
            return Optional.empty();
        }
        try {
            if (property.endsWith("_hex")) {
                return Optional.of(HexFormat.of().parseHex(v.stringValue()));
            }
            return Optional.of(Base64.getDecoder().decode(v.stringValue()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The text MATCHES runs on: strings as they are, binary properties as bytes read as ISO-8859-1. */
    private static Optional<String> text(JsonNode v, String property) {
        if (!v.isString()) {
            return Optional.empty();
        }
        if (property.endsWith("_bin") || property.endsWith("_hex")) {
            return bytes(v, property).map(b -> new String(b, StandardCharsets.ISO_8859_1));
        }
        return Optional.of(v.stringValue());
    }

    private static Optional<Cidr[]> cidrs(JsonNode v, Literal lit) {
        if (!v.isString() || !(lit instanceof StringLiteral s)) {
            return Optional.empty();
        }
        Optional<Cidr> a = Cidr.parse(v.stringValue());
        Optional<Cidr> b = Cidr.parse(s.value());
        return a.isPresent() && b.isPresent() ? Optional.of(new Cidr[] {a.get(), b.get()}) : Optional.empty();
    }

    private static String like(String pattern) {
        StringBuilder b = new StringBuilder("^");
        StringBuilder lit = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%' || c == '_') {
                if (!lit.isEmpty()) {
                    b.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                b.append(c == '%' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty()) {
            b.append(Pattern.quote(lit.toString()));
        }
        return b.append('$').toString();
    }

    private static boolean regex(String regex, String input) {
        return compiled(LIKE_REGEX, regex, Pattern.DOTALL).matcher(new BudgetedChars(input, REGEX_BUDGET)).matches();
    }

    private static boolean find(String regex, String input) {
        return compiled(MATCHES_REGEX, regex, 0).matcher(new BudgetedChars(input, REGEX_BUDGET)).find();
    }

    private static Pattern compiled(Map<String, Pattern> cache, String regex, int flags) {
        if (cache.size() > REGEX_CACHE) {
            cache.clear();
        }
        return cache.computeIfAbsent(regex, r -> Pattern.compile(r, flags));
    }

    /** A character sequence that stops a regular expression after a number of reads. */
    private static final class BudgetedChars implements CharSequence {
        private final String s;
        private final long[] left;

        BudgetedChars(String s, long budget) {
            this(s, new long[] {budget});
        }

        private BudgetedChars(String s, long[] left) {
            this.s = s;
            this.left = left;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new EvaluationLimitException("regular expression exceeded " + REGEX_BUDGET + " steps");
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedChars(s.substring(start, end), left);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
