package org.mburoja.sigma.internal.compile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.mburoja.sigma.internal.parse.RuleSyntaxException;
import org.mburoja.sigma.model.FieldMatch;
import org.mburoja.sigma.model.Modifier;
import org.mburoja.sigma.model.SigmaValue;

/**
 * Turns one {@code field|modifiers: values} entry into a {@link Check}. Modifiers that transform values (expand,
 * utf16*, base64*, windash, contains/startswith/endswith) are applied left to right, as the rule writes them.
 */
public final class ValueCompiler {

    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.-]+)%");

    private final Map<String, List<String>> placeholders;
    private final int regexFactor;
    private final UnaryOperator<String> fieldNames;
    private final Memo memo;

    /**
     * What the compilers of one rule set share: a value's compiled form by its text and modifiers (SigmaHQ lists
     * 36,000 values, a third of them repeats such as {@code \powershell.exe}): its globs' text tests and literals.
     * Everything kept is immutable and none of it depends on the rule, so sharing changes no result. Errors are not
     * kept: a rule's error names its own place. Not thread-safe; one rule set at a time.
     */
    public static final class Memo {
        /** A value's text, whether it is a pattern (a string) or a literal (number, boolean), and its modifiers. */
        private static final class Key {
            final boolean pattern;
            final String text;
            final List<Modifier> modifiers;
            final int hash;

            Key(boolean pattern, String text, List<Modifier> modifiers) {
                this.pattern = pattern;
                this.text = text;
                this.modifiers = modifiers;
                int h = text.hashCode() * 31 + (pattern ? 1 : 0);
                for (Modifier m : modifiers) {
                    h = h * 31 + m.ordinal();
                }
                this.hash = h;
            }

            @Override
            public int hashCode() {
                return hash;
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && k.hash == hash && k.pattern == pattern && k.text.equals(text)
                        && k.modifiers.equals(modifiers);
            }
        }

        private final Map<Key, Value> values = new HashMap<>();
    }

    /** One value compiled: the text test of each of its globs (folded unless cased) and each one's folded longest literal. */
    private record Value(TextTest[] tests, String[] literals) {
    }

    public ValueCompiler(Map<String, List<String>> placeholders, int regexFactor, UnaryOperator<String> fieldNames) {
        this(placeholders, regexFactor, fieldNames, new Memo());
    }

    public ValueCompiler(Map<String, List<String>> placeholders, int regexFactor, UnaryOperator<String> fieldNames,
                         Memo memo) {
        this.placeholders = placeholders;
        this.regexFactor = regexFactor;
        this.fieldNames = fieldNames;
        this.memo = memo;
    }

    public Compiled compile(FieldMatch fm) {
        // interned: the flat events' names are too, so a field lookup mostly compares references
        String field = fm.field() == null ? null : fieldNames.apply(fm.field()).intern();
        List<Modifier> mods = fm.modifiers();
        if (mods.contains(Modifier.EXISTS)) {
            return new Compiled(new FieldChecks.ExistsCheck(field, ((SigmaValue.Bool) fm.values().getFirst()).value()), null);
        }
        boolean neq = mods.contains(Modifier.NEQ);
        Compiled inner = positive(fm, field, mods);
        if (neq) {
            if (field == null) {
                return new Compiled(Check.not(inner.check()), null);
            }
            return new Compiled(new FieldChecks.NotEqualCheck(field, inner.check()), null);
        }
        return inner;
    }

    private Compiled positive(FieldMatch fm, String field, List<Modifier> mods) {
        boolean all = mods.contains(Modifier.ALL);
        if (mods.contains(Modifier.FIELDREF)) {
            String[] others = fm.values().stream().map(v -> fieldNames.apply(v.text())).toArray(String[]::new);
            Modifier pos = mods.stream().filter(Modifier::isPosition).findFirst().orElse(null);
            return new Compiled(new FieldChecks.FieldRefCheck(field, others, pos, mods.contains(Modifier.CASED), all), null);
        }
        if (mods.contains(Modifier.CIDR)) {
            List<Cidr> nets = new ArrayList<>();
            for (SigmaValue v : fm.values()) {
                Cidr c = Cidr.parse(v.text().trim());
                if (c == null) {
                    throw fail(fm, "'" + v.text() + "' is not an IPv4 or IPv6 network");
                }
                nets.add(c);
            }
            return new Compiled(new FieldChecks.CidrCheck(field, nets.toArray(Cidr[]::new)), null);
        }
        Modifier timePart = null;
        Modifier cmp = null;
        for (Modifier m : mods) { // loops, not streams: this runs for every value of every rule at load
            if (timePart == null && m.isTimePart()) {
                timePart = m;
            }
            if (cmp == null && m.isComparison()) {
                cmp = m;
            }
        }
        if (timePart != null || cmp != null) {
            BigDecimal[] nums = fm.values().stream().map(v -> new BigDecimal(v.text().replace("_", ""))).toArray(BigDecimal[]::new);
            return new Compiled(new FieldChecks.NumberCheck(field, cmp, timePart, nums, all), null);
        }
        if (mods.contains(Modifier.RE)) {
            return regex(fm, field, mods, all);
        }
        return strings(fm, field, mods, all);
    }

    private Compiled regex(FieldMatch fm, String field, List<Modifier> mods, boolean all) {
        int flags = 0;
        if (mods.contains(Modifier.I)) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (mods.contains(Modifier.M)) {
            flags |= Pattern.MULTILINE;
        }
        if (mods.contains(Modifier.S)) {
            flags |= Pattern.DOTALL;
        }
        List<RegexMatcher> res = new ArrayList<>();
        for (SigmaValue v : fm.values()) {
            try {
                res.add(RegexMatcher.of(Pattern.compile(v.text(), flags), regexFactor));
            } catch (PatternSyntaxException e) {
                throw fail(fm, "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }
        FieldChecks.TextCheck tc = new FieldChecks.TextCheck(field, new TextTest[0], res.toArray(RegexMatcher[]::new), true, all);
        return new Compiled(field == null ? new FieldChecks.KeywordCheck(tc) : tc, field == null ? null : regexRequirement(field, res, all));
    }

    /** The literals the regular expressions need, for the pre-filter; null when one of them needs none. */
    private static Requirement regexRequirement(String field, List<RegexMatcher> res, boolean all) {
        Requirement req = null;
        Set<String> union = new HashSet<>();
        for (RegexMatcher r : res) {
            if (!(r instanceof LinearRegex lr) || lr.requiredLiterals() == null) {
                if (!all) {
                    return null;
                }
                continue;
            }
            Set<String> lits = new HashSet<>();
            for (String l : lr.requiredLiterals()) {
                if (!Requirement.usable(l)) {
                    lits = null;
                    break;
                }
                lits.add(Text.fold(l));
            }
            if (lits == null) {
                if (!all) {
                    return null;
                }
                continue;
            }
            if (all) {
                req = Requirement.and(req, Requirement.of(field, lits));
            } else {
                union.addAll(lits);
            }
        }
        return all ? req : union.isEmpty() ? null : Requirement.of(field, union);
    }

    private Compiled strings(FieldMatch fm, String field, List<Modifier> mods, boolean all) {
        boolean cased = mods.contains(Modifier.CASED);
        List<Check> nullChecks = new ArrayList<>();
        List<Value> groups = new ArrayList<>();
        for (SigmaValue v : fm.values()) {
            if (v instanceof SigmaValue.Null) {
                if (field == null) {
                    throw fail(fm, "null is not a keyword");
                }
                nullChecks.add(new FieldChecks.NullCheck(field));
                continue;
            }
            boolean expand = mods.contains(Modifier.EXPAND);
            Memo.Key key = expand ? null : new Memo.Key(v instanceof SigmaValue.Str, v.text(), mods);
            Value value = key == null ? null : memo.values.get(key);
            if (value == null) {
                value = value(fm, v, mods, cased, expand);
                if (key != null) {
                    memo.values.put(key, value);
                }
            }
            groups.add(value);
        }
        List<Check> checks = new ArrayList<>(nullChecks);
        Requirement req = null;
        boolean reqValid = nullChecks.isEmpty();
        if (!groups.isEmpty()) {
            if (all && groups.size() > 1) {
                List<Check> each = new ArrayList<>();
                for (Value g : groups) {
                    each.add(textCheck(field, List.of(g), cased, false));
                    req = Requirement.and(req, requirement(field, List.of(g)));
                }
                checks.add(Check.and(each));
            } else {
                checks.add(textCheck(field, groups, cased, false));
                req = requirement(field, groups);
            }
        }
        return new Compiled(Check.or(checks), reqValid ? req : null);
    }

    private Value value(FieldMatch fm, SigmaValue v, List<Modifier> mods, boolean cased, boolean expand) {
        List<Object> alts = new ArrayList<>();
        for (String text : expand(fm, v, expand)) {
            alts.add(v instanceof SigmaValue.Str ? Glob.parse(text) : Glob.literal(text));
        }
        for (Modifier m : mods) {
            alts = apply(fm, m, alts);
        }
        TextTest[] tests = new TextTest[alts.size()];
        String[] literals = new String[tests.length];
        for (int i = 0; i < tests.length; i++) {
            if (!(alts.get(i) instanceof Glob g)) {
                throw fail(fm, "utf16 encodings must be followed by base64 or base64offset");
            }
            Glob glob = cased ? g : g.fold();
            tests[i] = TextTest.of(glob);
            literals[i] = Text.fold(glob.longestLiteral());
        }
        return new Value(tests, literals);
    }

    private static Check textCheck(String field, List<Value> values, boolean cased, boolean all) {
        int n = 0;
        for (Value v : values) {
            n += v.tests().length;
        }
        TextTest[] tests = new TextTest[n];
        int k = 0;
        for (Value v : values) {
            System.arraycopy(v.tests(), 0, tests, k, v.tests().length);
            k += v.tests().length;
        }
        FieldChecks.TextCheck tc = new FieldChecks.TextCheck(field, tests, new RegexMatcher[0], cased, all);
        return field == null ? new FieldChecks.KeywordCheck(tc) : tc;
    }

    private static Requirement requirement(String field, List<Value> values) {
        if (field == null) {
            return null;
        }
        Set<String> lits = new HashSet<>();
        for (Value v : values) {
            for (String l : v.literals()) {
                if (!Requirement.usable(l)) {
                    return null;
                }
                lits.add(l);
            }
        }
        return Requirement.of(field, lits);
    }

    private List<String> expand(FieldMatch fm, SigmaValue v, boolean expand) {
        String text = v.text();
        if (!expand) {
            return List.of(text);
        }
        List<String> out = List.of(text);
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            List<String> values = placeholders.get(name);
            if (values == null || values.isEmpty()) {
                throw fail(fm, "placeholder '%" + name + "%' has no values configured");
            }
            List<String> next = new ArrayList<>();
            for (String s : out) {
                for (String val : values) {
                    next.add(s.replace("%" + name + "%", val));
                }
            }
            if (next.size() > 10_000) {
                throw fail(fm, "placeholder expansion yields more than 10000 values");
            }
            out = next;
        }
        return out;
    }

    private static List<Object> apply(FieldMatch fm, Modifier m, List<Object> in) {
        List<Object> out = new ArrayList<>();
        for (Object o : in) {
            switch (m) {
                case UTF16LE, UTF16BE, UTF16 -> {
                    String s = plain(fm, o, m);
                    byte[] body = s.getBytes(m == Modifier.UTF16BE ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
                    if (m == Modifier.UTF16) {
                        byte[] withBom = new byte[body.length + 2];
                        withBom[0] = (byte) 0xFF;
                        withBom[1] = (byte) 0xFE;
                        System.arraycopy(body, 0, withBom, 2, body.length);
                        body = withBom;
                    }
                    out.add(body);
                }
                case BASE64 -> out.add(Glob.literal(Base64.getEncoder().encodeToString(bytes(fm, o, m))));
                case BASE64OFFSET -> {
                    byte[] b = bytes(fm, o, m);
                    for (int i = 0; i < 3; i++) {
                        byte[] shifted = new byte[b.length + i];
                        for (int k = 0; k < i; k++) {
                            shifted[k] = ' ';
                        }
                        System.arraycopy(b, 0, shifted, i, b.length);
                        String enc = Base64.getEncoder().encodeToString(shifted);
                        int start = new int[] {0, 2, 3}[i];
                        int endCut = new int[] {0, 3, 2}[(b.length + i) % 3];
                        if (enc.length() - endCut > start) {
                            out.add(Glob.literal(enc.substring(start, enc.length() - endCut)));
                        }
                    }
                }
                case WINDASH -> out.add(glob(fm, o, m).windash());
                case CONTAINS -> out.add(glob(fm, o, m).withLeadingStar().withTrailingStar());
                case STARTSWITH -> out.add(glob(fm, o, m).withTrailingStar());
                case ENDSWITH -> out.add(glob(fm, o, m).withLeadingStar());
                default -> out.add(o);
            }
        }
        return out;
    }

    private static Glob glob(FieldMatch fm, Object o, Modifier m) {
        if (o instanceof Glob g) {
            return g;
        }
        throw fail(fm, "'" + m.label() + "' cannot follow a utf16 encoding without base64");
    }

    private static String plain(FieldMatch fm, Object o, Modifier m) {
        Glob g = glob(fm, o, m);
        if (!g.isPlain()) {
            throw fail(fm, "'" + m.label() + "' cannot encode a value with wildcards");
        }
        return g.plain();
    }

    private static byte[] bytes(FieldMatch fm, Object o, Modifier m) {
        return o instanceof byte[] b ? b : plain(fm, o, m).getBytes(StandardCharsets.UTF_8);
    }

    private static RuleSyntaxException fail(FieldMatch fm, String reason) {
        return new RuleSyntaxException(fm.line(), fm.path(), reason);
    }
}
