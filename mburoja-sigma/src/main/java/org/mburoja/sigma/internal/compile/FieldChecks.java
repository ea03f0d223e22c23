package org.mburoja.sigma.internal.compile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.EventTimes;
import org.mburoja.sigma.internal.event.FlatEvent;
import org.mburoja.sigma.model.Modifier;

/** The field tests a detection compiles to. Each reads the field once; list values match when any element does. */
final class FieldChecks {

    private FieldChecks() {
    }

    /** String tests (globs, regular expressions) on one field; {@code all}: every test must hold. */
    record TextCheck(String field, TextTest[] tests, RegexMatcher[] regexes, boolean cased, boolean all)
            implements Check {
        /** One per plain comparison, more for a search inside the text, far more for a regular expression. */
        public int cost() {
            int c = 1;
            for (TextTest t : tests) {
                c += switch (t) {
                    case TextTest.Equals e -> 1;
                    case TextTest.Prefix p -> 1;
                    case TextTest.Suffix x -> 1;
                    case TextTest.Anything a -> 0;
                    case TextTest.Contains k -> 3;
                    case TextTest.Wildcard w -> 6;
                };
            }
            return c + 40 * regexes.length;
        }

        public boolean test(EventContext ctx) {
            EventContext.FieldText t = ctx.text(field);
            if (t.raw != null) {
                return matches(t.raw, cased ? t.raw : t.folded(), ctx);
            }
            if (t.value instanceof List<?> list) {
                for (Object e : list) {
                    if (e != null && !(e instanceof Map) && !(e instanceof List) && matches(Text.of(e), cased ? Text.of(e) : Text.fold(Text.of(e)), ctx)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** {@link #matches} on printable-ASCII bytes, for checks without regular expressions. */
        boolean matchesAscii(byte[] b, int from, int to, boolean fold) {
            if (all) {
                for (TextTest t : tests) {
                    if (!t.testAscii(b, from, to, fold)) {
                        return false;
                    }
                }
                return true;
            }
            for (TextTest t : tests) {
                if (t.testAscii(b, from, to, fold)) {
                    return true;
                }
            }
            return false;
        }

        boolean matches(String raw, String text, EventContext ctx) {
            if (all) {
                for (TextTest t : tests) {
                    if (!t.test(text)) {
                        return false;
                    }
                }
                for (RegexMatcher r : regexes) {
                    if (!r.find(raw, ctx)) {
                        return false;
                    }
                }
                return true;
            }
            for (TextTest t : tests) {
                if (t.test(text)) {
                    return true;
                }
            }
            for (RegexMatcher r : regexes) {
                if (r.find(raw, ctx)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A keyword search: the tests run on every scalar value of the event. On a {@link FlatEvent}, a search with few
     * tests and no regular expression reads the printable-ASCII values straight from the line's bytes
     * ({@link TextTest#testAscii}) instead of making and case-folding a String of every field: with one keyword
     * (NotPetya's {@code \perfc.dat}) on every process creation, that was the costliest rule of SigmaHQ on EVTX.
     * With many tests the folded String, made once and shared, is the cheaper form.
     */
    record KeywordCheck(TextCheck inner) implements Check {

        /** The inner tests on every field of the event (a Windows event has 20 to 30). */
        public int cost() {
            return 25 * inner.cost();
        }

        /** Up to this many tests the byte path is used. */
        static final int BYTE_TESTS = 8;

        public boolean test(EventContext ctx) {
            if (ctx.event() instanceof FlatEvent f && inner.regexes().length == 0 && inner.tests().length <= BYTE_TESTS) {
                return testFlat(f, ctx);
            }
            boolean[] hit = {false};
            ctx.event().forEach((k, v) -> {
                if (hit[0] || v == null || v instanceof Map) {
                    return;
                }
                if (v instanceof List<?> list) {
                    for (Object e : list) {
                        if (e != null && !(e instanceof Map) && !(e instanceof List)) {
                            String raw = Text.of(e);
                            hit[0] |= inner.matches(raw, inner.cased() ? raw : Text.fold(raw), ctx);
                        }
                    }
                } else {
                    String raw = Text.of(v);
                    hit[0] = inner.matches(raw, inner.cased() ? raw : ctx.folded(k, v), ctx);
                }
            });
            return hit[0];
        }

        /** The same visit as the generic path (a flat event holds no lists or maps), ASCII values as bytes. */
        private boolean testFlat(FlatEvent f, EventContext ctx) {
            byte[] line = f.line();
            boolean fold = !inner.cased();
            for (int slot : f.order()) {
                int start = f.spanStart(slot);
                if (start >= 0) {
                    if (inner.matchesAscii(line, start, f.spanEnd(slot), fold)) {
                        return true;
                    }
                    continue;
                }
                Object v = f.value(slot);
                if (v != null) {
                    String raw = Text.of(v);
                    if (inner.matches(raw, inner.cased() ? raw : ctx.folded(f.key(slot), v), ctx)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** {@code field: null}: the field is absent or holds null. */
    record NullCheck(String field) implements Check {
        public boolean test(EventContext ctx) {
            return ctx.get(field) == null;
        }
    }

    /** {@code field|exists: true/false}. */
    record ExistsCheck(String field, boolean expected) implements Check {
        public boolean test(EventContext ctx) {
            return ctx.event().has(field) == expected;
        }
    }

    /** {@code neq}: the field is present and differs from every given value. */
    record NotEqualCheck(String field, Check any) implements Check {
        public int cost() {
            return 1 + any.cost();
        }

        public boolean test(EventContext ctx) {
            return ctx.get(field) != null && !any.test(ctx);
        }
    }

    /** Numeric comparison, optionally on a part of a timestamp (minute ... year). */
    record NumberCheck(String field, Modifier op, Modifier timePart, BigDecimal[] values, boolean all) implements Check {
        public int cost() {
            return 4 + values.length;
        }

        public boolean test(EventContext ctx) {
            Object v = ctx.get(field);
            if (v instanceof List<?> list) {
                for (Object e : list) {
                    if (e != null && one(e)) {
                        return true;
                    }
                }
                return false;
            }
            return v != null && one(v);
        }

        private boolean one(Object v) {
            BigDecimal x = timePart != null ? timePart(Text.of(v)) : number(v);
            if (x == null) {
                return false;
            }
            for (BigDecimal b : values) {
                boolean ok = compare(x.compareTo(b));
                if (ok && !all) {
                    return true;
                }
                if (!ok && all) {
                    return false;
                }
            }
            return all;
        }

        private boolean compare(int c) {
            if (op == null) {
                return c == 0;
            }
            return switch (op) {
                case LT -> c < 0;
                case LTE -> c <= 0;
                case GT -> c > 0;
                case GTE -> c >= 0;
                default -> c == 0;
            };
        }

        private BigDecimal timePart(String text) {
            Instant t = EventTimes.parse(text);
            if (t == null) {
                return null;
            }
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            return BigDecimal.valueOf(switch (timePart) {
                case MINUTE -> z.getMinute();
                case HOUR -> z.getHour();
                case DAY -> z.getDayOfMonth();
                case WEEK -> z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> z.getMonthValue();
                default -> z.getYear();
            });
        }

        static BigDecimal number(Object v) {
            if (v instanceof BigDecimal d) {
                return d;
            }
            if (v instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            String s = Text.of(v).trim();
            if (s.isEmpty() || s.length() > 40) {
                return null;
            }
            try {
                if (s.startsWith("0x") || s.startsWith("0X")) {
                    return new BigDecimal(new java.math.BigInteger(s.substring(2), 16));
                }
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** {@code cidr}: the field holds an IP address inside one of the networks. */
    record CidrCheck(String field, Cidr[] networks) implements Check {
        public int cost() {
            return 5 + networks.length;
        }

        public boolean test(EventContext ctx) {
            Object v = ctx.get(field);
            if (v instanceof List<?> list) {
                return list.stream().anyMatch(e -> e != null && one(Text.of(e)));
            }
            return v != null && one(Text.of(v));
        }

        private boolean one(String text) {
            byte[] addr = Cidr.parseAddress(text.trim());
            if (addr == null) {
                return false;
            }
            for (Cidr c : networks) {
                if (c.contains(addr)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code fieldref}: compares the field with another field of the same event. */
    record FieldRefCheck(String field, String[] others, Modifier position, boolean cased, boolean all) implements Check {
        public int cost() {
            return 3 + 3 * others.length;
        }

        public boolean test(EventContext ctx) {
            Object v = ctx.get(field);
            if (v == null || v instanceof List || v instanceof Map) {
                return false;
            }
            String a = cased ? Text.of(v) : Text.fold(Text.of(v));
            for (String o : others) {
                Object w = ctx.get(o);
                boolean ok = w != null && !(w instanceof List) && !(w instanceof Map) && compare(a, cased ? Text.of(w) : Text.fold(Text.of(w)));
                if (ok && !all) {
                    return true;
                }
                if (!ok && all) {
                    return false;
                }
            }
            return all;
        }

        private boolean compare(String a, String b) {
            if (position == null) {
                return a.equals(b);
            }
            return switch (position) {
                case STARTSWITH -> a.startsWith(b);
                case ENDSWITH -> a.endsWith(b);
                default -> a.contains(b);
            };
        }
    }
}
