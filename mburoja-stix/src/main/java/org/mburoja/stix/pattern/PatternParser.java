package org.mburoja.stix.pattern;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.mburoja.stix.StixTimestamp;
import org.mburoja.stix.pattern.PatternLexer.Kind;
import org.mburoja.stix.pattern.PatternLexer.Token;
import org.mburoja.stix.pattern.StixPattern.AnyIndex;
import org.mburoja.stix.pattern.StixPattern.Comparison;
import org.mburoja.stix.pattern.StixPattern.ComparisonAnd;
import org.mburoja.stix.pattern.StixPattern.ComparisonExpression;
import org.mburoja.stix.pattern.StixPattern.ComparisonOr;
import org.mburoja.stix.pattern.StixPattern.Exists;
import org.mburoja.stix.pattern.StixPattern.FollowedBy;
import org.mburoja.stix.pattern.StixPattern.Index;
import org.mburoja.stix.pattern.StixPattern.Literal;
import org.mburoja.stix.pattern.StixPattern.Observation;
import org.mburoja.stix.pattern.StixPattern.ObservationAnd;
import org.mburoja.stix.pattern.StixPattern.ObservationExpression;
import org.mburoja.stix.pattern.StixPattern.ObservationOr;
import org.mburoja.stix.pattern.StixPattern.ObjectPath;
import org.mburoja.stix.pattern.StixPattern.Operator;
import org.mburoja.stix.pattern.StixPattern.PathStep;
import org.mburoja.stix.pattern.StixPattern.Property;
import org.mburoja.stix.pattern.StixPattern.Qualified;
import org.mburoja.stix.pattern.StixPattern.Qualifier;

/**
 * Hand-written recursive-descent parser for STIX 2.1 patterns, as strict as OASIS's cti-pattern-validator: the
 * grammar of STIXPattern.g4 plus the semantic checks of the validator (hash values of known algorithms, duplicate
 * qualifiers, REPEATS/WITHIN positive, START before STOP, valid MATCHES regular expressions).
 *
 * <p>Errors are {@link PatternSyntaxException}s carrying the 1-based column. Bounded against hostile input: at most
 * {@value #MAX_LENGTH} characters and {@value #MAX_DEPTH} levels of parentheses.
 */
public final class PatternParser {

    public static final int MAX_LENGTH = 1_000_000;
    public static final int MAX_DEPTH = 100;

    private final List<Token> tokens;
    private int p;
    private int depth;

