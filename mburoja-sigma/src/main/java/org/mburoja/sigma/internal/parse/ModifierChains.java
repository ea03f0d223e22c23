package org.mburoja.sigma.internal.parse;

import java.util.List;
import org.mburoja.sigma.model.FieldMatch;
import org.mburoja.sigma.model.Modifier;
import org.mburoja.sigma.model.SigmaValue;

/**
 * Which modifier chains mean something (modifiers appendix v2.1). Checked at parse time so that a rule with
 * {@code |re|contains} or {@code |cidr|base64} is rejected with its line instead of silently matching nothing.
 */
final class ModifierChains {

    private ModifierChains() {
    }

    static void check(FieldMatch fm) {
        List<Modifier> mods = fm.modifiers();
        String path = fm.path();
        int line = fm.line();
        int positions = 0;
        for (Modifier m : mods) {
            positions += m.isPosition() ? 1 : 0;
        }
        if (positions > 1) {
            throw fail(fm, "only one of contains, startswith, endswith may be used");
        }
        if (mods.contains(Modifier.ALL) && fm.values().size() < 2) {
            throw fail(fm, "'all' needs a list of at least two values (the specification forbids it on one value)");
        }
        for (int i = 0; i < mods.size(); i++) {
            Modifier m = mods.get(i);
            switch (m) {
                case EXISTS -> {
                    if (mods.size() != 1) {
                        throw fail(fm, "'exists' cannot be combined with other modifiers");
                    }
                    if (fm.values().size() != 1 || !(fm.values().getFirst() instanceof SigmaValue.Bool)) {
                        throw fail(fm, "'exists' takes true or false");
                    }
                }
                case RE -> {
                    for (Modifier o : mods) {
                        if (o != Modifier.RE && !o.isRegexFlag() && o != Modifier.ALL && o != Modifier.NEQ) {
                            throw fail(fm, "'re' cannot be combined with '" + o.label() + "'");
                        }
                    }
                }
                case I, M, S -> {
                    if (!mods.contains(Modifier.RE) || mods.indexOf(Modifier.RE) > i) {
                        throw fail(fm, "'" + m.label() + "' is a flag of 're' and must follow it");
                    }
                }
                case CIDR -> {
                    for (Modifier o : mods) {
                        if (o != Modifier.CIDR && o != Modifier.NEQ) {
                            throw fail(fm, "'cidr' cannot be combined with '" + o.label() + "'");
                        }
                    }
                }
                case LT, LTE, GT, GTE -> {
                    boolean afterTime = i > 0 && mods.get(i - 1).isTimePart();
                    if (mods.size() != 1 && !(afterTime && mods.size() == 2)) {
                        throw fail(fm, "'" + m.label() + "' stands alone or follows one time modifier");
                    }
                    numeric(fm, m);
                }
                case MINUTE, HOUR, DAY, WEEK, MONTH, YEAR -> {
                    for (Modifier o : mods) {
                        if (o != m && !o.isComparison() && o != Modifier.NEQ && o != Modifier.ALL) {
                            throw fail(fm, "time modifier '" + m.label() + "' cannot be combined with '" + o.label() + "'");
                        }
                    }
                    numeric(fm, m);
                }
                case UTF16LE, UTF16BE, UTF16 -> {
                    boolean encodedAfter = mods.subList(i + 1, mods.size()).stream()
                            .anyMatch(o -> o == Modifier.BASE64 || o == Modifier.BASE64OFFSET);
                    if (!encodedAfter) {
                        throw fail(fm, "'" + m.label() + "' produces bytes and must be followed by base64 or base64offset");
                    }
                }
                case BASE64, BASE64OFFSET -> {
                    if (mods.stream().filter(o -> o == Modifier.BASE64 || o == Modifier.BASE64OFFSET).count() > 1) {
                        throw fail(fm, "only one of base64, base64offset may be used");
                    }
                    for (Modifier o : mods.subList(0, i)) {
                        if (o.isPosition() || o == Modifier.WINDASH) {
                            throw fail(fm, "'" + o.label() + "' adds wildcards or variants, which cannot be encoded; put it after '"
                                    + m.label() + "'");
                        }
                    }
                }
                case FIELDREF -> {
                    for (Modifier o : mods) {
                        if (o != Modifier.FIELDREF && o != Modifier.NEQ && o != Modifier.CASED && o != Modifier.ALL
                                && !o.isPosition()) {
                            throw fail(fm, "'fieldref' cannot be combined with '" + o.label() + "'");
                        }
                    }
                    if (fm.field() == null) {
                        throw fail(fm, "'fieldref' needs a field");
                    }
                }
                default -> {
                }
            }
        }
        if (fm.field() == null && (mods.contains(Modifier.EXISTS) || mods.stream().anyMatch(Modifier::isComparison)
                || mods.contains(Modifier.CIDR) || mods.stream().anyMatch(Modifier::isTimePart))) {
            throw fail(fm, "keyword searches take only string modifiers");
        }
        if (!mods.isEmpty() && !mods.equals(List.of(Modifier.NEQ)) && !mods.equals(List.of(Modifier.CASED))) {
            for (SigmaValue v : fm.values()) {
                if (v instanceof SigmaValue.Null) {
                    throw fail(fm, "null cannot be used with modifiers");
                }
            }
        }
        if (path == null || line < 0) {
            throw new IllegalStateException("field match without a place");
        }
    }

    private static void numeric(FieldMatch fm, Modifier m) {
        for (SigmaValue v : fm.values()) {
            if (!(v instanceof SigmaValue.Num)) {
                throw fail(fm, "'" + m.label() + "' needs numbers, found '" + YamlNodes.abbreviate(v.text()) + "'");
            }
        }
    }

    private static RuleSyntaxException fail(FieldMatch fm, String reason) {
        return new RuleSyntaxException(fm.line(), fm.path(), reason);
    }
}
