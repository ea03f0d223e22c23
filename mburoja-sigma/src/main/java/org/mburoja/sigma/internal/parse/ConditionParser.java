package org.mburoja.sigma.internal.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mburoja.sigma.model.Condition;

/**
 * Parses a detection condition. Grammar (precedence low to high: {@code or}, {@code and}, {@code not}):
 * <pre>
 * or      := and ("or" and)*
 * and     := unary ("and" unary)*
 * unary   := "not" unary | "(" or ")" | quant "of" target | identifier
 * quant   := integer | "all" | "any"
 * target  := "them" | identifier-pattern (with * wildcards)
 * </pre>
 * Pipes ({@code | count() > 5}) were Sigma 1 aggregations, replaced by correlation rules; they are rejected.
 * Keywords are matched case-insensitively. Nesting deeper than 64 levels is rejected (hostile input).
 */
public final class ConditionParser {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "of", "them", "all", "any", "(", ")");
    private static final int MAX_DEPTH = 64;
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,6}");

    private final List<String> tokens;
    private final int line;
    private final String field;
    private int pos;
    private int depth;

    private ConditionParser(List<String> tokens, int line, String field) {
        this.tokens = tokens;
        this.line = line;
        this.field = field;
    }

    /** Parses {@code text}; errors carry {@code line} and {@code field}. */
    public static Condition parse(String text, int line, String field) {
        if (text.indexOf('|') >= 0) {
            throw new RuleSyntaxException(line, field,
                    "aggregation expressions ('|') are Sigma 1 syntax; use a correlation rule instead");
        }
        ConditionParser p = new ConditionParser(tokenize(text), line, field);
        if (p.tokens.isEmpty()) {
            throw new RuleSyntaxException(line, field, "condition is empty");
        }
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            throw p.fail("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return c;
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && text.charAt(i) != '(' && text.charAt(i) != ')') {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    private Condition or() {
        List<Condition> items = new ArrayList<>();
        items.add(and());
        while (peekKeyword("or")) {
            pos++;
            items.add(and());
        }
        return items.size() == 1 ? items.getFirst() : new Condition.Or(List.copyOf(items));
    }

    private Condition and() {
        List<Condition> items = new ArrayList<>();
        items.add(unary());
        while (peekKeyword("and")) {
            pos++;
            items.add(unary());
        }
        return items.size() == 1 ? items.getFirst() : new Condition.And(List.copyOf(items));
    }

    private Condition unary() {
        if (++depth > MAX_DEPTH) {
            throw fail("condition nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            String t = next("a search identifier, 'not', '(' or 'N of'");
            String lower = t.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("not")) {
                return new Condition.Not(unary());
            }
            if (t.equals("(")) {
                Condition inner = or();
                String close = next("')'");
                if (!close.equals(")")) {
                    throw fail("expected ')' but found '" + close + "'");
                }
                return inner;
            }
            if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase("of")) {
                int count;
                if (lower.equals("all")) {
                    count = -1;
                } else if (lower.equals("any")) {
                    count = 1;
                } else if (INTEGER.matcher(t).matches() && Integer.parseInt(t) > 0) {
                    count = Integer.parseInt(t);
                } else {
                    throw fail("'" + t + " of' needs a positive number, 'all' or 'any' before 'of'");
                }
                pos++;
                String target = next("'them' or a search identifier pattern after 'of'");
                if (KEYWORDS.contains(target.toLowerCase(java.util.Locale.ROOT)) && !target.equalsIgnoreCase("them")) {
                    throw fail("expected 'them' or an identifier pattern after 'of', found '" + target + "'");
                }
                return new Condition.Of(count, target.equalsIgnoreCase("them") ? "them" : target);
            }
            if (KEYWORDS.contains(lower)) {
                throw fail("expected a search identifier but found '" + t + "'");
            }
            return new Condition.Ref(t);
        } finally {
            depth--;
        }
    }

    private boolean peekKeyword(String keyword) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(keyword);
    }

    private String next(String expected) {
        if (pos >= tokens.size()) {
            throw fail("condition ends early; expected " + expected);
        }
        return tokens.get(pos++);
    }

    private RuleSyntaxException fail(String reason) {
        return new RuleSyntaxException(line, field, reason);
    }
}