    private PatternParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a pattern; throws {@link PatternSyntaxException} with the column of the first problem. */
    public static StixPattern parse(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            throw new PatternSyntaxException("pattern longer than " + MAX_LENGTH + " characters", 1);
        }
        PatternParser parser = new PatternParser(PatternLexer.tokens(pattern));
        if (parser.peek().kind() == Kind.EOF) {
            throw new PatternSyntaxException("empty pattern", 1);
        }
        ObservationExpression root = parser.followedBy();
        Token t = parser.peek();
        if (t.kind() != Kind.EOF) {
            throw parser.unexpected(t, "end of pattern, AND, OR, FOLLOWEDBY or a qualifier");
        }
        return new StixPattern(root, pattern);
    }

    // ---- observation expressions

    private ObservationExpression followedBy() {
        List<ObservationExpression> ops = new ArrayList<>(List.of(observationOr()));
        while (acceptKeyword("FOLLOWEDBY")) {
            ops.add(observationOr());
        }
        return ops.size() == 1 ? ops.getFirst() : new FollowedBy(List.copyOf(ops));
    }

    private ObservationExpression observationOr() {
        List<ObservationExpression> ops = new ArrayList<>(List.of(observationAnd()));
        while (acceptKeyword("OR")) {
            ops.add(observationAnd());
        }
        return ops.size() == 1 ? ops.getFirst() : new ObservationOr(List.copyOf(ops));
    }

    private ObservationExpression observationAnd() {
        List<ObservationExpression> ops = new ArrayList<>(List.of(qualifiedObservation()));
        while (acceptKeyword("AND")) {
            ops.add(qualifiedObservation());
        }
        return ops.size() == 1 ? ops.getFirst() : new ObservationAnd(List.copyOf(ops));
    }

    /**
     * An observation with its qualifiers. Like the OASIS validator, a qualifier kind may appear only once directly
     * on a bracketed observation; a parenthesised expression may be qualified again ({@code ([..] REPEATS 2 TIMES)
     * REPEATS 2 TIMES} is valid).
     */
    private ObservationExpression qualifiedObservation() {
        boolean bracketed = peek().is(Kind.PUNCT, "[");
        ObservationExpression e = primaryObservation();
        List<Class<?>> seen = new ArrayList<>();
        while (true) {
            Token t = peek();
            Qualifier q;
            if (acceptKeyword("WITHIN")) {
                q = within(t);
            } else if (acceptKeyword("REPEATS")) {
                q = repeats(t);
            } else if (acceptKeyword("START")) {
                q = startStop(t);
            } else {
                misspelledKeyword(t, "WITHIN", "REPEATS", "START", "AND", "OR", "FOLLOWEDBY");
                return e;
            }
            if (bracketed && seen.contains(q.getClass())) {
                throw new PatternSyntaxException("duplicate " + t.text() + " qualifier", t.pos() + 1);
            }
            seen.add(q.getClass());
            e = new Qualified(e, q);
        }
    }

    private ObservationExpression primaryObservation() {
        Token t = next();
        if (t.is(Kind.PUNCT, "[")) {
            enter(t);
            ComparisonExpression c = comparisonOr();
            expectPunct("]", "']' to close the observation expression started at column " + (t.pos() + 1));
            depth--;
            return new Observation(c);
        }
        if (t.is(Kind.PUNCT, "(")) {
            enter(t);
            ObservationExpression e = followedBy();
            expectPunct(")", "')' to close the parenthesis at column " + (t.pos() + 1));
            depth--;
            return e;
        }
        if (t.kind() == Kind.IDENT && peek().is(Kind.PUNCT, ":")) {
            throw new PatternSyntaxException("comparison outside an observation: enclose it in '[' and ']'",
                    t.pos() + 1);
        }
        throw unexpected(t, "'[' or '('");
    }

    private Qualifier within(Token at) {
        Token n = next();
        BigDecimal seconds;
        if (n.kind() == Kind.INT || n.kind() == Kind.FLOAT) {
            seconds = new BigDecimal(n.text());
        } else {
            throw unexpected(n, "a number of seconds after WITHIN");
        }
        if (seconds.signum() <= 0) {
            throw new PatternSyntaxException("WITHIN needs a positive number of seconds", n.pos() + 1);
        }
        expectKeyword("SECONDS");
        return new StixPattern.Within(seconds);
    }

    private Qualifier repeats(Token at) {
        Token n = next();
        if (n.kind() != Kind.INT) {
            throw unexpected(n, "an integer after REPEATS");
        }
        BigInteger times = new BigInteger(n.text());
        if (times.signum() <= 0 || times.bitLength() > 31) {
            throw new PatternSyntaxException("REPEATS needs a positive integer", n.pos() + 1);
        }
        expectKeyword("TIMES");
        return new StixPattern.Repeats(times.intValue());
    }

    private Qualifier startStop(Token at) {
        Token start = next();
        if (start.kind() != Kind.TIMESTAMP) {
            throw unexpected(start, "a timestamp literal t'...' after START");
        }
        expectKeyword("STOP");
        Token stop = next();
        if (stop.kind() != Kind.TIMESTAMP) {
            throw unexpected(stop, "a timestamp literal t'...' after STOP");
        }
        var a = StixTimestamp.parse(start.text());
        var b = StixTimestamp.parse(stop.text());
        if (!b.isAfter(a)) {
            throw new PatternSyntaxException("STOP must be later than START", stop.pos() + 1);
        }
        return new StixPattern.StartStop(a, b);
    }

    // ---- comparison expressions

    private ComparisonExpression comparisonOr() {
        List<ComparisonExpression> ops = new ArrayList<>(List.of(comparisonAnd()));
        while (acceptKeyword("OR")) {
            ops.add(comparisonAnd());
        }
        return ops.size() == 1 ? ops.getFirst() : new ComparisonOr(List.copyOf(ops));
    }

    private ComparisonExpression comparisonAnd() {
        List<ComparisonExpression> ops = new ArrayList<>(List.of(propTest()));
        while (acceptKeyword("AND")) {
            ops.add(propTest());
        }
        if (ops.size() == 1) {
            return ops.getFirst();
        }
        return new ComparisonAnd(List.copyOf(ops));
    }

    private ComparisonExpression propTest() {
        Token t = peek();
        if (t.is(Kind.PUNCT, "(")) {
            next();
            enter(t);
            ComparisonExpression e = comparisonOr();
            expectPunct(")", "')' to close the parenthesis at column " + (t.pos() + 1));
            depth--;
            return e;
        }
        if (acceptKeyword("EXISTS")) {
            return new Exists(objectPath());
        }
        misspelledKeyword(t, "EXISTS");
        ObjectPath path = objectPath();
        boolean negated = acceptKeyword("NOT");
        Token op = next();
        Operator operator = operator(op);
        Literal value = switch (operator) {
            case EQ, NEQ -> primitive(next(), true);
            case GT, LT, GE, LE -> primitive(next(), false);
            case IN -> set();
            case LIKE, MATCHES, ISSUBSET, ISSUPERSET -> {
                Token s = next();
                if (s.kind() != Kind.STRING) {
                    throw unexpected(s, "a string literal after " + operator);
                }
                if (operator == Operator.MATCHES) {
                    checkRegex(s);
                }
                yield new StixPattern.StringLiteral(s.text());
            }
        };
        Comparison c = new Comparison(path, negated, operator, value);
        PatternChecks.hashValue(c, t.pos() + 1);
        return c;
    }

    private Operator operator(Token op) {
        if (op.kind() == Kind.OP) {
            return switch (op.text()) {
                case "=" -> Operator.EQ;
                case "!=" -> Operator.NEQ;
                case "<" -> Operator.LT;
                case "<=" -> Operator.LE;
                case ">" -> Operator.GT;
                default -> Operator.GE;
            };
        }
        if (op.kind() == Kind.KEYWORD) {
            switch (op.text()) {
                case "IN": return Operator.IN;
                case "LIKE": return Operator.LIKE;
                case "MATCHES": return Operator.MATCHES;
                case "ISSUBSET": return Operator.ISSUBSET;
                case "ISSUPERSET": return Operator.ISSUPERSET;
                default: break;
            }
        }
        misspelledKeyword(op, "NOT", "IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET");
        throw unexpected(op, "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
    }

    private ObjectPath objectPath() {
        Token type = next();
        if (type.kind() != Kind.IDENT) {
            throw unexpected(type, "an object path (type:property)");
        }

        expectPunct(":", "':' after the object type");
        List<PathStep> steps = new ArrayList<>();
        steps.add(new Property(pathName(next())));
        while (true) {
            Token t = peek();
            if (t.is(Kind.PUNCT, "[")) {
                next();
                Token idx = next();
                if (idx.is(Kind.PUNCT, "*")) {
                    steps.add(new AnyIndex());
                } else if (idx.kind() == Kind.INT) {
                    BigInteger n = new BigInteger(idx.text());
                    if (n.bitLength() > 31) {
                        throw new PatternSyntaxException("list index out of range", idx.pos() + 1);
                    }
                    steps.add(new Index(n.intValue()));
                } else {
                    throw unexpected(idx, "an integer or '*' as list index");
                }
                expectPunct("]", "']' to close the list index");
            } else if (t.kind() == Kind.FLOAT && t.text().startsWith(".")) {
                throw new PatternSyntaxException("property names must not start with a digit", t.pos() + 2);
            } else if (t.is(Kind.PUNCT, ".")) {
                next();
                steps.add(new Property(pathName(next())));
            } else {
                break;
            }
        }
        return new ObjectPath(type.text(), List.copyOf(steps));
    }

    private String pathName(Token t) {
        if (t.kind() == Kind.STRING) {
            return t.text();
        }
        if (t.kind() == Kind.IDENT || t.kind() == Kind.KEYWORD || t.kind() == Kind.BOOL) {
            if (t.text().contains("-")) {
                throw new PatternSyntaxException("property name '" + t.text()
                        + "' contains '-': quote it ('" + t.text() + "')", t.pos() + 1);
            }
            return t.text();
        }
        throw unexpected(t, "a property name");
    }

    private Literal set() {
        Token open = next();
        if (!open.is(Kind.PUNCT, "(")) {
            throw unexpected(open, "'(' to start the set after IN");
        }
        List<Literal> values = new ArrayList<>();
        if (peek().is(Kind.PUNCT, ")")) {
            next();
            return new StixPattern.SetLiteral(List.of());
        }
        do {
            values.add(primitive(next(), true));
        } while (acceptPunct(","));
        expectPunct(")", "',' or ')' in the set started at column " + (open.pos() + 1));
        return new StixPattern.SetLiteral(List.copyOf(values));
    }

    private Literal primitive(Token t, boolean boolAllowed) {
        return switch (t.kind()) {
            case STRING -> new StixPattern.StringLiteral(t.text());
            case INT -> new StixPattern.IntLiteral(new BigInteger(t.text()));
            case FLOAT -> new StixPattern.FloatLiteral(new BigDecimal(t.text()));
            case BOOL -> {
                if (!boolAllowed) {
                    throw new PatternSyntaxException("booleans cannot be ordered", t.pos() + 1);
                }
                yield new StixPattern.BoolLiteral(t.text().equals("true"));
            }
            case BINARY -> new StixPattern.BinaryLiteral(Base64.getDecoder().decode(t.text()));
            case HEX -> new StixPattern.HexLiteral(HexFormat.of().parseHex(t.text()));
            case TIMESTAMP -> new StixPattern.TimestampLiteral(StixTimestamp.parse(t.text()), t.text());
            case IDENT -> {
                if (t.text().equalsIgnoreCase("true") || t.text().equalsIgnoreCase("false")) {
                    throw new PatternSyntaxException("boolean literals are lower case: '"
                            + t.text().toLowerCase(Locale.ROOT) + "'", t.pos() + 1);
                }
                throw new PatternSyntaxException("'" + t.text() + "' is not a literal; strings need quotes",
                        t.pos() + 1);
            }
            default -> throw unexpected(t, "a literal value");
        };
    }

    private void checkRegex(Token s) {
        try {
            java.util.regex.Pattern.compile(s.text());
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new PatternSyntaxException("invalid regular expression for MATCHES: " + e.getDescription(),
                    s.pos() + 1);
        }
    }

    // ---- token helpers

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw new PatternSyntaxException("nesting deeper than " + MAX_DEPTH + " levels", t.pos() + 1);
        }
    }

    private Token peek() {
        return tokens.get(p);
    }

    private Token next() {
        Token t = tokens.get(p);
        if (t.kind() != Kind.EOF) {
            p++;
        }
        return t;
    }

    private boolean acceptKeyword(String k) {
        if (peek().is(Kind.KEYWORD, k)) {
            p++;
            return true;
        }
        return false;
    }

    private boolean acceptPunct(String s) {
        if (peek().is(Kind.PUNCT, s)) {
            p++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String k) {
        Token t = next();
        if (!t.is(Kind.KEYWORD, k)) {
            misspelledKeyword(t, k);
            throw unexpected(t, k);
        }
    }

    private void expectPunct(String s, String what) {
        Token t = next();
        if (!t.is(Kind.PUNCT, s)) {
            misspelledKeyword(t, "AND", "OR");
            throw unexpected(t, what);
        }
    }

    /** Keywords are case-sensitive: {@code and} where {@code AND} belongs gets a precise message. */
    private static void misspelledKeyword(Token t, String... expected) {
        if (t.kind() != Kind.IDENT) {
            return;
        }
        String upper = t.text().toUpperCase(Locale.ROOT);
        for (String k : expected) {
            if (k.equals(upper)) {
                throw new PatternSyntaxException("keyword '" + t.text() + "' must be written in upper case: '"
                        + k + "'", t.pos() + 1);
            }
        }
        if (PatternLexer.KEYWORDS.contains(upper)) {
            throw new PatternSyntaxException("keyword '" + t.text() + "' must be written in upper case: '"
                    + upper + "'", t.pos() + 1);
        }
    }

    private PatternSyntaxException unexpected(Token t, String expected) {
        String found = t.kind() == Kind.EOF ? "end of pattern" : "'" + abbreviate(t.text()) + "'";
        return new PatternSyntaxException("expected " + expected + " but found " + found, t.pos() + 1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
